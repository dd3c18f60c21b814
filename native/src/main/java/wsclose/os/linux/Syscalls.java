package wsclose.os.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wsclose.os.linux.Translator.FdRef;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/**
 * The syscall side of the translation: enter and exit records of one thread are paired (syscalls do not nest),
 * the fd table follows socket/accept/dup/fcntl/close/close_range/fork/exec, and calls on inet socket fds become
 * API_* events with their errno (SocketEvent class comment). read/write calls on other fds are dropped, except
 * EBADF/ENOTSOCK on a number that named a socket before: a use after close (live-mode.md §B.4 lesson 7).
 */
final class Syscalls {
    static final int F_DUPFD = 0;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int CLOSE_RANGE_CLOEXEC = 4;
    static final Set<String> SENDS = Set.of("write", "writev", "sendto", "sendmsg", "sendmmsg");
    static final Set<String> RECVS = Set.of("read", "readv", "recvfrom", "recvmsg", "recvmmsg");
    static final Set<String> ON_FD = Set.of("shutdown", "setsockopt", "connect", "listen");

    /** A call in progress on one thread. */
    private record Pending(String call, int tgid, long fd, long arg1, long arg2, FdRef ref, List<long[]> closing) {
    }

    private final Translator t;
    private final Map<Integer, Pending> pending = new HashMap<>();

    Syscalls(Translator t) {
        this.t = t;
    }

    /** The socket fd the thread is in a call on (for attributing process-context TCP events), or null. */
    FdRef context(int tid) {
        Pending p = pending.get(tid);
        return p == null ? null : p.ref();
    }

