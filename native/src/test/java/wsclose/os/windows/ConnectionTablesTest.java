package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MIB_*ROW_OWNER_PID tables laid out as live-mode.md §A.2.4 gives them. */
class ConnectionTablesTest {

    /** Network byte order address bytes; the port big-endian in the DWORD's first two bytes. */
    private static Bin portAt(Bin b, int off, int port) {
        return b.u8(off, port >>> 8).u8(off + 1, port & 0xFF);
    }

    @Test
    void tcp4RowsOf24Bytes() {
        Bin b = new Bin(4 + 2 * 24).u32(0, 2);
        b.u32(4, 5).raw(8, new byte[] {127, 0, 0, 1});
        portAt(b, 12, 50_000).raw(16, new byte[] {10, 1, 2, 3});
        portAt(b, 20, 443).u32(24, 4242);
        b.u32(28, 2).raw(32, new byte[] {0, 0, 0, 0});
        portAt(b, 36, 8080).u32(48, 7);
        assertThat(ConnectionTables.tcp4(b.buffer())).containsExactly(
                new ConnectionTables.Row("tcp", "127.0.0.1:50000", "10.1.2.3:443", 5, 4242),
                new ConnectionTables.Row("tcp", "0.0.0.0:8080", "0.0.0.0:0", 2, 7));
    }

    @Test
    void tcp6RowsOf56Bytes() {
        byte[] one = new byte[16];
        one[15] = 1;
        Bin b = new Bin(4 + 56).u32(0, 1).raw(4, one).u32(20, 0);
        portAt(b, 24, 1234).raw(28, one).u32(44, 0);
        portAt(b, 48, 80).u32(52, 8).u32(56, 99);
        assertThat(ConnectionTables.tcp6(b.buffer())).containsExactly(
                new ConnectionTables.Row("tcp", "[::1]:1234", "[::1]:80", 8, 99));
    }

    @Test
    void udpRowsOf12And28Bytes() {
        Bin b4 = new Bin(4 + 12).u32(0, 1).raw(4, new byte[] {0, 0, 0, 0});
        portAt(b4, 8, 53).u32(12, 1100);
        assertThat(ConnectionTables.udp4(b4.buffer())).containsExactly(
                new ConnectionTables.Row("udp", "0.0.0.0:53", null, 0, 1100));
        Bin b6 = new Bin(4 + 28).u32(0, 1);
        portAt(b6, 24, 5353).u32(28, 1200);
        assertThat(ConnectionTables.udp6(b6.buffer())).containsExactly(
                new ConnectionTables.Row("udp", "[::]:5353", null, 0, 1200));
    }

    @Test
    void aCountLargerThanTheBufferIsBounded() {
        Bin b = new Bin(4 + 24).u32(0, 1000).u32(4, 5);
        assertThat(ConnectionTables.tcp4(b.buffer())).hasSize(1);
    }
}
