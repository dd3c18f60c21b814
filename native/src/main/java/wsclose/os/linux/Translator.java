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
 * SocketEvent class comment specifies: endpoint = inode; syscalls ({@link Syscalls}) attributed by (tgid, fd) through
 * an fd table seeded from the snapshot and kept current from socket/accept/dup/fork/exec/close; TCP tracepoints
 * ({@link TcpEvents}) attributed through {@link SocketIndex}, never by the pid that happened to run (live-mode.md
 * §B.4, §C.3). Single-threaded: only the trace's translator thread calls it.
 */
final class Translator {
    /** One socket fd of a process; {@code inet} sockets are the ones the model is told about. */
    record FdRef(long inode, boolean inet) {
    }

    /** Prefix of notes about wsclose's own bookkeeping, shown only with --verbose. */
    static final String DEBUG = wsclose.os.LiveTrace.DEBUG_NOTE;

    /** Ids for sockets that were closed before their inode could be read: high bit 62 keeps them apart (LinuxIds). */
    static final long SYNTHETIC = wsclose.trace.model.LinuxIds.SYNTHETIC;

    final Consumer<SocketEvent> sink;
    final long baseFiletime;
    final Set<Long> tracked;
    final Map<Integer, Map<Integer, FdRef>> fds = new HashMap<>();
    /** (tgid, fd) pairs that named an inet socket before it was closed: EBADF on them is a use after close. */
    final Set<Long> closedInet = new HashSet<>();
    final Set<Long> known = new HashSet<>();
    /** Inodes that a traced socket()/accept() was given (not a snapshot): one given twice was read too late. */
    final Set<Long> created = new HashSet<>();
    /**
     * Per (tgid, fd) a socket()/accept() of the trace returned: {inode read from /proc/PID/fd/FD, when it was read
     * (CLOCK_MONOTONIC)}, until that fd is closed.
     */
    final Map<Long, long[]> inodeReadAt = new HashMap<>();
    final SocketIndex index = new SocketIndex();
    final Syscalls syscalls = new Syscalls(this);
    /** Per socket: receive queue and send queue of the last QUEUE_SAMPLE emitted. */
    final Map<Long, long[]> lastQueues = new HashMap<>();
    /**
     * Per socket, from tcp:tcp_probe: {snd_una, 1 when nothing was in flight, 1 when a probe came after the last
     * sample emitted} of the last TCP_CUM_ACK emitted (TcpEvents.probe).
     */
    final Map<Long, long[]> lastProbe = new HashMap<>();
    /** Whether tcp:tcp_probe is recorded, so that every acknowledgement after a sample is seen. */
    boolean acksTraced;
    /** Events the TCP instance lost so far ([LOST n EVENTS]); a lost tcp_probe could hide an acknowledgement. */
    java.util.function.LongSupplier netLost = () -> 0;
    private boolean acksLost;
    final TcpEvents tcp = new TcpEvents(this);
    final ProcessEvents processes = new ProcessEvents(this);
    private long startMono = Long.MIN_VALUE;
    long emitted;
    long synthetic;
    long syntheticNext = SYNTHETIC;
    long renamed;
    long byCookie;
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
                case "inet_sock_set_state" -> tcp.state(r);
                case "tcp_probe" -> tcp.probe(r);
                case "tcp_send_reset" -> tcp.reset(r, true);
                case "tcp_receive_reset" -> tcp.reset(r, false);
                case "tcp_destroy_sock" -> tcp.destroy(r);
                case "sched_process_fork" -> processes.fork(r);
                case "sched_process_exec" -> processes.exec(r);
                case "sched_process_exit" -> processes.processExit(r);
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
                tcp.listening(d.inode(), SocketIndex.port(d.local()));
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
                // seq: how long the snapshot took; what the socket did meanwhile may or may not be in it (LiveQueues)
                emit(SocketEvent.at(ft(s.mono), SocketEventKind.QUEUE_SAMPLE, Source.SNAPSHOT).endpoint(sock.inode())
                        .bytes(d.rqueue()).value(d.wqueue()).name(acksTraced ? SocketEvent.ACKS_TRACED : null)
                        .seq(ft(s.end) - ft(s.mono)));
            }
        }
    }

    static long linger(SocketSnapshot.Linger l) {
        return (l.onOff() ? 1L : 0L) << 16 | (l.seconds() & 0xFFFF);
    }

    /** Queue sizes of the traced sockets, emitted when they changed; the index learns cookies and 4-tuples. */
    private void sample(Sample s) {
        if (acksTraced && netLost.getAsLong() > 0) {
            // Some TCP events were lost: an acknowledgement may be among them, so no figure carried by tcp_probe
            // from a sample is exact any more. Every socket's last sample is restated without the promise.
            acksTraced = false;
            acksLost = true;
            for (Map.Entry<Long, long[]> q : lastQueues.entrySet()) {
                emit(at(s.mono, SocketEventKind.QUEUE_SAMPLE).endpoint(q.getKey()).bytes(q.getValue()[0]).value(q.getValue()[1]));
            }
        }
        for (DiagEntry d : s.entries) {
            index.learn(d);
            if (d.state() == TcpStates.LISTEN) {
                tcp.listening(d.inode(), SocketIndex.port(d.local()));
            }
            if (!known.contains(d.inode()) || d.state() == TcpStates.LISTEN) {
                continue;
            }
            long[] last = lastQueues.get(d.inode());
            long[] probe = lastProbe.get(d.inode());
            // unchanged queues need no new sample, unless segments arrived since the last one: a sample after the
            // last segment before an abortive close makes the bytes it discards exact
            if (last != null && last[0] == d.rqueue() && last[1] == d.wqueue() && (probe == null || probe[2] == 0)) {
                continue;
            }
            lastQueues.put(d.inode(), new long[] {d.rqueue(), d.wqueue()});
            if (probe != null) {
                probe[2] = 0;
            }
            // seq: how long the dump ran; what the socket did meanwhile may or may not be in these figures (LiveQueues)
            emit(at(s.mono, SocketEventKind.QUEUE_SAMPLE).endpoint(d.inode()).bytes(d.rqueue()).value(d.wqueue())
                    .name(acksTraced ? SocketEvent.ACKS_TRACED : null).seq(ft(s.end) - ft(s.mono)));
        }
    }

    /**
     * The socket known as {@code made} is {@code real}: a made-up or cookie id turned out to be an inode (a forked
     * child's copy) or a cookie (a TCP tracepoint), or an inode read too late turned out to be another socket's (real
     * is then a made-up id). Every fd table, the sampler and the model use {@code real} from now on
     * (SocketEventKind.IDENTITY; LinuxIds).
     */
    void rename(long mono, long made, long real) {
        for (Map<Integer, FdRef> tab : fds.values()) {
            tab.replaceAll((fd, ref) -> ref.inode() == made ? new FdRef(real, ref.inet()) : ref);
        }
        if (known.remove(made)) {
            known.add(real);
        }
        if (created.remove(made) && !wsclose.trace.model.LinuxIds.synthetic(real) && !wsclose.trace.model.LinuxIds.cookie(real)) {
            created.add(real);
        }

        index.rename(made, real);
        long[] q = lastQueues.remove(made);
        if (q != null) {
            lastQueues.put(real, q);
        }
        long[] p = lastProbe.remove(made);
        if (p != null) {
            lastProbe.put(real, p);
        }
        if (wsclose.trace.model.LinuxIds.synthetic(made)) {
            synthetic--;
        } else if (wsclose.trace.model.LinuxIds.cookie(made)) {
            byCookie--;
        }
        if (wsclose.trace.model.LinuxIds.cookie(real)) {
            byCookie++; // no sock_diag sample names a cookie id: the sampler has nothing to look up
        } else if (wsclose.trace.model.LinuxIds.synthetic(real)) {
            tracked.remove(made); // an inode read too late (Syscalls.created): the caller counts the made-up id
        } else {
            tracked.add(real);
            renamed++;
        }
        emit(at(mono, SocketEventKind.IDENTITY).endpoint(made).value(real));
    }

    /**
     * A TCP tracepoint gave the cookie of a socket known by a made-up id: it is known by the cookie from now on, which
     * ss -e shows as "sk:..." (LinuxIds). Returns the id to use.
     */
    long cookieIdentity(long mono, long ino, long cookie) {
        if (ino < SYNTHETIC || cookie <= 0 || cookie >= SYNTHETIC - wsclose.trace.model.LinuxIds.COOKIE) {
            return ino;
        }
        long id = wsclose.trace.model.LinuxIds.COOKIE + cookie;
        if (known.contains(id)) {
            return ino; // the cookie already names another socket we know: keep them apart
        }
        rename(mono, ino, id);
        return id;
    }

    /**
     * The fd a socket()/accept() returned is being closed: if the inode was read from /proc/PID/fd/FD only after this
     * close, that fd named another file by then (a read that found nothing gave a made-up id already), so the inode
     * is another socket's; this one becomes a made-up id (a TCP event may still give its cookie) before the close is
     * applied. Returns the reference to close.
     */
    FdRef checkInodeRead(long mono, int tgid, int fd, FdRef ref) {
        long[] read = inodeReadAt.remove(key(tgid, fd));
        if (read == null || read[0] != ref.inode() || read[1] <= mono) {
            return ref;
        }
        long made = syntheticNext++;
        synthetic++;
        rename(mono, ref.inode(), made);
        return new FdRef(made, true);
    }

    /** Notes for the user about what could not be attributed. */
    java.util.List<String> notes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (byCookie > 0) {
            out.add(byCookie + " socket(s) were closed by their creator within moments, before wsclose could read their inode"
                    + " from /proc; they are reported by their socket cookie (sk:..., as ss -e shows it)");
        }
        if (synthetic > 0) {
            out.add(synthetic + " socket(s) were closed by their creator within moments, before wsclose could read their inode"
                    + " from /proc, and no TCP event gave their cookie; they are reported with made-up ids from " + SYNTHETIC
                    + " up, which match nothing in ss");
        }
        if (acksLost) {
            out.add("TCP events were lost, so acknowledgements may be missing: bytes discarded by abortive closes are upper"
                    + " bounds from then on");
        }
        if (threadGuesses > 0) {
            // bookkeeping: a task that ended before its first traced event makes no difference to any socket
            out.add(DEBUG + threadGuesses + " new task(s) ended before wsclose could tell thread from process; treated as threads");
        }
        return out;
    }
}
