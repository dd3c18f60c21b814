package wsclose.trace.model;

/**
 * An IPv4 socket address packed in a long: the tag bit 48, the address in bits 16-47, the port in bits 0-15, so that
 * no address is 0 (0 means "not an IPv4 address"). The model keeps and compares addresses this way and makes their
 * text ("10.0.0.1:443") only when a report prints it: a local port is new on every socket, and formatting every
 * connect's, bind's and TCP join's address was about 7 % of the model thread's time on the 1.1 GB mixed trace.
 * IPv6 and other addresses stay text.
 */
public final class Ip4 {
    private static final long TAG = 1L << 48;

    private Ip4() {
    }

    /** The key of address {@code ip} (first octet in the high byte) and {@code port}. */
    public static long key(int ip, int port) {
        return TAG | (ip & 0xFFFFFFFFL) << 16 | port & 0xFFFF;
    }

    static int port(long key) {
        return (int) key & 0xFFFF;
    }

    static int ip(long key) {
        return (int) (key >>> 16);
    }

    /** "a.b.c.d:port", the text Sockaddrs gives a SOCKADDR_IN (the decoder's formatter writes the same bytes). */
    public static String text(long key) {
        byte[] c = new byte[21];
        int ip = ip(key);
        int n = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            if (shift < 24) {
                c[n++] = '.';
            }
            n = decimal(c, n, ip >>> shift & 0xFF);
        }
        c[n++] = ':';
        n = decimal(c, n, port(key));
        return new String(c, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code v} (0-65535) in decimal at {@code c[n]}; the position after it. */
    public static int decimal(byte[] c, int n, int v) {
        if (v >= 10000) {
            c[n++] = (byte) ('0' + v / 10000);
        }
        if (v >= 1000) {
            c[n++] = (byte) ('0' + v / 1000 % 10);
        }
        if (v >= 100) {
            c[n++] = (byte) ('0' + v / 100 % 10);
        }
        if (v >= 10) {
            c[n++] = (byte) ('0' + v / 10 % 10);
        }
        c[n++] = (byte) ('0' + v % 10);
        return n;
    }

    /**
     * The key of a text that is exactly what {@link #text} makes ("10.0.0.1:443"), else 0: addresses that reach the
     * model as text (legacy AFD events, kernel TcpIp, Linux) compare equal to the same address from a SOCKADDR.
     * Canonical means four octets 0-255 and a port 0-65535, each in decimal without a leading zero; anything else
     * ("010.0.0.1:80", "[::1]:80") stays text. No string is made: this runs on events that carry a text.
     */
    static long parse(String s) {
        int n = s.length();
        if (n < 9 || n > 21) {
            return 0;
        }
        int ip = 0;
        int i = 0;
        for (int part = 0; part < 5; part++) {
            int start = i;
            int v = 0;
            int max = part < 4 ? 3 : 5;
            while (i < n && i - start < max) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + c - '0';
                i++;
            }
            if (i == start || i - start > 1 && s.charAt(start) == '0') {
                return 0;
            }
            if (part < 4) {
                if (v > 255 || i >= n || s.charAt(i) != (part < 3 ? '.' : ':')) {
                    return 0;
                }
                i++;
                ip = ip << 8 | v;
            } else if (v > 0xFFFF || i != n) {
                return 0;
            }
            if (part == 4) {
                return key(ip, v);
            }
        }
        return 0;
    }

    /** Whether the address is a wildcard: port 0 or 0.0.0.0 (a socket bound but not yet connected). */
    static boolean unspecified(long key) {
        return port(key) == 0 || ip(key) == 0;
    }
}
