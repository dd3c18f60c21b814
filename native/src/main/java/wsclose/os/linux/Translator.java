package wsclose.os.linux;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.os.SocketSnapshot;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * Turns time-ordered tracefs records, sock_diag samples and the start snapshot into {@link SocketEvent}s as the
 * SocketEvent class comment specifies: endpoint = inode; syscalls attributed by (tgid, fd) through an fd table
 * seeded from the snapshot and kept current from socket/accept/dup/fork/exec/close; TCP tracepoints attributed
 * through {@link SocketIndex}, never by the pid that happened to run (live-mode.md §B.4, §C.3). Single-threaded:
 * only the trace's translator thread calls it.
 */
final class Translator {
    /** One socket fd of a process; {@code inet} sockets are the ones the model is told about. */
    record FdRef(long inode, boolean inet) {
    }

    /** Ids for sockets that were closed before their inode could be read: high bit 62 keeps them apart. */
    static final long SYNTHETIC = 1L << 62;

    final Consumer<SocketEvent> sink;
    final long baseFiletime;
    final Set<Long> tracked;
    final Map<Integer, Map<Integer, FdRef>> fds = new HashMap<>();
    /** (tgid, fd) pairs that named an inet socket before it was closed: EBADF on them is a use after close. */
    final Set<Long> closedInet = new HashSet<>();
    final Set<Long> known = new HashSet<>();
    final SocketIndex index = new SocketIndex();
    final Syscalls syscalls = new Syscalls(this);
    private final Map<Long, long[]> lastQueues = new HashMap<>();
    /** Per local port, struct sock addresses of connections that finished the handshake and wait for accept(). */
    private final Map<Long, java.util.ArrayDeque<Long>> acceptQueues = new HashMap<>();
    /** Local port of each socket (learnt from its own TCP events and samples). */
    private final Map<Long, Long> portOf = new HashMap<>();
    private long startMono = Long.MIN_VALUE;
    long emitted;
    long unattributed;
    long synthetic;
    long syntheticNext = SYNTHETIC;
    long threadGuesses;

    /**
     * @param baseFiletime FILETIME of CLOCK_MONOTONIC zero
     * @param tracked      inodes the sampler should report on (shared with the reader threads)
     */
    Translator(Consumer<SocketEvent> sink, long baseFiletime, Set<Long> tracked) {
        this.sink = sink;
        this.baseFiletime = baseFiletime;
        this.tracked = tracked;
    }

    void apply(Item i) {
        if (i instanceof Seed s) {
            seed(s);
        } else if (i instanceof Sample s) {
            sample(s);
        } else if (i instanceof Rec r && r.mono >= startMono) {
            record(r);
        }
    }

    private void record(Rec r) {
        String ev = r.event;
        if (ev.startsWith("sys_enter_")) {
            syscalls.enter(r, ev.substring(10));
        } else if (ev.startsWith("sys_exit_")) {
            syscalls.exit(r, ev.substring(9));
        } else {
            switch (ev) {
                case "inet_sock_set_state" -> state(r);
                case "tcp_send_reset" -> reset(r, true);
                case "tcp_receive_reset" -> reset(r, false);
                case "tcp_destroy_sock" -> destroy(r);
                case "sched_process_fork" -> syscalls.fork(r);
                case "sched_process_exec" -> syscalls.exec(r);
                case "sched_process_exit" -> syscalls.processExit(r);
                default -> { }
            }
        }
    }

    long ft(long mono) {
        return baseFiletime + mono / 100;
    }

    SocketEvent.Builder at(long mono, SocketEventKind k) {
        return SocketEvent.at(ft(mono), k, Source.LINUX);
    }

    void emit(SocketEvent.Builder b) {
        emitted++;
        sink.accept(b.build());
    }

    Map<Integer, FdRef> table(int tgid) {
        return fds.computeIfAbsent(tgid, k -> new HashMap<>());
    }

    static long key(int tgid, long fd) {
        return (long) tgid << 32 | (fd & 0xFFFFFFFFL);
    }

