package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Bytes;
import wsclose.trace.testing.MixedScenario;
import wsclose.trace.testing.WinsockScenario;

/**
 * A plain buffer is read in one read of the FilledBytes the index saw (BufferLoader.loadWhole). When the buffer
 * says otherwise by the time it is read (the file was changed after it was opened), it is read as it is now, the
 * way a file opened after the change reads it: the index's size is a hint, never trusted.
 */
class WholeReadTest {
    /** etl-format.md §A.2: WMI_BUFFER_HEADER.FilledBytes. */
    private static final int OFF_FILLED = 0x30;

    @TempDir
    Path dir;

    @Test
    void aBufferChangedAfterTheFileWasOpenedIsReadAsItIsNow() throws IOException {
        MixedScenario m = new MixedScenario(new WinsockScenario(8, 4).realistic(3, 0.001), 3);
        m.tell(600, 0.5);
        Path p = dir.resolve("mixed.etl");
        m.writeTo(p);
        byte[] b = Files.readAllBytes(p);
        List<Integer> starts = CorruptionPropertyTest.bufferOffsets(b);
        assertThat(starts.size()).isGreaterThan(8);
        List<Long> before;
        try (EtlFile f = EtlFile.open(p)) {
            before = walk(f);
        }
        List<Long> stale;
        try (EtlFile f = EtlFile.open(p)) {
            // after the index: three buffers keep only their first records (FilledBytes cut to a record's end)
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                for (int k = 1; k <= 3; k++) {
                    int at = starts.get(starts.size() * k / 4);
                    int cut = firstRecordEnd(b, at);
                    ByteBuffer v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, cut);
                    ch.write(v, at + OFF_FILLED);
                }
            }
            stale = walk(f);
        }
        List<Long> fresh;
        try (EtlFile f = EtlFile.open(p)) {
            fresh = walk(f);
        }
        assertThat(fresh.size()).as("the cut buffers lost records").isLessThan(before.size());
        assertThat(stale).as("read as the changed file reads when opened after the change").isEqualTo(fresh);
    }

    /** Timestamps and buffer offsets of every event in time order, then of every event in file order. */
    private static List<Long> walk(EtlFile f) throws IOException {
        List<Long> out = new ArrayList<>();
        f.forEach(e -> {
            out.add(e.timestamp());
            out.add(e.bufferFileOffset());
        });
        f.forEachInFileOrder(e -> out.add(e.timestamp()));
        return out;
    }

    /** The buffer offset just past the first record of the buffer at {@code at} (records are 8-byte aligned, §A.4). */
    private static int firstRecordEnd(byte[] b, int at) {
        int first = at + 72;
        int marker = Bytes.i32(b, first);
        int type = (marker >>> 16) & 0xFF;
        // EVENT_HEADER (0x12/0x13) and classic headers keep their size at +0, the kernel headers at +4 (§A.5)
        int size = type <= 0x04 || type == 0x10 || type == 0x11 ? Bytes.u16(b, first + 4) : Bytes.u16(b, first);
        return 72 + ((size + 7) & ~7);
    }
}
