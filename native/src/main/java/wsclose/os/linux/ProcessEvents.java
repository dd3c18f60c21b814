package wsclose.os.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import wsclose.os.linux.Translator.FdRef;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/**
 * sched:sched_process_fork, sched_process_exec and sched_process_exit of the traced processes. A forked process
 * gets a copy of every fd (API_DUP "fork"); a new thread shares the table and gets nothing; exec closes the
 * close-on-exec fds; the end of a thread group is PROCESS_END, which closes what it still held (SocketEvent class
 * comment; live-mode.md §B.1 rules, §B.4 lesson 2).
 */
final class ProcessEvents {
    private final Translator t;

    ProcessEvents(Translator t) {
        this.t = t;
    }

    void fork(Rec r) {
        int parent = r.tgid;
        int child = (int) r.num("child_pid", -1);
        if (r.childTgid < 0) {
            t.threadGuesses++;
            return;
        }
        if (r.childTgid != child) {
            return; // a new thread: it shares its process's fd table
        }
        t.emit(t.at(r.mono, SocketEventKind.PROCESS_START).pid(child).name(r.text("child_comm")));
        if (r.fds != null) {
            // a socket the parent closed before its inode was read carries a made-up id, or its cookie once a TCP event
            // gave it: the child's copy tells its inode, which ss and /proc show
            Map<Integer, FdRef> parents = t.table(parent);
            for (ProcScan.Fd f : r.fds) {
                FdRef ref = parents.get(f.fd());
                if (ref != null && ref.inet() && ref.inode() >= wsclose.trace.model.LinuxIds.COOKIE && f.inode() > 0 && !t.known.contains(f.inode())) {
                    t.rename(r.mono, ref.inode(), f.inode());
                }
            }
        }
        Map<Integer, FdRef> mine = new HashMap<>(t.table(parent));
        t.fds.put(child, mine);
        mine.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (e.getValue().inet()) {
                t.emit(t.at(r.mono, SocketEventKind.API_DUP).thread(child, child).handle(e.getKey())
                        .endpoint(e.getValue().inode()).value(e.getKey()).name("fork"));
            }
        });
    }

    /** exec closes the close-on-exec fds: the reader rescanned which socket fds survived. */
    void exec(Rec r) {
        int pid = (int) r.num("pid", r.tgid);
        String file = r.text("filename");
        t.emit(t.at(r.mono, SocketEventKind.PROCESS_START).pid(pid).name(file == null ? null : file.substring(file.lastIndexOf('/') + 1)));
        if (r.fds == null) {
            return;
        }
        Set<Integer> alive = new HashSet<>();
        r.fds.forEach(f -> alive.add(f.fd()));
        Map<Integer, FdRef> tab = t.table(pid);
        for (Integer fd : new ArrayList<>(tab.keySet())) {
            if (!alive.contains(fd)) {
                FdRef ref = tab.remove(fd);
                if (ref.inet()) {
                    t.emit(Syscalls.api(t, r, SocketEventKind.API_CLOSE, fd, ref).phase(SocketEvent.Phase.ENTER).name("exec"));
                    t.emit(Syscalls.api(t, r, SocketEventKind.API_CLOSE, fd, ref).phase(SocketEvent.Phase.EXIT).name("exec"));
                }
            }
        }
    }

    void processExit(Rec r) {
        t.syscalls.threadExit(r.tid);
        int pid = (int) r.num("pid", r.tid);
        boolean groupDead = r.has("group_dead") ? r.num("group_dead", 0) != 0 : pid == r.tgid;
        if (!groupDead) {
            return;
        }
        int tgid = r.tgid > 0 ? r.tgid : pid;
        t.emit(t.at(r.mono, SocketEventKind.PROCESS_END).pid(tgid).name(r.text("comm")));
        t.fds.remove(tgid);
        t.closedInet.removeIf(k -> (int) (k >>> 32) == tgid);
        t.inodeReadAt.keySet().removeIf(k -> (int) (k >>> 32) == tgid);
    }
}
