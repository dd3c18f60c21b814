package wsclose.trace.decode;

import wsclose.trace.model.Ip4;

/**
 * Windows SOCKADDR_IN / SOCKADDR_IN6 as found in AFD, TCPIP and Winsock-Sockets payloads: u16 family
 * little-endian (2 AF_INET, 23 AF_INET6), u16 port big-endian, then the IPv4 address, or flowinfo,
 * the 16-byte IPv6 address and the scope id (etl-format.md §B.0).
 */
public final class Sockaddrs {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 23;

    private Sockaddrs() {
    }

    /*
     * IPv4 addresses repeat on every event of a connection: a direct-mapped cache of their text saves a string per
     * event. Entries are immutable and a slot is one reference, so threads sharing it see a whole entry or another.
     * A miss writes the text digit by digit into a char array (a local port is new on every socket).
     */
    private static final int CACHE_BITS = 12;
    private static final Cached[] CACHE = new Cached[1 << CACHE_BITS];

    private record Cached(long key, String text) {
    }

    /** "10.0.0.1:443", "[fe80::1]:80"; a short or unknown address prints as its hex bytes. */
    public static String format(byte[] b, int off, int len) {
        long key = ip4Key(b, off, len);
        if (key != 0) {
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - CACHE_BITS));
            Cached c = CACHE[slot];
            if (c != null && c.key == key) {
                return c.text;
            }
            String text = Ip4.text(key);
            CACHE[slot] = new Cached(key, text);
            return text;
        }
        if (len >= 24 && family(b, off) == AF_INET6) {
            return "[" + ipv6(b, off + 8) + "]:" + port(b, off, len);
        }
        return Decoded.Hex.bytes(java.util.Arrays.copyOfRange(b, off, off + len)).toString();
    }

    /** The {@link Ip4} key of a SOCKADDR_IN (at least 8 bytes, family AF_INET), else 0: exactly when format prints "a.b.c.d:port". */
    public static long ip4Key(byte[] b, int off, int len) {
        if (len < 8 || family(b, off) != AF_INET) {
            return 0;
        }
        int ip = (b[off + 4] & 0xFF) << 24 | (b[off + 5] & 0xFF) << 16 | (b[off + 6] & 0xFF) << 8 | b[off + 7] & 0xFF;
        return Ip4.key(ip, port(b, off, len));
    }

    private static int family(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    /** The port of a SOCKADDR, or -1 when the bytes are too short. */
    public static int port(byte[] b, int off, int len) {
        return len >= 4 ? (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF) : -1;
    }

    public static String ipv4(byte[] b, int off) {
        return (b[off] & 0xFF) + "." + (b[off + 1] & 0xFF) + "." + (b[off + 2] & 0xFF) + "." + (b[off + 3] & 0xFF);
    }

    /** RFC 5952 text: lowercase, the longest run of two or more zero groups shortened to "::". */
    public static String ipv6(byte[] b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[off + 2 * i] & 0xFF) << 8 | (b[off + 2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
