package wsclose.trace.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEvent.Source;


/**
 * Rebuilds per-socket timelines from {@link SocketEvent}s in time order: the only mutable stage of the
 * pipeline (Trace Compass's state provider, specialised). Sockets are keyed by AFD endpoint while they
 * live; handles (pid, value) and FILE_OBJECTs point at them; TCBs are joined by address
 * (etl-format.md §B.6). A socket is handed to the listener when it is freed plus a grace period for
 * late events, so memory follows the sockets alive at once, not the length of the trace.
 *
 * <p>The model tolerates gaps (events lost, sockets created before the trace): an event for an unknown
 * endpoint starts a timeline in state EXISTING.
 */
public final class SocketModel {
    /** Late events (cancelled completions, handle closes) still attach to a socket this long after its free. */
    static final long GRACE = 2_000_000L; // 200 ms in 100-ns units
    /** Freed sockets waiting out their grace period; beyond this many the oldest retire early (bounded memory). */
    static final int MAX_RETIRING = 10_000;
    /** A handle created on a thread this soon after AFD created an endpoint there belongs to it. */
    static final long CREATE_LINK = 10_000_000L;

    private final ModelListener listener;
    private final Predicate<SocketTimeline> verbose;
    private final Processes processes = new Processes();
    private final HandleTable handles = new HandleTable();
    private final LongMap<SocketTimeline> live = new LongMap<>();
    private final References refs = new References(this);
    private final TcbJoin tcbs = new TcbJoin();
    /** The starting arrays of retired timelines, for new ones. */
    private final ArrayPool arrays = new ArrayPool();
    /** What the model remembers per thread; one object per thread, reused: nothing allocated per call. */
    private static final class ThreadState {
        /** The last socket created on the thread (its creation time is the link's start). */
        SocketTimeline created;
        /** When the close call the thread is in started, or -1. */
        long closeStart = -1;
    }

    private final LongMap<ThreadState> threads = new LongMap<>();

    /** Drops a thread's state once it holds nothing: the map follows the threads in use, not the file's length. */
    private void release(int tid, ThreadState s) {
        if (s.created == null && s.closeStart < 0) {
            threads.remove(tid);
        }
    }

    private ThreadState thread(int tid) {
        ThreadState s = threads.get(tid);
        if (s == null) {
            s = new ThreadState();
            threads.put(tid, s);
        }
        return s;
    }
    private final ArrayDeque<SocketTimeline> retiring = new ArrayDeque<>();
    /** The oldest retiring socket's free time: every event asks it, and the socket itself is long out of cache. */
    private long retiringHeadFreed = Long.MIN_VALUE;
    private final Set<Source> sources = EnumSet.noneOf(Source.class);
    /** The sources in {@link #sources} as bits of their ordinals: asked per event, the set itself only on a new one. */
    private int sourceBits;
    private final DataFlow data;
    private final LeakGrowth growth = new LeakGrowth();
    private long next;
    private long now = Long.MIN_VALUE;
    private long outOfOrder;
    private long sockets;

    /**
     * @param verbose which sockets keep every timeline entry (the one {@code wsclose timeline} prints)
     */
    public SocketModel(ModelListener listener, Predicate<SocketTimeline> verbose) {
        this(listener, verbose, 0);
    }

    /** @param firstId the id of the first socket (a model that follows another one keeps the ids apart) */
    public SocketModel(ModelListener listener, Predicate<SocketTimeline> verbose, long firstId) {
        this.listener = listener;
        this.verbose = verbose;
        this.data = new DataFlow(this);
        this.next = firstId;
    }

    /** The id the next socket gets. */
    public long nextId() {
        return next;
    }

    /**
     * Keeps no timeline entries, except for the sockets {@code verbose} selects: for commands that print no
     * timeline (analyze, trace), which then build none of their text.
     */
    public SocketModel withoutEntries() {
        this.entries = false;
        return this;
    }

    private boolean entries = true;

    public void apply(SocketEvent e) {
        if (e.time() < now) {
            outOfOrder++;
        } else {
            now = e.time();
        }
        int bit = 1 << e.source().ordinal();
        if ((sourceBits & bit) == 0) {
            sourceBits |= bit;
            sources.add(e.source());
        }
        retireUpTo(e.time());
        switch (e.kind()) {
            case PROCESS_START: case PROCESS_RUNDOWN: processes.start(e); break;
            case PROCESS_END: processEnd(e); break;
            case HANDLE_CREATE: case HANDLE_RUNDOWN: refs.created(e); break;
            case HANDLE_DUPLICATE: refs.duplicated(e); break;
            case HANDLE_CLOSE: refs.closed(e); break;
            case CREATE: create(e); break;
            case OBSERVED: LiveFacts.observed(this, e); break;
            case QUEUE_SAMPLE: LiveFacts.queues(this, e); break;
            case IDENTITY: LiveFacts.identity(this, e); break;
            case FREE: free(e); break;
            default:
                if (e.kind().api()) {
                    ApiCalls.apply(this, e);
                } else if (e.kind().tcp()) {
                    data.tcp(e);
                } else {
                    data.afd(e);
                }
        }
    }

