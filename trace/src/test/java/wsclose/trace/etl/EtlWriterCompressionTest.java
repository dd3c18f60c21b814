package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.Guid;
import wsclose.trace.testing.EtlWriter;

/**
 * Compressed output of the test writer (etl-format.md §A.2.1): the header stays uncompressed, BufferFlag
 * 0x40 is set, BufferSize is the on-disk size, and the body inflates (with the package's own decoder) to
 * exactly the record area [0x48, Offset) of the same buffer written uncompressed.
 */
class EtlWriterCompressionTest {
    private static EtlWriter sample(boolean compressed) {
        Guid provider = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
        Random rnd = new Random(42);
        EtlWriter w = EtlWriter.builder().processors(3).bufferSize(8192).compressed(compressed).build();
        long[] ts = {2_000_000_000L, 2_000_000_000L, 2_000_000_000L};
        for (int i = 0; i < 600; i++) {
            int cpu = rnd.nextInt(3);
            ts[cpu] += rnd.nextInt(1000);
            byte[] payload = new byte[rnd.nextInt(120)];
            for (int j = 0; j < payload.length; j++) {
                payload[j] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt() : j); // compressible, not trivially
            }
            w.event(cpu, ts[cpu], provider, 1000 + rnd.nextInt(40), 0, 0, 4, 0, 0, 4321, 99, payload);
        }
        return w;
    }

    @Test
    void compressedBuffersInflateToTheUncompressedRecordArea() throws Exception {
        byte[] plain = sample(false).toBytes();
        byte[] packed = sample(true).toBytes();
        assertThat(packed.length).isLessThan(plain.length);
        // header buffer: stored uncompressed, full size, no COMPRESSED flag; LogFileMode has 0x04000000 (§A.7)
        assertThat(Bytes.u32(packed, 0)).isEqualTo(8192);
        assertThat(Bytes.u16(packed, 0x34)).isEqualTo(0x21);
        assertThat(Bytes.u32(packed, 0x68 + 0x20) & 0x04000000L).isNotZero();
        assertThat(Bytes.u32(plain, 0x68 + 0x20) & 0x04000000L).isZero();
        assertThat(Bytes.u32(packed, 0x68 + 0x24)).as("BuffersWritten").isEqualTo(Bytes.u32(plain, 0x68 + 0x24));
        int p = 8192;
        int q = 8192;
        int n = 0;
        while (p < plain.length) {
            int size = (int) Bytes.u32(packed, q);
            int filled = (int) Bytes.u32(packed, q + 0x30);
            assertThat(filled).isEqualTo(Bytes.u32(plain, p + 0x30));
            assertThat(Bytes.u16(packed, q + 0x34)).isEqualTo(0x60);
            assertThat(size).isGreaterThan(0x48).isLessThan(8192);
            // all other header fields equal the uncompressed buffer's
            assertThat(Arrays.copyOfRange(packed, q + 4, q + 0x34)).isEqualTo(Arrays.copyOfRange(plain, p + 4, p + 0x34));
            byte[] out = new byte[filled - 0x48];
            int got = Xpress.decompress(packed, q + 0x48, size - 0x48, out, 0, out.length);
            assertThat(got).isEqualTo(out.length);
            assertThat(out).isEqualTo(Arrays.copyOfRange(plain, p + 0x48, p + filled));
            p += 8192;
            q += size;
            n++;
        }
        assertThat(q).isEqualTo(packed.length);
        assertThat(n + 1L).isEqualTo(Bytes.u32(plain, 0x68 + 0x24));
    }
}
