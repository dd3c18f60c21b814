package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.Guid;
import wsclose.trace.testing.EtlWriter;

/**
 * Size fields that lie about memory (issue: a 1.6 KB file ended in OutOfMemoryError): the logfile BufferSize and
 * compressed buffers' FilledBytes set to 64 MiB, that buffer repeated under 120 processor indexes. Read in a JVM
 * of its own with a 128 MB heap: every copy must read, with no error and no more memory than the file holds.
 */
class LyingSizesTest {
    static final int BUFFER = 8192;
    /** etl-format.md §A.2: WMI_BUFFER_HEADER fields. */
    static final int OFF_PROCESSOR = 0x28;
    static final int OFF_FILLED = 0x30;
    /** The EventTrace header record's payload (TRACE_LOGFILE_HEADER, BufferSize first) after its 0x20-byte system header. */
    static final int OFF_LOGFILE_BUFFER_SIZE = 0x48 + 0x20;

    @TempDir
    Path dir;

    static byte[] intact() {
        return intact(true);
    }

    /** Events of the buffer at {@code offset} of {@code b}, or of the whole file when offset is -1. */
    static int events(byte[] b, int offset) {
        try {
            Path p = Files.createTempFile("wsclose-intact", ".etl");
            try (EtlFile f = EtlFile.open(Files.write(p, b))) {
                int[] n = {0};
                f.forEach(e -> {
                    if (offset < 0 || e.bufferFileOffset() == offset) {
                        n[0]++;
                    }
                });
                return n[0];
            } finally {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] intact(boolean compressed) {
        Guid provider = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
        Random rnd = new Random(7);
        EtlWriter w = EtlWriter.builder().processors(1).bufferSize(BUFFER).compressed(compressed).build();
        long ts = 2_000_000_000L;
        for (int i = 0; i < 60; i++) {
            byte[] payload = new byte[40 + rnd.nextInt(40)];
            for (int j = 0; j < payload.length; j++) {
                payload[j] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt() : j);
            }
            w.event(0, ts += 1000, provider, 1000, 0, 0, 4, 0, 0, 4321, 99, payload);
        }
        return w.toBytes();
    }

    static List<Integer> starts(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int off = 0; off + 72 <= b.length; off += Bytes.i32(b, off)) {
            out.add(off);
        }
        return out;
    }

    static byte[] lying(int streams) {
        byte[] b = intact();
        assertThat(Bytes.i32(b, OFF_LOGFILE_BUFFER_SIZE)).as("the logfile header's BufferSize field").isEqualTo(BUFFER);
        Bytes.put32(b, OFF_LOGFILE_BUFFER_SIZE, 64 << 20);
        List<Integer> s = starts(b);
        assertThat(s).hasSizeGreaterThanOrEqualTo(2);
        int data = s.get(1);
        int len = Bytes.i32(b, data);
        Bytes.put32(b, data + OFF_FILLED, 64 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, b.length);
        for (int p = 1; p < streams; p++) {
            byte[] copy = java.util.Arrays.copyOfRange(b, data, data + len);
            Bytes.put16(copy, OFF_PROCESSOR, p); // PROC_INDEX is set: a u16 processor index
            out.write(copy, 0, copy.length);
        }
        return out.toByteArray();
    }

    /** Run in the small-heap JVM: reads every event and prints the count and warnings. */
    public static void main(String[] args) throws IOException {
        try (EtlFile f = EtlFile.open(Path.of(args[0]))) {
            long[] n = {0};
            f.forEach(e -> n[0]++);
            System.out.println("events " + n[0]);
            f.warnings().forEach(w -> System.out.println("warning " + w));
        }
    }

    @Test
    void manyStreamsOfLyingSizesReadWithinASmallHeap() throws Exception {
        int streams = 120;
        byte[] b = lying(streams);
        Path p = Files.write(dir.resolve("lying.etl"), b);
        assertThat(b.length).isLessThan(streams * BUFFER);
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), LyingSizesTest.class.getName(), p.toString())
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("OutOfMemoryError");
        byte[] intact = intact();
        int data = starts(intact).get(1);
        long[] all = {0};
        long[] inData = {0};
        try (EtlFile f = EtlFile.open(Files.write(dir.resolve("intact.etl"), intact))) {
            f.forEach(e -> {
                all[0]++;
                if (e.bufferFileOffset() == data) {
                    inData[0]++;
                }
            });
        }
        // Every copy of the data buffer is read: FilledBytes beyond what it inflates to is only noted.
        assertThat(inData[0]).isPositive();
        assertThat(out).as(out).contains("events " + (all[0] + inData[0] * (streams - 1)) + "\n");
    }

    @Test
    void theSameFileReadsInThisJvmWithTheSameEvents() throws IOException {
        Path p = Files.write(dir.resolve("lying.etl"), lying(4));
        try (EtlFile f = EtlFile.open(p)) {
            long[] n = {0};
            f.forEach(e -> n[0]++);
            assertThat(n[0]).isGreaterThan(4);
            assertThat(f.warnings()).anySatisfy(w -> assertThat(w).contains("FilledBytes"));
        }
    }
}
