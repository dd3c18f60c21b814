package wsclose.os.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import wsclose.trace.decode.Sockaddrs;

/**
 * NETLINK_SOCK_DIAG messages for inet sockets, pure Java on byte buffers (live-mode.md §B.3; the layouts are
 * those of the UAPI headers linux/netlink.h, linux/inet_diag.h and linux/tcp.h). Netlink headers and
 * inet_diag counters are in host order; ports and addresses in inet_diag_sockid are big-endian.
 */
final class InetDiag {
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_DUMP = 0x300;
    /** inet_diag_req_v2: family, protocol, ext, pad, states (u32), then the 48-byte inet_diag_sockid. */
    static final int REQ_LEN = 56;
    /** inet_diag_msg: 4 bytes of family/state/timer/retrans, sockid, expires, rqueue, wqueue, uid, inode. */
    static final int MSG_LEN = 72;
    static final int INET_DIAG_INFO = 2;
    /** Every state but TIME_WAIT (6) and NEW_SYN_RECV (12): TIME_WAIT sockets have no inode and no owner. */
    static final int STATES_LIVE = 0xFFF & ~(1 << 6) & ~(1 << 12);
    static final int STATES_ALL = 0xFFF;

    private InetDiag() {
    }

    /** A dump request: nlmsghdr + inet_diag_req_v2 asking for INET_DIAG_INFO (tcp_info) on TCP. */
    static ByteBuffer dumpRequest(int family, int protocol, int states, int seq) {
        ByteBuffer b = ByteBuffer.allocate(NLMSG_HDRLEN + REQ_LEN).order(ByteOrder.nativeOrder());
        b.putInt(NLMSG_HDRLEN + REQ_LEN).putShort((short) SOCK_DIAG_BY_FAMILY)
                .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP)).putInt(seq).putInt(0);
        b.put((byte) family).put((byte) protocol).put((byte) (protocol == 6 ? 1 << (INET_DIAG_INFO - 1) : 0)).put((byte) 0);
        b.putInt(states);
        // inet_diag_sockid stays zero for a dump, except the cookie: INET_DIAG_NOCOOKIE (~0U twice).
        b.position(NLMSG_HDRLEN + 8 + 40);
        b.putInt(-1).putInt(-1);
        return b.flip();
    }

    /**
     * Parses one datagram of a dump reply into {@code out}; {@code protocol} is the one the request asked for
     * (inet_diag_msg does not repeat it).
     *
     * @return true when the datagram ended the dump (NLMSG_DONE)
     * @throws IllegalStateException with the errno of an NLMSG_ERROR reply
     */
    static boolean parse(ByteBuffer datagram, int protocol, List<DiagEntry> out) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        int base = b.position();
        int end = b.limit();
        int off = base;
        while (off + NLMSG_HDRLEN <= end) {
            int len = b.getInt(off);
            int type = b.getShort(off + 4) & 0xFFFF;
            if (len < NLMSG_HDRLEN || off + len > end) {
                throw new IllegalStateException("netlink message of " + len + " bytes at offset " + (off - base)
                        + " does not fit the " + (end - base) + "-byte datagram");
            }
            if (type == NLMSG_DONE) {
                return true;
            }
            if (type == NLMSG_ERROR) {
                int errno = -b.getInt(off + NLMSG_HDRLEN);
                throw new IllegalStateException("sock_diag answered errno " + errno);
            }
            if (type == SOCK_DIAG_BY_FAMILY && len >= NLMSG_HDRLEN + MSG_LEN) {
                out.add(message(b, off + NLMSG_HDRLEN, off + len, protocol));
            }
            off += align(len);
        }
        return false;
    }

    static int align(int len) {
        return (len + 3) & ~3;
    }

    /** One inet_diag_msg at {@code m} and its rtattrs up to {@code end}. */
    static DiagEntry message(ByteBuffer b, int m, int end, int protocol) {
        int family = b.get(m) & 0xFF;
        int state = b.get(m + 1) & 0xFF;
        int sport = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(m + 4));
        int dport = Short.toUnsignedInt(b.getShort(m + 6));
        b.order(ByteOrder.nativeOrder());
        String local = address(b, family, m + 8, sport);
        String remote = address(b, family, m + 24, dport);
        long cookie = Integer.toUnsignedLong(b.getInt(m + 44)) | Integer.toUnsignedLong(b.getInt(m + 48)) << 32;
        long rq = Integer.toUnsignedLong(b.getInt(m + 56));
        long wq = Integer.toUnsignedLong(b.getInt(m + 60));
        int uid = b.getInt(m + 64);
        long inode = Integer.toUnsignedLong(b.getInt(m + 68));
        DiagEntry.TcpInfo tcp = null;
        int a = m + MSG_LEN;
        while (a + 4 <= end) {
            int alen = b.getShort(a) & 0xFFFF;
            int atype = b.getShort(a + 2) & 0xFFFF;
            if (alen < 4 || a + alen > end) {
                break;
            }
            if (atype == INET_DIAG_INFO) {
                tcp = tcpInfo(b, a + 4, alen - 4);
            }
            a += align(alen);
        }
        return new DiagEntry(family, protocol, state, local, remote, rq, wq, uid, inode, cookie, tcp);
    }

    /**
     * struct tcp_info (linux/tcp.h): state@0, unacked@24, bytes_acked@120, bytes_received@128, notsent_bytes@144,
     * bytes_sent@200. Kernels append fields over time (6.18 sends 280 bytes, the 6.1 header says 232), so every
     * read honours the length the kernel sent (live-mode.md §B.2).
     */
    static DiagEntry.TcpInfo tcpInfo(ByteBuffer b, int off, int len) {
        return new DiagEntry.TcpInfo(len >= 1 ? b.get(off) & 0xFF : -1, u32(b, off, len, 24), u64(b, off, len, 120),
                u64(b, off, len, 128), u32(b, off, len, 144), u64(b, off, len, 200));
    }

    private static long u32(ByteBuffer b, int off, int len, int at) {
        return len >= at + 4 ? Integer.toUnsignedLong(b.getInt(off + at)) : -1;
    }

    private static long u64(ByteBuffer b, int off, int len, int at) {
        return len >= at + 8 ? b.getLong(off + at) : -1;
    }

    private static String address(ByteBuffer b, int family, int off, int port) {
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            raw[i] = b.get(off + i);
        }
        String ip = family == 10 ? "[" + Sockaddrs.ipv6(raw, 0) + "]" : Sockaddrs.ipv4(raw, 0);
        return ip + ":" + port;
    }
}
