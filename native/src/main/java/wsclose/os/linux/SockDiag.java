package wsclose.os.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A NETLINK_SOCK_DIAG socket (live-mode.md §B.3): dumps the inet sockets of wsclose's network namespace with
 * queues, cookie, inode and tcp_info in one pass, no per-socket syscalls and no privileges. Not thread-safe;
 * each user opens its own.
 */
final class SockDiag implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final LibC c = LibC.INSTANCE;
    private final int fd;
    private final Memory buf = new Memory(BUFFER);
    private final Memory addr = new Memory(12);
    private int seq;

    SockDiag() throws IOException {
        try {
            fd = c.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_SOCK_DIAG);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a NETLINK_SOCK_DIAG socket: errno " + e.getErrorCode(), e);
        }
        // A receive timeout, so a kernel that never answers cannot hang a snapshot (struct timeval: 2 s).
        Memory tv = new Memory(16);
        tv.setLong(0, 2);
        tv.setLong(8, 0);
        try {
            c.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, 16);
        } catch (LastErrorException e) {
            // not fatal: the dump still works, only without the safety timeout
        }
        addr.clear();
        addr.setShort(0, (short) LibC.AF_NETLINK); // sockaddr_nl{family, pad, pid=0 (the kernel), groups=0}
    }

    /** TCP and UDP sockets of both families, every state but TIME_WAIT (which has no inode). */
    List<DiagEntry> dumpAll() throws IOException {
        List<DiagEntry> out = new ArrayList<>();
        for (int family : new int[] {2, 10}) {
            dump(family, 6, InetDiag.STATES_LIVE, out);
            dump(family, 17, InetDiag.STATES_ALL, out);
        }
        return out;
    }

    /** TCP sockets of both families (what a live trace samples). */
    List<DiagEntry> dumpTcp() throws IOException {
        List<DiagEntry> out = new ArrayList<>();
        dump(2, 6, InetDiag.STATES_LIVE, out);
        dump(10, 6, InetDiag.STATES_LIVE, out);
        return out;
    }

    void dump(int family, int protocol, int states, List<DiagEntry> out) throws IOException {
        ByteBuffer req = InetDiag.dumpRequest(family, protocol, states, ++seq);
        byte[] bytes = new byte[req.remaining()];
        req.get(bytes);
        buf.write(0, bytes, 0, bytes.length);
        try {
            c.sendto(fd, buf, new NativeLong(bytes.length), 0, addr, 12);
            while (true) {
                int n = c.recv(fd, buf, new NativeLong(BUFFER), 0).intValue();
                if (n <= 0) {
                    throw new IOException("sock_diag dump ended without NLMSG_DONE");
                }
                if (InetDiag.parse(buf.getByteBuffer(0, n), protocol, out)) {
                    return;
                }
            }
        } catch (LastErrorException e) {
            throw new IOException("sock_diag dump failed: errno " + e.getErrorCode(), e);
        } catch (IllegalStateException e) {
            if (e.getMessage().endsWith("errno 2") || e.getMessage().endsWith("errno 22")) {
                return; // ENOENT/EINVAL: the kernel has no diag module for this protocol (UDP_DIAG off)
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            c.close(fd);
        } catch (LastErrorException e) {
            // nothing to do: the fd is gone either way
        }
    }
}