    /** The snapshot at start: OBSERVED per holder, SO_LINGER, queues; fd tables of the traced processes. */
    private void seed(Seed s) {
        startMono = s.mono;
        Snapshots.Tables t = s.snapshot.tables();
        for (DiagEntry d : t.inet().values()) {
            index.learn(d);
            if (d.protocol() == 6 && d.state() == TcpStates.LISTEN) {
                portOf.put(d.inode(), (long) SocketIndex.port(d.local()));
            }
        }
        Map<Integer, String> names = new HashMap<>();
        for (ProcScan.Proc p : s.snapshot.procs()) {
            names.put(p.pid(), p.comm());
            if (!s.targets.contains(p.pid())) {
                continue;
            }
            Map<Integer, FdRef> tab = table(p.pid());
            for (ProcScan.Fd fd : p.sockets()) {
                tab.put(fd.fd(), new FdRef(fd.inode(), t.inet().containsKey(fd.inode())));
            }
        }
        for (int pid : s.targets) {
            if (names.containsKey(pid)) {
                emit(SocketEvent.at(ft(s.mono), SocketEventKind.PROCESS_START, Source.SNAPSHOT).pid(pid).name(names.get(pid)));
            }
        }
        for (SocketSnapshot sock : s.snapshot.snapshot().sockets()) {
            DiagEntry d = t.inet().get(sock.inode());
            if (d == null || sock.owners().stream().noneMatch(o -> s.targets.contains(o.pid()))) {
                continue;
            }
            known.add(sock.inode());
            tracked.add(sock.inode());
            int mib = d.protocol() == 6 ? TcpStates.mib(d.state()) : 0;
            for (SocketSnapshot.Owner o : sock.owners()) {
                emit(SocketEvent.at(ft(s.mono), SocketEventKind.OBSERVED, Source.SNAPSHOT).endpoint(sock.inode())
                        .pid(o.pid()).handle(o.handle()).local(sock.local()).remote(sock.remote()).value(mib).name(o.process()));
            }
            SocketSnapshot.Owner first = sock.owners().isEmpty() ? null : sock.owners().get(0);
            if (sock.linger() != null && first != null) {
                emit(SocketEvent.at(ft(s.mono), SocketEventKind.API_SETOPT, Source.SNAPSHOT).endpoint(sock.inode())
                        .pid(first.pid()).handle(first.handle()).name("SO_LINGER").value(linger(sock.linger())));
            }
            if (d.protocol() == 6 && d.state() != TcpStates.LISTEN) {
                lastQueues.put(sock.inode(), new long[] {d.rqueue(), d.wqueue()});
                emit(SocketEvent.at(ft(s.mono), SocketEventKind.QUEUE_SAMPLE, Source.SNAPSHOT).endpoint(sock.inode())
                        .bytes(d.rqueue()).value(d.wqueue()));
            }
        }
    }

    static long linger(SocketSnapshot.Linger l) {
        return (l.onOff() ? 1L : 0L) << 16 | (l.seconds() & 0xFFFF);
    }

    /**
     * accept() returned a socket of {@code listener}: it is the oldest connection that completed its handshake on
     * the listener's port (the accept queue is FIFO), so its struct sock address is known from then on.
     */
    void accepted(long listener, long inode) {
        Long port = portOf.get(listener);
        java.util.ArrayDeque<Long> q = port == null ? null : acceptQueues.get(port);
        Long sk = q == null ? null : q.pollFirst();
        if (sk != null && index.bySk(sk) < 0) {
            index.bindSk(sk, inode);
        }
    }

    /** Queue sizes of the traced sockets, emitted when they changed; the index learns cookies and 4-tuples. */
    private void sample(Sample s) {
        for (DiagEntry d : s.entries) {
            index.learn(d);
            if (d.state() == TcpStates.LISTEN) {
                portOf.put(d.inode(), (long) SocketIndex.port(d.local()));
            }
            if (!known.contains(d.inode()) || d.state() == TcpStates.LISTEN) {
                continue;
            }
            long[] last = lastQueues.get(d.inode());
            if (last != null && last[0] == d.rqueue() && last[1] == d.wqueue()) {
                continue;
            }
            lastQueues.put(d.inode(), new long[] {d.rqueue(), d.wqueue()});
            emit(at(s.mono, SocketEventKind.QUEUE_SAMPLE).endpoint(d.inode()).bytes(d.rqueue()).value(d.wqueue()));
        }
    }

