package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import wsclose.trace.decode.Sockaddrs;

/**
 * GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) / GetExtendedUdpTable(UDP_TABLE_OWNER_PID) buffers (live-mode.md
 * §A.2.4): dwNumEntries u32, then rows from offset 4. MIB_TCPROW_OWNER_PID is 24 bytes (state, local address,
 * local port, remote address, remote port, pid), MIB_TCP6ROW_OWNER_PID 56 (local @0, scope @16, port @20, remote
 * @24, scope @40, port @44, state @48, pid @52), MIB_UDPROW_OWNER_PID 12 (address, port, pid) and
 * MIB_UDP6ROW_OWNER_PID 28 (address @0, scope @16, port @20, pid @24). Addresses are in network byte order;
 * ports are big-endian in the low 16 bits of their DWORD. The tables carry no handles: they are joined to
 * the handle snapshot on the address pair.
 */
final class ConnectionTables {
    private ConnectionTables() {
    }

    /** @param remote null for UDP; @param mibState 0 for UDP */
    record Row(String protocol, String local, String remote, int mibState, int pid) {
    }

    static List<Row> tcp4(ByteBuffer buffer) {
        return rows(buffer, 24, (b, r) -> new Row("tcp", v4(b, r + 4, r + 8), v4(b, r + 12, r + 16), b.getInt(r),
                b.getInt(r + 20)));
    }

    static List<Row> tcp6(ByteBuffer buffer) {
        return rows(buffer, 56, (b, r) -> new Row("tcp", v6(b, r, r + 20), v6(b, r + 24, r + 44), b.getInt(r + 48),
                b.getInt(r + 52)));
    }

    static List<Row> udp4(ByteBuffer buffer) {
        return rows(buffer, 12, (b, r) -> new Row("udp", v4(b, r, r + 4), null, 0, b.getInt(r + 8)));
    }

    static List<Row> udp6(ByteBuffer buffer) {
        return rows(buffer, 28, (b, r) -> new Row("udp", v6(b, r, r + 20), null, 0, b.getInt(r + 24)));
    }

    private interface RowReader {
        Row read(ByteBuffer b, int at);
    }

    private static List<Row> rows(ByteBuffer buffer, int rowSize, RowReader reader) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int o = b.position();
        List<Row> out = new ArrayList<>();
        if (b.remaining() < 4) {
            return out;
        }
        long n = Integer.toUnsignedLong(b.getInt(o));
        long fits = (b.remaining() - 4) / rowSize;
        for (int i = 0; i < Math.min(n, fits); i++) {
            out.add(reader.read(b, o + 4 + i * rowSize));
        }
        return out;
    }

    private static String v4(ByteBuffer b, int addr, int port) {
        byte[] a = new byte[4];
        b.get(addr, a);
        return Sockaddrs.ipv4(a, 0) + ":" + port(b, port);
    }

    private static String v6(ByteBuffer b, int addr, int port) {
        byte[] a = new byte[16];
        b.get(addr, a);
        return "[" + Sockaddrs.ipv6(a, 0) + "]:" + port(b, port);
    }

    /** The port sits in the low 16 bits in network byte order: the first two bytes of the little-endian DWORD. */
    private static int port(ByteBuffer b, int at) {
        return (b.get(at) & 0xFF) << 8 | (b.get(at + 1) & 0xFF);
    }
}
