package wsclose.trace.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final LongMap<SocketTimeline> byObject = new LongMap<>();
    private final LongMap<SocketTimeline> byTcb = new LongMap<>();
    private final Map<Integer, SocketTimeline> createdOnThread = new HashMap<>();
    private final Map<Integer, long[]> createdAt = new HashMap<>();
    private final ArrayDeque<SocketTimeline> retiring = new ArrayDeque<>();
    private final Set<Source> sources = EnumSet.noneOf(Source.class);
    /** Sockets that know their remote address but not yet their TCB, by remote address (NETBLAME's join, §B.6). */
    private final Map<String, List<SocketTimeline>> awaitingTcb = new HashMap<>();
    /** Threads inside a close call: tid -> start time. */
    private final Map<Integer, Long> closeStarts = new HashMap<>();
    private final DataFlow data;
    private long next;
    private long now = Long.MIN_VALUE;
    private long outOfOrder;
    private long sockets;

    /**
     * @param verbose which sockets keep every timeline entry (the one {@code wsclose timeline} prints)
     */
    public SocketModel(ModelListener listener, Predicate<SocketTimeline> verbose) {
        this.listener = listener;
        this.verbose = verbose;
        this.data = new DataFlow(this);
    }

    public void apply(SocketEvent e) {
        if (e.time() < now) {
            outOfOrder++;
        } else {
            now = e.time();
        }
        sources.add(e.source());
        retireUpTo(e.time());
        switch (e.kind()) {
            case PROCESS_START: case PROCESS_RUNDOWN: processes.start(e); break;
            case PROCESS_END: processEnd(e); break;
            case HANDLE_CREATE: case HANDLE_RUNDOWN: handleCreate(e); break;
            case HANDLE_DUPLICATE: handleDuplicate(e); break;
            case HANDLE_CLOSE: handleClose(e); break;
            case CREATE: create(e); break;
            case OBSERVED: observed(e); break;
            case QUEUE_SAMPLE: queues(e); break;
            case FREE: free(e); break;
            default:
                if (e.kind().name().startsWith("API_")) {
                    ApiCalls.apply(this, e);
                } else if (e.kind().name().startsWith("TCP_")) {
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
        for (SocketTimeline t : rest) {
            if (t.closed < 0) {
                t.openAtEnd = true;
                t.traceEnd = Math.max(endTime, t.lastActivity);
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
    Processes processes() { return processes; }
    LongMap<SocketTimeline> byTcb() { return byTcb; }
    LongMap<SocketTimeline> live() { return live; }

    /** The socket an AFD event refers to; unknown endpoints existed before the trace started. */
    SocketTimeline endpoint(SocketEvent e) {
        SocketTimeline t = live.get(e.endpoint());
        if (t == null) {
            t = newTimeline(e.endpoint(), -1, true, e);
            t.entry(e.time(), "first seen", e.pid(), e.tid(), "created before the trace started");
        }
        touch(t, e);
        return t;
    }

    void touch(SocketTimeline t, SocketEvent e) {
        t.sources.add(e.source());
        t.lastActivity = Math.max(t.lastActivity, e.time());
        if (e.tid() >= 0) {
            t.threads.add(e.tid());
        }
    }

    private SocketTimeline newTimeline(long endpoint, long created, boolean existing, SocketEvent e) {
        SocketTimeline t = new SocketTimeline(next++, endpoint, created, existing);
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
            t.pid = e.pid();
            t.eprocess = e.process();
        }
        t.verbose = verbose.test(t);
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
        t.entry(e.time(), "created", t.pid, tid, describeCreate(e));
        if (tid >= 0) {
            createdOnThread.put(tid, t);
            createdAt.put(tid, new long[] {e.time()});
        }
        return t;
    }

    private static String describeCreate(SocketEvent e) {
        return e.name() != null ? e.name() : "socket()";
    }

    /**
     * TCP connections that completed before AFD told which socket they belong to (an accept's TCB is logged
     * before AFD's accept completes), by remote address; a socket that learns that address joins them.
     */
    private final Map<String, SocketEvent> unjoinedTcbs = new HashMap<>();
    private static final int MAX_UNJOINED = 10_000;

    void unjoinedTcb(SocketEvent e) {
        if (e.remote() == null) {
            return;
        }
        if (unjoinedTcbs.size() >= MAX_UNJOINED) {
            unjoinedTcbs.clear(); // connections of sockets the trace never shows: forget them
        }
        unjoinedTcbs.put(e.remote(), e);
    }

    void awaitTcb(SocketTimeline t) {
        SocketEvent pending = t.tcb == 0 && t.remote != null ? unjoinedTcbs.get(t.remote) : null;
        if (pending != null && (pending.pid() < 0 || t.pid < 0 || pending.pid() == t.pid)
                && Math.abs(pending.time() - now) <= CREATE_LINK) {
            unjoinedTcbs.remove(t.remote);
            t.tcb = pending.tcb();
            if (pending.local() != null && t.local == null) {
                t.local = pending.local();
            }
            byTcb.put(t.tcb, t);
            return;
        }
        if (t.tcb == 0 && t.remote != null) {
            List<SocketTimeline> l = awaitingTcb.computeIfAbsent(t.remote, k -> new ArrayList<>(1));
            if (!l.contains(t)) {
                l.add(t);
            }
        }
    }

    void stopAwaitingTcb(SocketTimeline t) {
        if (t.remote != null) {
            List<SocketTimeline> l = awaitingTcb.get(t.remote);
            if (l != null && l.remove(t) && l.isEmpty()) {
                awaitingTcb.remove(t.remote);
            }
        }
    }

    List<SocketTimeline> awaitingTcb(String remote) {
        List<SocketTimeline> l = remote == null ? null : awaitingTcb.get(remote);
        return l == null ? List.of() : new ArrayList<>(l);
    }

    void closeStarted(int tid, long time) {
        closeStarts.put(tid, time);
    }

    /** The start of the close call this thread is returning from, or -1. */
    long closeEnded(int tid) {
        Long t = closeStarts.remove(tid);
        return t == null ? -1 : t;
    }

    /**
     * A live snapshot saw a socket (endpoint = its identity: AFD endpoint or Linux inode) held by (pid, handle),
     * with its addresses, TCP state in {@code value} (MIB_TCP_STATE numbering: 2 LISTEN, 5 ESTABLISHED) and the
     * holder's image name in {@code name}. Seeds the sockets that existed before a live trace started.
     */
    private void observed(SocketEvent e) {
        if (e.pid() >= 0 && e.name() != null && processes.byPid(e.pid()) == null) {
            processes.start(e);
        }
        SocketTimeline t = live.get(e.endpoint());
        if (t == null) {
            t = newTimeline(e.endpoint(), -1, true, e);
            t.entry(e.time(), "observed", e.pid(), e.tid(), "open when the snapshot was taken");
        }
        touch(t, e);
        if (e.local() != null) {
            t.local = e.local();
        }
        if (e.remote() != null) {
            t.remote = e.remote();
            awaitTcb(t);
        }
        if (e.value() == 2) {
            t.state(SocketState.LISTENING, e.time());
        } else if (e.value() >= 5 && e.value() <= 12) {
            t.state(SocketState.CONNECTED, e.time());
        }
        if (e.handle() >= 0 && e.pid() >= 0) {
            bind(t, e.pid(), e.handle(), e.time(), e.tid(), "observed");
        }
    }

    /**
     * Queue sizes sampled from a live socket (Linux sock_diag, Windows TCP_INFO): {@code bytes} = received
     * and unread, {@code value} = queued to send (unsent + unacknowledged). The last sample before a close is
     * what the close discards when it is abortive.
     */
    private void queues(SocketEvent e) {
        SocketTimeline t = e.endpoint() != 0 ? live.get(e.endpoint()) : null;
        if (t == null && e.pid() >= 0 && e.handle() >= 0) {
            t = handles.get(e.pid(), e.handle());
        }
        if (t == null || t.closed >= 0) {
            return;
        }
        t.sources.add(e.source());
        if (e.bytes() >= 0) {
            t.recvQueue = e.bytes();
        }
        if (e.value() >= 0) {
            t.sendQueue = e.value();
        }
        t.queuesAt = e.time();
    }

    /** A socket created on this thread moments ago, waiting for its first handle. */
    SocketTimeline justCreated(int tid, long time) {
        SocketTimeline t = createdOnThread.get(tid);
        long[] at = createdAt.get(tid);
        if (t == null || at == null || time - at[0] > CREATE_LINK || t.closed >= 0) {
            return null;
        }
        return t;
    }

    private void handleCreate(SocketEvent e) {
        SocketTimeline t = e.object() != 0 ? byObject.get(e.object()) : null;
        if (t != null && t.closed >= 0) {
            byObject.remove(e.object(), t); // a reused FILE_OBJECT address: the old socket is gone
            t = null;
        }
        if (t == null && e.kind() == SocketEventKind.HANDLE_CREATE) {
            t = justCreated(e.tid(), e.time());
            if (t != null && t.handles.stream().anyMatch(h -> h.pid() == e.pid())) {
                t = null; // the creating handle is already known; this is some other file
            }
        }
        if (t == null) {
            return; // not a socket we know
        }
        if (e.object() != 0 && byObject.put(e.object(), t) == null) {
            t.objects.add(e.object());
        }
        bind(t, e.pid(), e.handle(), e.time(), e.tid(), e.kind() == SocketEventKind.HANDLE_RUNDOWN ? "existing" : "created");
    }

    private void handleDuplicate(SocketEvent e) {
        SocketTimeline t = e.object() != 0 ? byObject.get(e.object()) : null;
        if (t == null) {
            return;
        }
        bind(t, e.pid(), e.handle(), e.time(), e.tid(), "duplicated from pid " + e.value());
    }

    /** Adds a reference (pid, value) to a socket, noticing when the value named another socket before. */
    void bind(SocketTimeline t, int pid, long handle, long time, int tid, String how) {
        if (handles.get(pid, handle) == t) {
            return;
        }
        handles.bind(pid, handle, t);
        t.handles.add(new HandleRef(pid, handle, time, how, -1));
        t.refs(t.refs + 1, time);
        t.entry(time, "handle " + how, pid, tid, "pid " + pid + " handle 0x" + Long.toHexString(handle));
    }

    private void handleClose(SocketEvent e) {
        SocketTimeline t = handles.get(e.pid(), e.handle());
        if (t == null && e.object() != 0) {
            t = byObject.get(e.object());
        }
        if (t == null) {
            return;
        }
        unbind(t, e.pid(), e.handle(), e.time(), e.tid(), "handle closed");
    }

    void unbind(SocketTimeline t, int pid, long handle, long time, int tid, String what) {
        unbindRef(t, pid, handle, time, tid, what);
    }

    /** Drops the reference (pid, handle) of {@code t}; returns what the handle table now remembers of it. */
    HandleTable.Previous unbindRef(SocketTimeline t, int pid, long handle, long time, int tid, String what) {
        if (handles.get(pid, handle) != t) {
            return null;
        }
        HandleTable.Previous prev = handles.unbind(pid, handle, time, tid);
        for (int i = 0; i < t.handles.size(); i++) {
            HandleRef h = t.handles.get(i);
            if (h.pid() == pid && h.handle() == handle && h.open()) {
                t.handles.set(i, h.close(time));
                break;
            }
        }
        t.refs(t.refs - 1, time);
        t.entry(time, what, pid, tid, "pid " + pid + " handle 0x" + Long.toHexString(handle));
        if (t.refs == 0 && t.closeRequested < 0) {
            t.closeRequested = time;
            t.state(SocketState.CLOSE_REQUESTED, time);
        }
        if (t.refs == 0 && !t.sources.contains(Source.AFD) && t.closed < 0) {
            // Without AFD events the last reference going is the close itself (Linux: the last fd of the
            // struct file; Windows: the last handle of the FILE_OBJECT).
            t.closed = time;
            t.state(SocketState.CLOSED, time);
        }
        return prev;
    }

    private void free(SocketEvent e) {
        SocketTimeline t = endpoint(e);
        t.freed = e.time();
        if (t.closed < 0) {
            t.closed = e.time();
        }
        t.state(SocketState.FREED, e.time());
        t.entry(e.time(), "freed", e.pid(), e.tid(), e.source() == Source.LINUX
                ? "the kernel destroyed the socket" : "AFD released the endpoint; its address may be reused");
        live.remove(t.endpoint);
        stopAwaitingTcb(t);
        if (t.tcb != 0) {
            byTcb.remove(t.tcb, t); // the connection died with the endpoint; its TCB address may be reused at once
        }
        for (long o : t.objects) {
            byObject.remove(o, t); // so was the FILE_OBJECT (its handles closed before AFD's cleanup)
        }
        retiring.add(t);
    }

    private void processEnd(SocketEvent e) {
        int pid = e.pid();
        // Exit closes every handle (fd) the process still held: each is a reference the program never closed.
        for (SocketTimeline t : new ArrayList<>(live.values())) {
            for (HandleRef h : new ArrayList<>(t.handles)) {
                if (h.pid() == pid && h.open() && handles.get(pid, h.handle()) == t) {
                    if (!t.apiClosed || t.refs > 1) {
                        t.closedByProcessExit = true;
                        t.processExit = e.time();
                    }
                    unbind(t, pid, h.handle(), e.time(), e.tid(), "closed by process exit");
                }
            }
        }
        for (SocketTimeline t : live.values()) {
            if (t.pid == pid && t.created >= 0 && !t.apiClosed) {
                t.closedByProcessExit = true;
                t.processExit = e.time();
                t.entry(e.time(), "process exited", pid, e.tid(), "the socket was still open when its process ended");
            }
        }
        for (SocketTimeline t : retiring) {
            if (t.pid == pid && !t.apiClosed && t.created >= 0 && e.time() - t.closed <= GRACE) {
                t.closedByProcessExit = true;
                t.processExit = e.time();
            }
        }
        processes.end(e);
        handles.forgetProcess(pid);
    }

    private void retireUpTo(long time) {
        while (!retiring.isEmpty() && (time == Long.MAX_VALUE || time - retiring.peekFirst().freed > GRACE
                || retiring.size() > MAX_RETIRING)) {
            retire(retiring.pollFirst());
        }
    }

    private void retire(SocketTimeline t) {
        stopAwaitingTcb(t);
        if (t.tcb != 0) {
            byTcb.remove(t.tcb, t);
        }
        for (long o : t.objects) {
            byObject.remove(o, t);
        }
        listener.retired(t);
        t.trim();
    }

    /** A socket the handle currently names, or the one it named before (for events after close). */
    SocketTimeline byHandle(int pid, long handle) {
        return handles.get(pid, handle);
    }

}