    /**
     * The socket a TCP tracepoint is about: by struct sock address, cookie, the syscall the same thread is in
     * (only for events in process context, and only for a socket not yet bound to an address: closing a listener
     * also destroys the connections in its accept queue), or the 4-tuple; -1 when none matches.
     */
    private long resolve(Rec r, long sk, long cookie, String tuple) {
        long ino = index.bySk(sk);
        if (ino < 0) {
            ino = index.byCookie(cookie);
            if (ino < 0) {
                FdRef ctx = r.irq ? null : syscalls.context(r.tid);
                if (ctx != null && ctx.inet() && !index.hasSk(ctx.inode())) {
                    ino = ctx.inode();
                } else {
                    ino = index.byTuple(tuple);
                }
            }
            if (ino >= 0) {
                index.bindSk(sk, ino);
            }
        }
        return ino;
    }

    private String tuple(Rec r) {
        long family = r.num("family", 2);
        long sport = r.num("sport", 0);
        long dport = r.num("dport", 0);
        if (family == 10) {
            return SocketIndex.portKey(sport, dport);
        }
        String s = r.ipv4("saddr");
        String d = r.ipv4("daddr");
        return s == null || d == null ? null : SocketIndex.key(2, s + ":" + sport, d + ":" + dport);
    }

    private void state(Rec r) {
        if (r.num("protocol", 6) != 6) {
            return;
        }
        String tuple = tuple(r);
        long sk = r.num("skaddr", 0);
        int from = (int) r.num("oldstate", 0);
        int to = (int) r.num("newstate", 0);
        long ino = resolve(r, sk, 0, tuple);
        if (ino < 0 && from == 3 && to == TcpStates.ESTABLISHED && sk != 0) {
            // A passive open completed in softirq; the socket gets its inode at accept() (tcp_check_req / inet_accept).
            java.util.ArrayDeque<Long> q = acceptQueues.computeIfAbsent(r.num("sport", 0), k -> new java.util.ArrayDeque<>());
            q.addLast(sk);
            if (q.size() > 256) {
                q.pollFirst(); // a listener of a process we do not trace: keep the memory bounded
            }
        }
        if (ino >= 0 && to == TcpStates.LISTEN) {
            portOf.put(ino, r.num("sport", 0));
        }
        if (ino < 0 || !known.contains(ino)) {
            unattributed += ino < 0 ? 1 : 0;
            return;
        }
        SocketEvent.Builder b = at(r.mono, SocketEventKind.TCP_STATE).endpoint(ino).tcb(r.num("skaddr", 0))
                .value(TcpStates.mib(to)).name(TcpStates.name(from) + "->" + TcpStates.name(to));
        if (tuple != null && !tuple.startsWith("6|")) {
            String[] p = tuple.split("\\|");
            if (!p[1].endsWith(":0")) {
                b.local(p[1]);
            }
            if (!p[2].endsWith(":0")) {
                b.remote(p[2]);
            }
        }
        emit(b);
    }

    private void reset(Rec r, boolean sent) {
        long sk = r.num("skaddr", 0);
        if (sk == 0) {
            return; // a reset for a packet no socket owns
        }
        long ino = resolve(r, sk, sent ? 0 : r.num("sock_cookie", 0), sent ? null : tuple(r));
        if (ino < 0 || !known.contains(ino)) {
            unattributed += ino < 0 ? 1 : 0;
            return;
        }
        SocketEvent.Builder b = at(r.mono, sent ? SocketEventKind.TCP_RST_SENT : SocketEventKind.TCP_RST_RECEIVED)
                .endpoint(ino).tcb(sk);
        if (sent && r.has("reason")) {
            b.name("RST sent, reason " + r.format.symbol("reason", r.num("reason", -1)));
        }
        emit(b);
    }

    private void destroy(Rec r) {
        long sk = r.num("skaddr", 0);
        long cookie = r.num("sock_cookie", 0);
        long ino = resolve(r, sk, cookie, tuple(r));
        if (ino < 0) {
            return;
        }
        index.forget(ino, sk, cookie);
        if (known.remove(ino)) {
            tracked.remove(ino);
            lastQueues.remove(ino);
            emit(at(r.mono, SocketEventKind.FREE).endpoint(ino).tcb(sk));
        }
    }

    /** Notes for the user about what could not be attributed. */
    java.util.List<String> notes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (synthetic > 0) {
            out.add(synthetic + " socket(s) were closed before their inode could be read; they carry ids from 0x"
                    + Long.toHexString(SYNTHETIC));
        }
        if (threadGuesses > 0) {
            out.add(threadGuesses + " fork(s) ended before wsclose could tell thread from process; treated as threads");
        }
        return out;
    }
}
