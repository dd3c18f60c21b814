package wsclose.trace.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Example;
import wsclose.trace.etl.EtlFile;

/** Unusual but documented inputs written with {@link EtlWriter}, read back with the reader. */
class EtlWriterOddInputTest {
    @Example
    void zeroFilledTailEndsTheData() throws IOException {
        EtlWriter w = EtlWriter.builder().bufferSize(4096).processors(2).build();
        w.kernel(1, 2_000_000_000L, 0x06, 10, 2, 1, 1, new byte[28]).kernel(0, 2_000_000_001L, 0x06, 11, 2, 1, 1, new byte[28]);
        byte[] good = w.toBytes();
        byte[] file = java.util.Arrays.copyOf(good, good.length + 3 * 4096); // §A.1: BufferSize 0 = end of data
        List<String> events = new ArrayList<>();
        Path tmp = Files.createTempFile("wsclose-tail", ".etl");
        try {
            Files.write(tmp, file);
            try (EtlFile etl = EtlFile.open(tmp)) {
                etl.forEach(e -> events.add(e.key()));
                assertThat(etl.buffers()).isEqualTo(3);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        assertThat(events).containsExactly("op0", "op10", "op11");
    }

    /**
     * §A.5.1: Version bit 0x8000 adds an 8-byte PEBS index and bits 8-10 count 8-byte PMC counters between
     * the fixed header and the payload; the event version is the low byte. §A.4: an ERROR record (0x0D) is
     * skipped by its Size.
     */
    @Example
    void extraKernelHeaderWordsAndErrorRecords() throws IOException {
        EtlWriter w = EtlWriter.builder().bufferSize(4096).build();
        byte[] p = new byte[8 + 16 + 5];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) i;
        }
        w.kernel(0, 2_000_000_001L, 0x06, 10, 0x8202, 1, 1, p);
        w.rawRecord(0, 2_000_000_002L, new byte[] {24, 0, 0x0D, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        w.perfinfo(0, 2_000_000_003L, 0x06, 11, 0x0102, new byte[8 + 8 + 3]);
        List<String> got = new ArrayList<>();
        Path tmp = Files.createTempFile("wsclose-extra", ".etl");
        try {
            w.writeTo(tmp);
            try (EtlFile etl = EtlFile.open(tmp)) {
                etl.forEach(e -> got.add(e.key() + " v" + e.version() + " " + HexFormat.of().formatHex(e.payloadBytes())));
                assertThat(etl.isIncomplete()).isFalse();
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        assertThat(got.subList(1, got.size())).containsExactly("op10 v2 18191a1b1c", "op11 v2 0000000000000000000000");
    }

    /**
     * §A.1/§A.3: a truncated file has fewer buffers; stop at EOF. 30 records of 136 bytes, 7 per 1024-byte buffer:
     * buffers 1-4 hold op10..op37, buffer 5 (file offset 5120) holds op38 at +0x48 and op39 at +0xD0, Offset 0x158.
     * The reader may salvage records of the cut buffer that lie wholly before EOF (the doc's pseudo-code stops),
     * but must never deliver a cut record, and must say the file is incomplete.
     */
    @Example
    void truncatedFileKeepsTheCompleteBuffers() throws IOException {
        EtlWriter w = EtlWriter.builder().bufferSize(1024).processors(1).build();
        for (int i = 0; i < 30; i++) {
            w.kernel(0, 2_000_000_000L + i, 0x06, 10 + i, 2, 1, 1, new byte[100]);
        }
        byte[] full = w.toBytes();
        assertThat(full.length).isEqualTo(1024 * 6);
        for (int cutAt : new int[] {5120 + 724, 5120 + 250, 5120 + 100, 5120 + 40}) {
            List<String> events = new ArrayList<>();
            Path tmp = Files.createTempFile("wsclose-cut", ".etl");
            try {
                Files.write(tmp, java.util.Arrays.copyOf(full, cutAt));
                try (EtlFile etl = EtlFile.open(tmp)) {
                    etl.forEach(e -> events.add(e.key()));
                    assertThat(etl.isIncomplete()).as("cut at %d", cutAt).isTrue();
                    assertThat(etl.warnings()).isNotEmpty();
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            List<String> complete = new ArrayList<>(List.of("op0"));
            for (int i = 10; i < 38; i++) {
                complete.add("op" + i);
            }
            assertThat(events).as("cut at %d", cutAt).startsWith(complete.toArray(String[]::new));
            int wholeRecordsBeforeCut = cutAt >= 5120 + 0x158 ? 2 : cutAt >= 5120 + 0x48 + 132 ? 1 : 0;
            assertThat(events.size() - complete.size()).as("cut at %d", cutAt).isBetween(0, wholeRecordsBeforeCut);
        }
    }
}