    /** Ends the trace: every socket still known is retired as it stands. */
    public void finish(long endTime) {
        retireUpTo(Long.MAX_VALUE);
        List<SocketTimeline> rest = new ArrayList<>(live.values());
        rest.sort((a, b) -> Long.compare(a.id, b.id));
        live.clear();
        growth.finish(rest, endTime);
        for (SocketTimeline t : rest) {
            if (t.closed < 0) {
                t.rare().openAtEnd = true;
                t.rare().traceEnd = Math.max(endTime, t.lastActivity);
            }
            retire(t);
        }
    }

    /** The sockets alive now, oldest first (for a live view). */
    public List<SocketTimeline> aliveSockets() {
        List<SocketTimeline> out = new ArrayList<>(live.values());
        out.sort((a, b) -> Long.compare(a.id, b.id));
        return out;
    }

    /** Events that were out of time order or otherwise could not be applied. */
    public long problems() {
        return outOfOrder;
    }

    public Set<Source> sources() {
        return sources;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public long sockets() {
        return sockets;
    }

    public int alive() {
        return live.size();
    }

    ModelListener listener() { return listener; }
    HandleTable handles() { return handles; }
    References refs() { return refs; }
    Processes processes() { return processes; }
    TcbJoin tcbs() { return tcbs; }
    LongMap<SocketTimeline> live() { return live; }

    /** The socket an AFD event refers to; unknown endpoints existed before the trace started. */
    SocketTimeline endpoint(SocketEvent e) {
        SocketTimeline t = find(e);
        touch(t, e);
        return t;
    }

    /** As {@link #endpoint} without recording the event's thread as a user (checks look first). */
    SocketTimeline find(SocketEvent e) {
        SocketTimeline t = live.get(e.endpoint());
        if (t == null) {
            t = newTimeline(e.endpoint(), -1, true, e);
            if (t.records()) {
                t.entry(e.time(), "first seen", e.pid(), e.tid(), "created before the trace started");
            }
        }
        return t;
    }

    void touch(SocketTimeline t, SocketEvent e) {
        t.addSource(e.source());
        t.lastActivity = Math.max(t.lastActivity, e.time());
        if (e.tid() >= 0 && trustedThread(e)) {
            t.addThread(e.tid());
        }
        if (t.pid < 0 && e.pid() >= 0 && e.source() == Source.AFD) {
            owner(t, e.pid()); // a request start names its caller: the owner of a socket first seen without one
        }
    }

    /**
     * Whether the event's thread is one that used the socket: the caller of an API call or a request start.
     * Completions, indications and TCPIP events run in whatever context the kernel had (etl-format.md §C.7).
     */
    private static boolean trustedThread(SocketEvent e) {
        switch (e.source()) {
            case AFD: return e.phase() == Phase.ENTER || e.kind() == SocketEventKind.CREATE;
            case TCPIP: case KERNEL_NETWORK: return false;
            case LINUX: return !e.kind().tcp();
            default: return true;
        }
    }

    private void owner(SocketTimeline t, int pid) {
        t.pid = pid;
        Processes.Proc p = processes.byPid(pid);
        if (p != null) {
            t.process = p.name();
        }
        if (t.eprocess != 0) {
            processes.learn(t.eprocess, pid);
        }
    }

    SocketTimeline newTimeline(long endpoint, long created, boolean existing, SocketEvent e) {
        SocketTimeline t = new SocketTimeline(next++, endpoint, created, existing, arrays);
        t.firstSeen = e.time();
        sockets++;
        Processes.Proc p = e.process() != 0 ? processes.byEprocess(e.process()) : null;
        if (p == null && e.pid() >= 0) {
            p = processes.byPid(e.pid());
        }
        if (p != null) {
            t.pid = p.pid();
            t.process = p.name();
            t.eprocess = p.eprocess();
        } else {
            t.pid = e.pid(); // -1 for a completion or indication: its header pid is not the owner (§C.7)
            t.eprocess = e.process();
            processes.learn(e.process(), e.pid());
        }
        t.verbose = verbose.test(t);
        t.noEntries = !entries && !t.verbose;
        live.put(endpoint, t);
        return t;
    }

    /** AFD created an endpoint (the decoder emits CREATE for the successful completion only). */
    SocketTimeline create(SocketEvent e) {
        return create(e, e.endpoint(), e.tid());
    }

    SocketTimeline create(SocketEvent e, long endpoint, int tid) {
        SocketTimeline old = live.remove(endpoint);
        if (old != null) {
            retire(old); // the old endpoint was freed without an event: events were lost
        }
        SocketTimeline t = newTimeline(endpoint, e.time(), false, e);
        touch(t, e);
        if (t.records()) {
            t.entry(e.time(), "created", t.pid, tid, describeCreate(e));
        }
        t.creatorTid = tid;
        if (tid >= 0) {
            thread(tid).created = t;
        }
        return t;
    }

    private static String describeCreate(SocketEvent e) {
        return e.name() != null ? e.name() : "socket()";
    }

    /** {@code t} learnt its remote address: the TCP connection may be joined to it now or later. */
    void awaitTcb(SocketTimeline t) {
        tcbs.await(t, now, CREATE_LINK);
    }

    void closeStarted(int tid, long time) {
        thread(tid).closeStart = time;
    }

    /** The start of the close call this thread is returning from, or -1. */
    long closeEnded(int tid) {
        ThreadState s = threads.get(tid);
        if (s == null) {
            return -1;
        }
        long t = s.closeStart;
        s.closeStart = -1;
        release(tid, s);
        return t;
    }

    /** A socket created on this thread moments ago, waiting for its first handle. */
    SocketTimeline justCreated(int tid, long time) {
        ThreadState s = threads.get(tid);
        SocketTimeline t = s == null ? null : s.created;
        if (t == null || time - t.created > CREATE_LINK || t.closed >= 0) {
            return null;
        }
        return t;
    }

    private void free(SocketEvent e) {
        SocketTimeline t = endpoint(e);
        t.freed = e.time();
        if (t.closed < 0) {
            t.closed = e.time();
        }
        t.state(SocketState.FREED, e.time());
        if (t.records()) {
            t.entry(e.time(), "freed", e.pid(), e.tid(), e.source() == Source.LINUX
                    ? "the kernel destroyed the socket" : "AFD released the endpoint; its address may be reused");
        }
        live.remove(t.endpoint);
        tcbs.forget(t); // the connection died with the endpoint; its TCB address may be reused at once
        refs.forget(t); // so was the FILE_OBJECT (its handles closed before AFD's cleanup)
        retiring.add(t);
        if (retiring.size() == 1) {
            retiringHeadFreed = t.freed;
        }
    }

    private void processEnd(SocketEvent e) {
        int pid = e.pid();
        // Exit closes every handle (fd) the process still held: each is a reference the program never closed.
        for (SocketTimeline t : new ArrayList<>(live.values())) {
            for (int i = 0; i < t.handleCount(); i++) { // an unbind closes handle i and removes none
                long value = t.handleValue(i);
                if (t.handlePid(i) == pid && t.handleOpen(i) && handles.get(pid, value) == t) {
                    if (!t.apiClosed || t.refs > 1) {
                        t.processExited(e.time());
                    }
                    refs.unbind(t, pid, value, e.time(), e.tid(), "closed by process exit");
                }
            }
        }
        for (SocketTimeline t : live.values()) {
            if (t.pid == pid && t.created >= 0 && !t.apiClosed) {
                t.processExited(e.time());
                if (t.closed < 0 && t.refcountNow() <= 1) {
                    t.closed = e.time(); // the exit closed it (a table shows the time, not a blank)
                }
                if (t.records()) {
                    t.entry(e.time(), "process exited", pid, e.tid(), "the socket was still open when its process ended");
                }
            }
        }
        for (SocketTimeline t : retiring) {
            if (t.pid == pid && !t.apiClosed && t.created >= 0 && e.time() - t.closed <= GRACE) {
                t.processExited(e.time());
            }
        }
        processes.end(e);
        handles.forgetProcess(pid);
    }

    private void retireUpTo(long time) {
        while (!retiring.isEmpty() && (time == Long.MAX_VALUE || time - retiringHeadFreed > GRACE
                || retiring.size() > MAX_RETIRING)) {
            retire(retiring.pollFirst());
            SocketTimeline head = retiring.peekFirst();
            retiringHeadFreed = head == null ? Long.MIN_VALUE : head.freed;
        }
    }

    private void retire(SocketTimeline t) {
        ThreadState creator = t.creatorTid >= 0 ? threads.get(t.creatorTid) : null;
        if (creator != null && creator.created == t) {
            creator.created = null; // a retired socket is no thread's new socket any more, and is not kept alive
            release(t.creatorTid, creator);
        }
        if (t.closed >= 0 && t.freed >= 0) {
            growth.closed(t);
        }
        tcbs.forget(t);
        refs.forget(t);
        listener.retired(t);
        t.trim();
    }

    /** A socket the handle currently names, or the one it named before (for events after close). */
    SocketTimeline byHandle(int pid, long handle) {
        return handles.get(pid, handle);
    }

}
