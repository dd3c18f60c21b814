package wsclose.os.windows;

import wsclose.trace.decode.Sockaddrs;

/**
 * The answer of IOCTL_AFD_GET_ADDRESS / IOCTL_AFD_GET_REMOTE_ADDRESS (live-mode.md §A.2.3): for TLI sockets,
 * which covers TCP/IP, a SOCKADDR (family u16 little-endian, port big-endian, address) as in etl-format.md §B.0.
 * TDI sockets (e.g. Bluetooth) answer a TDI_ADDRESS_INFO instead; wsclose does not decode those.
 */
final class AfdAddress {
    private AfdAddress() {
    }

    /** "10.0.0.1:443" or "[::1]:80"; null when the bytes are not an IPv4/IPv6 SOCKADDR. */
    static String format(byte[] b, int length) {
        if (length < 8) {
            return null;
        }
        int family = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        if (family == Sockaddrs.AF_INET || family == Sockaddrs.AF_INET6 && length >= 24) {
            return Sockaddrs.format(b, 0, length);
        }
        return null;
    }
}
