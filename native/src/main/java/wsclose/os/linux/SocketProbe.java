package wsclose.os.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import wsclose.os.SocketSnapshot;

/**
 * Reads SO_LINGER of another process's socket: pidfd_open, pidfd_getfd, getsockopt, close (live-mode.md §B.2).
 * The duplicate is a full reference to the socket: while it is open, the owner's close() does not close the
 * socket and an abortive close happens later, from our process. So the duplicate lives only for the two calls
 * below and is closed in {@code finally}; nothing ever keeps one. pidfds (references to processes, not
 * sockets) are cached until {@link #close()}.
 */
final class SocketProbe implements AutoCloseable {
    static final int EPERM = 1;
    static final int ESRCH = 3;
    static final int EBADF = 9;
    static final int ENOSYS = 38;

    /** The setting, or the errno that prevented reading it. */
    record Result(SocketSnapshot.Linger linger, int errno) {
    }

    private final LibC c = LibC.INSTANCE;
    private final Path proc;
    private final Map<Integer, Integer> pidfds = new HashMap<>();
    private final Memory value = new Memory(8);

    SocketProbe(Path proc) {
        this.proc = proc;
    }

    /** SO_LINGER of {@code pid}'s fd, checked to still name {@code inode} (the fd may have been reused). */
    Result linger(int pid, int fd, long inode) {
        int pidfd;
        try {
            pidfd = pidfd(pid);
        } catch (LastErrorException e) {
            return new Result(null, e.getErrorCode());
        }
        int dup = -1;
        try {
            dup = (int) c.syscall(LibC.SYS_PIDFD_GETFD, (long) pidfd, (long) fd, 0L);
            if (ProcScan.socketInode(readSelfFd(dup)) != inode) {
                return new Result(null, EBADF);
            }
            IntByReference len = new IntByReference(8);
            c.getsockopt(dup, LibC.SOL_SOCKET, LibC.SO_LINGER, value, len);
            return new Result(new SocketSnapshot.Linger(value.getInt(0) != 0, value.getInt(4)), 0);
        } catch (LastErrorException e) {
            return new Result(null, e.getErrorCode());
        } finally {
            if (dup >= 0) {
                try {
                    c.close(dup);
                } catch (LastErrorException e) {
                    // already gone
                }
            }
        }
    }

    private String readSelfFd(int fd) {
        try {
            return java.nio.file.Files.readSymbolicLink(proc.resolve("self/fd/" + fd)).toString();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private int pidfd(int pid) {
        Integer fd = pidfds.get(pid);
        if (fd == null) {
            fd = (int) c.syscall(LibC.SYS_PIDFD_OPEN, (long) pid, 0L);
            pidfds.put(pid, fd);
        }
        return fd;
    }

    /** Why a probe failed, in words for the limitations list. */
    static String why(int errno) {
        return switch (errno) {
            case EPERM -> "needs root or ptrace rights over the owner (pidfd_getfd: EPERM)";
            case ENOSYS -> "needs Linux 5.6 or later (pidfd_getfd: ENOSYS)";
            case ESRCH -> "the process exited during the snapshot";
            case EBADF -> "the fd was closed during the snapshot";
            default -> "pidfd_getfd/getsockopt failed with errno " + errno;
        };
    }

    @Override
    public void close() {
        for (int fd : pidfds.values()) {
            try {
                c.close(fd);
            } catch (LastErrorException e) {
                // nothing to do
            }
        }
        pidfds.clear();
    }
}
