package wsclose.os.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libc calls live mode needs and jna-platform's {@code linux.LibC} lacks (live-mode.md §B.2): raw
 * {@code syscall} for pidfd_open/pidfd_getfd, socket options, netlink I/O, non-blocking reads of trace_pipe
 * and mount. Thin by design: no logic here, every caller closes what it opens.
 */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    /** Same number on every architecture but alpha (syscalls >= 424 are unified): live-mode.md §B.2. */
    long SYS_PIDFD_OPEN = 434;
    long SYS_PIDFD_GETFD = 438;

    int AF_NETLINK = 16;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int NETLINK_SOCK_DIAG = 4;
    int SOL_SOCKET = 1;
    int SO_LINGER = 13;
    int SO_RCVTIMEO = 20;
    int O_RDONLY = 0;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int EAGAIN = 11;
    int EINTR = 4;
    short POLLIN = 1;

    long syscall(long number, Object... args) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    NativeLong sendto(int fd, Pointer buf, NativeLong len, int flags, Pointer addr, int addrLen) throws LastErrorException;

    NativeLong recv(int fd, Pointer buf, NativeLong len, int flags) throws LastErrorException;

    int getsockopt(int fd, int level, int option, Pointer value, IntByReference length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, Pointer value, int length) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    NativeLong read(int fd, Pointer buf, NativeLong count) throws LastErrorException;

    /** {@code struct pollfd} is {int fd; short events; short revents} (8 bytes); callers lay it out in a Memory. */
    int poll(Pointer fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    int SIGCONT = 18;

    int mount(String source, String target, String fsType, NativeLong flags, Pointer data) throws LastErrorException;
}
