package wsclose.os.linux;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs on the syscall reader's thread, as each record is read and before it waits in the reorder buffer: what it
 * needs from /proc must be read while the fd or process still exists (live-mode.md §B.4 lesson 3): the inode
 * behind a new fd (readlink), a forked child's thread group, the socket fds left after exec or a recvmsg that
 * may have carried SCM_RIGHTS, and SO_LINGER right after setsockopt(SO_LINGER) (one microseconds-long
 * pidfd_getfd duplicate, §B.2).
 */
final class Enricher implements Consumer<Rec> {
    private final Path proc;
    private final Set<Long> tracked;
    private final SocketProbe probe;
    private final Map<Integer, long[]> setsockopt = new HashMap<>();
    private final Map<Integer, Integer> tgids = new HashMap<>();

    Enricher(Path proc, Set<Long> tracked) {
        this.proc = proc;
        this.tracked = tracked;
        this.probe = new SocketProbe(proc);
    }

    @Override
    public void accept(Rec r) {
        if (r.tgid < 0) {
            r.tgid = tgids.computeIfAbsent(r.tid, tid -> ProcScan.tgid(proc, tid));
        }
        switch (r.event) {
            case "sys_exit_socket", "sys_exit_accept", "sys_exit_accept4" -> {
                long ret = r.num("ret", -1);
                if (ret >= 0) {
                    r.inode = ProcScan.inodeOf(proc, r.tgid, (int) ret);
                    r.inodeAt = System.nanoTime(); // after the read: a close before it may have handed the fd on
                    if (r.inode > 0) {
                        tracked.add(r.inode);
                    }
                }
            }
            case "sys_enter_setsockopt" -> setsockopt.put(r.tid, new long[] {r.num("fd", -1), r.num("level", -1), r.num("optname", -1)});
            case "sys_exit_setsockopt" -> {
                long[] call = setsockopt.remove(r.tid);
                if (call != null && call[1] == LibC.SOL_SOCKET && call[2] == LibC.SO_LINGER && r.num("ret", -1) == 0) {
                    long ino = ProcScan.inodeOf(proc, r.tgid, (int) call[0]);
                    if (ino > 0) {
                        r.linger = probe.linger(r.tgid, (int) call[0], ino).linger();
                    }
                }
            }
            case "sys_exit_recvmsg", "sys_exit_recvmmsg" -> {
                if (r.num("ret", -1) >= 0) {
                    rescan(r, r.tgid);
                }
            }
            case "sched_process_exec" -> rescan(r, (int) r.num("pid", r.tgid));
            case "sched_process_fork" -> {
                int child = (int) r.num("child_pid", -1);
                r.childTgid = ProcScan.tgid(proc, child);
                if (r.childTgid == child) {
                    tgids.put(child, child);
                    // the child's copies name the inodes of sockets its parent may have closed before we read them
                    rescan(r, child);
                }
            }
            case "sched_process_exit" -> {
                tgids.remove(r.tid);
                setsockopt.remove(r.tid);
            }
            default -> { }
        }
    }

    private void rescan(Rec r, int pid) {
        try {
            r.fds = ProcScan.sockets(proc, pid);
            r.fds.forEach(f -> tracked.add(f.inode()));
        } catch (java.io.IOException e) {
            r.fds = null; // the process is gone; its exit event will close what it held
        }
    }

    void close() {
        probe.close();
    }
}