    void enter(Rec r, String call) {
        int g = r.tgid;
        Map<Integer, FdRef> tab = t.table(g);
        long fd = r.num("fd", -1);
        switch (call) {
            case "close" -> {
                FdRef ref = tab.remove((int) fd);
                if (ref != null && ref.inet()) {
                    ref = t.checkInodeRead(r.mono, g, (int) fd, ref);
                }
                if (ref != null) {
                    if (ref.inet()) {
                        t.closedInet.add(Translator.key(g, fd));
                        t.emit(api(r, SocketEventKind.API_CLOSE, fd, ref).phase(SocketEvent.Phase.ENTER));
                    }
                    pending.put(r.tid, new Pending(call, g, fd, 0, 0, ref, null));
                } else if (t.closedInet.contains(Translator.key(g, fd))) {
                    pending.put(r.tid, new Pending(call, g, fd, 0, 0, null, null)); // maybe a double close
                }
            }
            case "close_range" -> {
                long lo = fd;
                long hi = r.num("max_fd", -1);
                if ((r.num("flags", 0) & CLOSE_RANGE_CLOEXEC) != 0) {
                    return;
                }
                List<long[]> closing = new ArrayList<>();
                for (Integer n : new ArrayList<>(tab.keySet())) {
                    if (Integer.toUnsignedLong(n) >= lo && Integer.toUnsignedLong(n) <= (hi & 0xFFFFFFFFL)) {
                        FdRef ref = tab.remove(n);
                        if (ref.inet()) {
                            t.closedInet.add(Translator.key(g, n));
                            t.emit(api(r, SocketEventKind.API_CLOSE, n, ref).phase(SocketEvent.Phase.ENTER).name("close_range"));
                            closing.add(new long[] {n, ref.inode()});
                        }
                    }
                }
                if (!closing.isEmpty()) {
                    pending.put(r.tid, new Pending(call, g, lo, hi, 0, null, closing));
                }
            }
            case "socket" -> pending.put(r.tid, new Pending(call, g, -1, r.num("family", -1), r.num("type", -1), null, null));
            case "accept", "accept4" -> pending.put(r.tid, new Pending(call, g, fd, 0, 0, tab.get((int) fd), null));
            case "dup" -> pending.put(r.tid, new Pending(call, g, r.num("fildes", -1), -1, 0, null, null));
            case "dup2", "dup3" -> pending.put(r.tid, new Pending(call, g, r.num("oldfd", -1), r.num("newfd", -1), 0, null, null));
            case "fcntl" -> {
                long cmd = r.num("cmd", -1);
                if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
                    pending.put(r.tid, new Pending(call, g, fd, -1, 0, null, null));
                }
            }
            case "setsockopt" -> {
                FdRef ref = tab.get((int) fd);
                if (ref != null) {
                    pending.put(r.tid, new Pending(call, g, fd, r.num("level", -1), r.num("optname", -1), ref, null));
                }
            }
            case "shutdown" -> {
                FdRef ref = tab.get((int) fd);
                if (ref != null) {
                    pending.put(r.tid, new Pending(call, g, fd, r.num("how", -1), 0, ref, null));
                }
            }
            default -> {
                if (SENDS.contains(call) || RECVS.contains(call) || ON_FD.contains(call)) {
                    FdRef ref = tab.get((int) fd);
                    if (ref != null || t.closedInet.contains(Translator.key(g, fd))) {
                        pending.put(r.tid, new Pending(call, g, fd, 0, 0, ref, null));
                    }
                }
            }
        }
    }

    void exit(Rec r, String call) {
        Pending p = pending.remove(r.tid);
        if (p == null || !p.call().equals(call)) {
            return; // the enter was before the trace, filtered, or lost
        }
        long ret = r.num("ret", 0);
        long status = ret < 0 ? -ret : 0;
        Map<Integer, FdRef> tab = t.table(p.tgid());
        switch (call) {
            case "close" -> {
                if (p.ref() != null && p.ref().inet()) {
                    t.emit(api(r, SocketEventKind.API_CLOSE, p.fd(), p.ref()).phase(SocketEvent.Phase.EXIT).status(status));
                } else if (p.ref() == null && status == 9) {
                    t.emit(api(r, SocketEventKind.API_CLOSE, p.fd(), null).phase(SocketEvent.Phase.EXIT).status(status));
                }
            }
            case "close_range" -> {
                for (long[] c : p.closing()) {
                    t.emit(api(r, SocketEventKind.API_CLOSE, c[0], new FdRef(c[1], true)).phase(SocketEvent.Phase.EXIT)
                            .status(status).name("close_range"));
                }
            }
            case "socket" -> {
                if (ret >= 0) {
                    boolean inet = p.arg1() == 2 || p.arg1() == 10;
                    created(r, tab, (int) ret, inet, "socket(" + (p.arg1() == 10 ? "AF_INET6" : p.arg1() == 2 ? "AF_INET"
                            : "family " + p.arg1()) + ", " + ((p.arg2() & 0xF) == 1 ? "SOCK_STREAM" : (p.arg2() & 0xF) == 2
                            ? "SOCK_DGRAM" : "type " + (p.arg2() & 0xF)) + ")", SocketEventKind.API_CREATE);
                }
            }
            case "accept", "accept4" -> {
                if (ret >= 0) {
                    created(r, tab, (int) ret, p.ref() != null && p.ref().inet(), call + "()", SocketEventKind.API_ACCEPT);
                    FdRef made = tab.get((int) ret);
                    if (p.ref() != null && made != null) {
                        t.tcp.accepted(p.ref().inode(), made.inode());
                    }
                }
            }
            case "dup", "dup2", "dup3", "fcntl" -> {
                if (ret >= 0) {
                    dup(r, tab, p.tgid(), (int) p.fd(), (int) ret, call.equals("fcntl") ? "fcntl(F_DUPFD)" : call);
                }
            }
            default -> onSocket(r, p, call, ret, status);
        }
    }

    private void onSocket(Rec r, Pending p, String call, long ret, long status) {
        FdRef ref = p.ref();
        if (ref != null && !ref.inet()) {
            if (call.equals("recvmsg") || call.equals("recvmmsg")) {
                received(r, p.tgid());
            }
            return;
        }
        SocketEventKind kind = SENDS.contains(call) ? SocketEventKind.API_SEND : RECVS.contains(call) ? SocketEventKind.API_RECV
                : switch (call) {
                    case "shutdown" -> SocketEventKind.API_SHUTDOWN;
                    case "setsockopt" -> SocketEventKind.API_SETOPT;
                    case "connect" -> SocketEventKind.API_CONNECT;
                    default -> SocketEventKind.API_LISTEN;
                };
        if (ref == null) {
            if (status == 9 || status == 88) {
                t.emit(api(r, kind, p.fd(), null).status(status)); // EBADF / ENOTSOCK on a former socket fd
            }
            return;
        }
        SocketEvent.Builder b = api(r, kind, p.fd(), ref).status(status);
        if (kind == SocketEventKind.API_SEND || kind == SocketEventKind.API_RECV) {
            b.bytes(ret >= 0 ? ret : -1);
        } else if (kind == SocketEventKind.API_SHUTDOWN) {
            b.value(p.arg1());
        } else if (kind == SocketEventKind.API_SETOPT) {
            if (p.arg1() != 1 || p.arg2() != 13 || status != 0 || r.linger == null) {
                return; // only SO_LINGER matters, and only when its value could be read back
            }
            b.name("SO_LINGER").value(Translator.linger(r.linger));
        }
        t.emit(b);
        if (call.equals("recvmsg") || call.equals("recvmmsg")) {
            received(r, p.tgid());
        }
    }

    private void created(Rec r, Map<Integer, FdRef> tab, int fd, boolean inet, String what, SocketEventKind api) {
        long ino = r.inode;
        if (ino > 0 && inet && t.created.contains(ino)) {
            // socket() and accept() always make a new inode: one that an earlier creation already got was read from
            // /proc after that socket's fd was closed and handed to this one (the reader runs behind the process). The
            // earlier socket never had it: it becomes a made-up id (a TCP event may still give its cookie).
            long made = t.syntheticNext++;
            t.synthetic++;
            t.rename(r.mono, ino, made);
        }
        if (ino <= 0 || inet && t.known.contains(ino)) {
            if (ino > 0) {
                tab.put(fd, new FdRef(ino, inet)); // already seeded by the snapshot taken moments ago
                return;
            }
            ino = t.syntheticNext++;
            t.synthetic++;
        }
        tab.put(fd, new FdRef(ino, inet));
        t.closedInet.remove(Translator.key(r.tgid, fd));
        if (!inet) {
            return;
        }
        if (r.inodeAt >= 0 && !wsclose.trace.model.LinuxIds.synthetic(ino)) {
            t.inodeReadAt.put(Translator.key(r.tgid, fd), new long[] {ino, r.inodeAt});
        }
        t.known.add(ino);
        if (!wsclose.trace.model.LinuxIds.synthetic(ino)) {
            t.created.add(ino);
        }
        t.emit(t.at(r.mono, SocketEventKind.CREATE).thread(r.tgid, r.tid).endpoint(ino).name(what));
        t.emit(api(r, api, fd, new FdRef(ino, true)));
    }

    private void dup(Rec r, Map<Integer, FdRef> tab, int tgid, int oldfd, int newfd, String how) {
        if (oldfd == newfd) {
            return;
        }
        FdRef from = tab.get(oldfd);
        FdRef displaced = tab.get(newfd);
        if (from != null) {
            tab.put(newfd, from);
            t.closedInet.remove(Translator.key(tgid, newfd));
            if (from.inet()) {
                t.emit(api(r, SocketEventKind.API_DUP, newfd, from).value(oldfd).name(how));
                return;
            }
        } else {
            tab.remove(newfd);
        }
        if (displaced != null && displaced.inet()) {
            // dup2 onto a socket fd closes that socket's reference first
            t.closedInet.add(Translator.key(tgid, newfd));
            t.emit(api(r, SocketEventKind.API_CLOSE, newfd, displaced).phase(SocketEvent.Phase.ENTER).name(how));
            t.emit(api(r, SocketEventKind.API_CLOSE, newfd, displaced).phase(SocketEvent.Phase.EXIT).name(how));
        }
    }

    /** recvmsg may have installed fds sent with SCM_RIGHTS: the reader rescanned the process's fd table. */
    private void received(Rec r, int tgid) {
        if (r.fds == null) {
            return;
        }
        Map<Integer, FdRef> tab = t.table(tgid);
        for (ProcScan.Fd fd : r.fds) {
            if (tab.containsKey(fd.fd()) || !t.known.contains(fd.inode())) {
                continue; // known fds, and sockets wsclose has not seen (not ours, or created after the recvmsg)
            }
            tab.put(fd.fd(), new FdRef(fd.inode(), true));
            t.emit(api(r, SocketEventKind.API_DUP, fd.fd(), new FdRef(fd.inode(), true)).value(-1).name("SCM_RIGHTS"));
        }
    }

    /** A thread ended: a call it was in will never return. */
    void threadExit(int tid) {
        pending.remove(tid);
    }

    static SocketEvent.Builder api(Translator t, Rec r, SocketEventKind k, long fd, FdRef ref) {
        SocketEvent.Builder b = t.at(r.mono, k).thread(r.tgid, r.tid).handle(fd);
        if (ref != null) {
            b.endpoint(ref.inode());
        }
        return b;
    }

    private SocketEvent.Builder api(Rec r, SocketEventKind k, long fd, FdRef ref) {
        SocketEvent.Builder b = t.at(r.mono, k).thread(r.tgid, r.tid).handle(fd);
        if (ref != null) {
            b.endpoint(ref.inode());
        }
        return b;
    }
}
