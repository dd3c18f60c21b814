package wsclose.os.linux;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import wsclose.trace.decode.Sockaddrs;

/**
 * Parsers for the /proc/net socket tables (live-mode.md §B.1). They are the fallback for sockets sock_diag
 * cannot see: a process in another network namespace is read through /proc/PID/net/*, which shows that
 * namespace. Pure functions of the text, so tests feed them recorded lines.
 */
final class ProcNet {
    static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private ProcNet() {
    }

    /**
     * /proc/net/{tcp,tcp6,udp,udp6}: {@code sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt
     * uid timeout inode ...}. Addresses are __be32 words printed as host-order hex, so each 8-digit word is
     * byte-reversed on a little-endian machine; ports are plain hex.
     */
    static List<DiagEntry> inet(String text, int family, int protocol, boolean littleEndian) {
        List<DiagEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":") || !Character.isDigit(f[0].charAt(0))) {
                continue; // the header line, or something we do not understand
            }
            try {
                String[] q = f[4].split(":");
                out.add(new DiagEntry(family, protocol, Integer.parseInt(f[3], 16), address(f[1], littleEndian),
                        address(f[2], littleEndian), Long.parseLong(q[1], 16), Long.parseLong(q[0], 16),
                        Integer.parseInt(f[7]), Long.parseLong(f[9]), 0, null));
            } catch (RuntimeException e) {
                // a malformed row: skip it rather than fail the whole snapshot
            }
        }
        return out;
    }

    /** "0100007F:1F90" -> "127.0.0.1:8080"; 32 hex digits before the colon are IPv6. */
    static String address(String hex, boolean littleEndian) {
        int colon = hex.indexOf(':');
        String ip = hex.substring(0, colon);
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        byte[] b = new byte[ip.length() / 2];
        for (int w = 0; w < b.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                int src = littleEndian ? 3 - i : i;
                b[w * 4 + i] = (byte) Integer.parseInt(ip.substring(w * 8 + src * 2, w * 8 + src * 2 + 2), 16);
            }
        }
        return (b.length == 16 ? "[" + Sockaddrs.ipv6(b, 0) + "]" : Sockaddrs.ipv4(b, 0)) + ":" + port;
    }

    /** One row of /proc/net/unix: {@code Num RefCount Protocol Flags Type St Inode [Path]}. */
    record UnixRow(long inode, int type, int state, boolean listening, String path) {
        String typeName() {
            return switch (type) {
                case 1 -> "stream";
                case 2 -> "dgram";
                case 5 -> "seqpacket";
                default -> "type " + type;
            };
        }

        /** socket_state: 1 unconnected, 2 connecting, 3 connected, 4 disconnecting. */
        String stateName() {
            if (listening) {
                return "LISTEN";
            }
            return switch (state) {
                case 1 -> "UNCONNECTED";
                case 2 -> "CONNECTING";
                case 3 -> "CONNECTED";
                case 4 -> "DISCONNECTING";
                default -> "";
            };
        }
    }

    static List<UnixRow> unix(String text) {
        List<UnixRow> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+", 8);
            if (f.length < 7 || !f[0].endsWith(":")) {
                continue;
            }
            try {
                long flags = Long.parseLong(f[3], 16);
                out.add(new UnixRow(Long.parseLong(f[6]), Integer.parseInt(f[4], 16), Integer.parseInt(f[5], 16),
                        (flags & 0x10000) != 0, f.length > 7 ? f[7] : ""));
            } catch (RuntimeException e) {
                // malformed row
            }
        }
        return out;
    }

    /** Inodes of /proc/net/netlink ({@code sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode}). */
    static List<Long> netlinkInodes(String text) {
        List<Long> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 10 && !f[0].equals("sk")) {
                try {
                    out.add(Long.parseLong(f[9]));
                } catch (NumberFormatException e) {
                    // malformed row
                }
            }
        }
        return out;
    }
}
