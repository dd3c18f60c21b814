package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.Guid;
import wsclose.trace.testing.EtlWriter;

/** One damaged buffer header costs that buffer only: the reader steps (or scans) to the next valid header. */
class ResyncTest {
    @TempDir
    Path dir;

    static byte[] file(boolean compressed) {
        return file(compressed, 0);
    }

    /** @param endFileTime the header's EndTime, 0 for the writer's default */
    static byte[] file(boolean compressed, long endFileTime) {
        Guid provider = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
        Random rnd = new Random(11);
        var b = EtlWriter.builder().processors(2).bufferSize(4096).compressed(compressed);
        EtlWriter w = (endFileTime != 0 ? b.endFileTime(endFileTime) : b).build();
        long[] ts = {2_000_000_000L, 2_000_000_000L};
        for (int i = 0; i < 800; i++) {
            int cpu = i % 2;
            byte[] payload = new byte[30 + rnd.nextInt(60)];
            for (int j = 0; j < payload.length; j++) {
                payload[j] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt() : j);
            }
            w.event(cpu, ts[cpu] += 1000, provider, 1000, 0, 0, 4, 0, 0, 4321, 99, payload);
        }
        return w.toBytes();
    }

    record Read(List<Long> buffersWithEvents, long events, List<String> warnings, boolean incomplete) {
    }

    Read read(byte[] b, String name) throws IOException {
        Path p = Files.write(dir.resolve(name), b);
        try (EtlFile f = EtlFile.open(p)) {
            List<Long> buffers = new ArrayList<>();
            long[] n = {0};
            f.forEachInFileOrder(e -> {
                n[0]++;
                if (buffers.isEmpty() || buffers.get(buffers.size() - 1) != e.bufferFileOffset()) {
                    buffers.add(e.bufferFileOffset());
                }
            });
            return new Read(buffers, n[0], f.warnings(), f.isIncomplete());
        }
    }

    private void damagedBufferSizeIsSkipped(boolean compressed) throws IOException {
        byte[] intact = file(compressed);
        Read good = read(intact, "good.etl");
        List<Integer> starts = LyingSizesTest.starts(intact);
        assertThat(starts).hasSizeGreaterThan(6);
        int bad = starts.get(2);
        byte[] b = intact.clone();
        Bytes.put32(b, bad, 0x7FFF_FFF0); // BufferSize of buffer 2
        Read r = read(b, "bad.etl");
        List<Long> expected = new ArrayList<>(good.buffersWithEvents());
        expected.remove(Long.valueOf(bad));
        assertThat(r.buffersWithEvents()).as("every other buffer is read").isEqualTo(expected);
        assertThat(r.events()).isLessThan(good.events()).isGreaterThan(good.events() * 3 / 4);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("byte offset 0x" + Long.toHexString(bad) + " (buffer 2): expected BufferSize between 72 and ")
                .contains("found 2147483632; skipped " + (starts.get(3) - bad) + " bytes to the next valid buffer header at byte offset 0x"
                        + Long.toHexString(starts.get(3))));
    }

    @Test
    void fixedSizeBuffersStepByTheStride() throws IOException {
        damagedBufferSizeIsSkipped(false);
    }

    @Test
    void compressedBuffersAreFoundByScanning() throws IOException {
        damagedBufferSizeIsSkipped(true);
    }

    @Test
    void garbageToTheEndIsIncomplete() throws IOException {
        byte[] intact = file(false);
        List<Integer> starts = LyingSizesTest.starts(intact);
        byte[] b = intact.clone();
        for (int k = starts.get(3); k < b.length; k++) {
            b[k] = (byte) 0xA5;
        }
        Read r = read(b, "garbage.etl");
        assertThat(r.incomplete()).isTrue();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("no valid buffer header follows"));
        assertThat(r.buffersWithEvents()).allMatch(o -> o < starts.get(3));
    }
}
