package wsclose.trace.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static wsclose.trace.testing.EtlWriterTest.u16;
import static wsclose.trace.testing.EtlWriterTest.u32;
import static wsclose.trace.testing.EtlWriterTest.u8;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Writer options and helpers: per-CPU time order, Windows 7 buffer headers (§A.2), raw buffers, payloads. */
class EtlWriterVariantsTest {
    @Test
    void perCpuTimeMustNotGoBackwards() {
        EtlWriter w = EtlWriter.builder().processors(2).build().kernel(1, 50, 3, 1, 0, 0, 0, new byte[0]);
        w.kernel(0, 10, 3, 1, 0, 0, 0, new byte[0]);
        assertThatThrownBy(() -> w.kernel(1, 49, 3, 1, 0, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.kernel(2, 60, 3, 1, 0, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void win7StyleBuffers() {
        byte[] f = EtlWriter.builder().win7Style(true).processors(4).bufferSize(1024).os(6, 1, 7601).build()
                .kernel(3, 20, 3, 1, 3, 0, 0, new byte[4]).toBytes();
        assertThat(u32(f, 0x04)).as("header SavedOffset").isZero();
        assertThat(u16(f, 0x34)).as("header flags").isEqualTo(0x01);
        assertThat(u32(f, 0x68 + 4)).isEqualTo(0x05010106L);
        assertThat(u8(f, 1024 + 0x28)).isEqualTo(3);
        assertThat(u8(f, 1024 + 0x29)).isEqualTo(8);
        assertThat(u16(f, 1024 + 0x34)).isZero();
        assertThat(u32(f, 1024 + 0x04)).isEqualTo(u32(f, 1024 + 0x30));
    }

    @Test
    void rawBufferIsAppendedAndCounted() {
        byte[] junk = new byte[100];
        byte[] f = EtlWriter.builder().bufferSize(1024).build().rawBuffer(junk).toBytes();
        assertThat(f).hasSize(1124);
        assertThat(u32(f, 0x68 + 0x24)).isEqualTo(2);
        byte[] g = EtlWriter.builder().bufferSize(1024).buffersWritten(9).build().toBytes();
        assertThat(u32(g, 0x68 + 0x24)).isEqualTo(9);
    }

    @Test
    void payloadBuilder() {
        byte[] b = new PayloadBuilder(4).u8(1).u16(0x0203).u32(0x04050607L).ptr(0x0A0B0C0D).bool32(true)
                .utf16z("A").ansiz("B").build();
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("01" + "0302" + "07060504" + "0d0c0b0a" + "01000000" + "41000000" + "4200");
        assertThat(new PayloadBuilder(8).ptr(1).build()).hasSize(8);
        assertThat(HexFormat.of().formatHex(new PayloadBuilder(8).sockaddrIn("192.168.1.20", 443).build()))
                .isEqualTo("0200" + "01bb" + "c0a80114" + "0000000000000000");
        assertThat(HexFormat.of().formatHex(new PayloadBuilder(8).sockaddrIn6("fe80::1", 8080, 0, 5).build()))
                .isEqualTo("1700" + "1f90" + "00000000" + "fe800000000000000000000000000001" + "05000000");
        assertThat(new PayloadBuilder(8).sockaddrIn6("::ffff:10.0.0.1", 1).build()).hasSize(28);
        assertThatThrownBy(() -> new PayloadBuilder(8).sockaddrIn("example.com", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
