package wsclose.trace.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything known about one socket instance: an AFD endpoint from its creation to its free (endpoint
 * addresses, handle values and EPROCESS addresses are all reused afterwards, so each instance is its
 * own timeline). Built by {@link SocketModel} in time order; read by the checks and renderers.
 *
 * <p>Data operations are counted, not stored, so a long-lived socket with millions of sends costs the
 * same memory as a short one; lifecycle steps are kept as {@link TimelineEntry}s (all of them when the
 * socket was selected with {@code --socket}, else a bounded number).
 */
public final class SocketTimeline {
    private static final int MAX_ENTRIES = 64;

    final long id;
    /** Not final: a live source may learn the real identity later (SocketEventKind.IDENTITY). */
    long endpoint;
    int pid = -1;
    long eprocess;
    String process;
    long created = -1;
    long closeRequested = -1;
    long closed = -1;
    long freed = -1;
    /**
     * The addresses: an {@link Ip4} key, or a text when not IPv4 (at most one of the two set). The text of a key is
     * made when a report asks for it (most sockets of a big trace have no finding).
     */
    private long localIp4;
    private long remoteIp4;
    long tcb;
    /** The TCB was joined on the connecting thread (TcpRequestConnect), not by address. */
    boolean tcbByThread;
    /** The FILE_OBJECT addresses the socket was known by, unboxed: mostly one, kept in a field; more in an array. */
    private long object0;
    private int nObjects;
    int refs;
    boolean handleAccounting;
    /**
     * The handles (fds) the socket was known by, oldest first: the first in fields (96 % of the mixed scenario's
     * sockets have one; a list and its array were 48 bytes each, and a record made when it opened and another when
     * it closed were 3 of the 57 bytes the analysis allocated per input event), the others in a list made for the
     * second. A {@link HandleRef} of the first is made only for a snapshot ({@link #handles()}).
     */
    private int handle0Pid;
    private long handle0Value;
    private long handle0Opened;
    /** Null while the socket has no handle. */
    private String handle0How;
    private long handle0Closed = -1;
    /** The reference count over time as (time, count) pairs, packed: a handle event adds one without an array of its own. */
    private long[] refcounts;
    private int nRefcounts;
    /** The states so far, oldest first: a state's interval ends where the next one starts (the last one is open).
     * Two arrays, not a list of intervals: a state change allocates nothing. Kinds as ordinals (8 bytes, not 8
     * references); eight fit the 7-8 states nearly every socket of the mixed scenario reaches. Taken from the
     * model's {@link ArrayPool} and given back at {@link #trim}, like the pending and reference-count arrays. */
    private byte[] stateKinds;
    private long[] stateFrom;
    private int nStates;
    long bytesSent;
    long bytesReceived;
    long bytesArrived;
    long bytesPosted;
    long bytesAcked = -1;
    /** TCP sequence accounting (etl-format.md §C.6 item 3): the first unacknowledged byte as far as the trace
     * shows it, the newest SndUna, and the bytes acknowledged between them (64-bit, across 32-bit wrap-around). */
    long seqBase = -1;
    long sndUna = -1;
    long seqAcked;
    /** A SndUna was seen (TcpDataTransferCumAck or TcpDataTransferSend): acknowledgements are counted by sequence. */
    boolean unaSeen;
    /** The base came from the connection's establishment (TcpTcbStateChange SndNxt): nothing was sent before it. */
    boolean seqFromStart;
    long bytesTransmitted;
    long sendBacklog = -1;
    /** TcpDisconnect's DataLength: not rare, a build may log it for every disconnect. */
    long dataAtDisconnect = -1;
    /**
     * Requests started and not completed yet, oldest first, three longs each: kind ordinal and thread id, start
     * time, bytes. Few at a time, one made and dropped per request: packed, a request allocates nothing (a record
     * per request was a tenth of the analysis's allocation); a {@link PendingOp} is made only for one aborted.
     */
    private long[] pend;
    private int nPend;
    long shutdownSend = -1;
    long closeApiStatus = -1;
    boolean apiClosed;
    long closeCallStart = -1;
    long closeCallEnd = -1;
    long lastActivity;
    private boolean mayMissEvents;
    long firstSeen;
    /** The sources that reported on the socket, one bit per Source ordinal: touched per event, so kept in the object. */
    private int sourceBits;
    boolean verbose;
    /**
     * Threads that used the socket (up to {@link #MAX_THREADS}), to tell a stale user of a reused value: the first
     * two in fields (one or two for 97 % of the mixed scenario's sockets), the rest in an array made for the third.
     * A linear scan of a few ints beats a set of boxed ones on every event.
     */
    private int thread0;
    private int thread1;
    private int nThreads;
    static final int MAX_THREADS = 64;
    /** The thread that created (or accepted) the socket, or -1. */
    int creatorTid = -1;
    /** When the first request on the socket completed (an I/O completion port may hand it to any thread after). */
    long firstCompletion = -1;
    /**
     * What few sockets have: a linger setting, an abort, a reset, an exit of the process with the socket open, being
     * open at the input's end. Made on the first of them (88 bytes; in the mixed scenario, which is full of such bugs,
     * for 45 % of the sockets): the others do without. With the first
     * handle, FILE_OBJECT and two threads in fields, a timeline and what its constructor makes went from 632 to 456
     * bytes (ThreadMXBean allocated bytes over 100,000 of them).
     */
    private Rare rare;
    /**
     * What fewer than one socket in twenty of the mixed scenario has: a text address (not IPv4), a second handle,
     * FILE_OBJECT or third thread, live queue samples (Linux), aborted requests, timeline entries. Made on
     * the first of them: held in the timeline, they made it 400 bytes instead of 368.
     */
    private Seldom seldom;

    static final class Seldom {
        String localText;
        String remoteText;
        long[] moreObjects;
        ArrayList<HandleRef> moreHandles;
        int[] moreThreads;
        /** Linux live queue samples and tcp_probe acknowledgements; null until the first one (never for ETW). */
        LiveQueues live;
        /** Requests the close aborted or left pending; null until the first one. */
        List<PendingOp> aborted;
        /** Lifecycle entries; null until the first (never, when the model keeps none). */
        ArrayList<TimelineEntry> entries;
        int droppedEntries;
    }

    /** The seldom facts, made on first use (to write them). */
    Seldom seldom() {
        if (seldom == null) {
            seldom = new Seldom();
        }
        return seldom;
    }

    static final class Rare {
        int lingerOnOff = -1;
        int lingerSeconds;
        long lingerSetAt = -1;
        long abortReason = -1;
        long abortTime = -1;
        long rstSent = -1;
        long rstReceived = -1;
        boolean closedByProcessExit;
        long processExit = -1;
        long traceEnd = -1;
        boolean openAtEnd;
        /** Set when the input ended: the process's leak-growth facts this open socket belongs to, or null. */
        LeakGrowth.Group growth;
    }

    /** The process exited at {@code time} with the socket open (or just closed by the exit). */
    void processExited(long time) {
        Rare r = rare();
        r.closedByProcessExit = true;
        r.processExit = time;
    }

    /** The rare facts, made on first use (to write them). */
    Rare rare() {
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }
    /** The peer ended the connection (FIN or RST arrived): an open socket after that is one the program forgot. */
    long peerEnded = -1;

    /** Whether thread {@code tid} used the socket. */
    boolean usedBy(int tid) {
        if (nThreads > 0 && thread0 == tid || nThreads > 1 && thread1 == tid) {
            return true;
        }
        for (int i = 2; i < nThreads; i++) {
            if (seldom.moreThreads[i - 2] == tid) {
                return true;
            }
        }
        return false;
    }

    /** Thread {@code tid} used the socket. */
    void addThread(int tid) {
        if (nThreads >= MAX_THREADS || usedBy(tid)) {
            return;
        }
        if (nThreads == 0) {
            thread0 = tid;
        } else if (nThreads == 1) {
            thread1 = tid;
        } else {
            Seldom x = seldom();
            if (x.moreThreads == null) {
                x.moreThreads = new int[4];
            } else if (nThreads - 2 == x.moreThreads.length) {
                x.moreThreads = java.util.Arrays.copyOf(x.moreThreads, x.moreThreads.length * 2);
            }
            x.moreThreads[nThreads - 2] = tid;
        }
        nThreads++;
    }

    /** Where the starting arrays come from and go back to. */
    private final ArrayPool pool;

    SocketTimeline(long id, long endpoint, long created, boolean existing, ArrayPool pool) {
        this.id = id;
        this.pool = pool;
        stateKinds = pool.stateKinds();
        stateFrom = pool.stateFrom();
        this.endpoint = endpoint;
        this.created = created;
        this.lastActivity = created;
        stateKinds[0] = (byte) (existing ? SocketState.EXISTING : SocketState.CREATED).ordinal();
        stateFrom[0] = created;
        nStates = 1;
    }

    private static final SocketState[] STATES = SocketState.values();
    /** A retired timeline's last state, one array per kind: never written ({@link #state} grows a full array first). */
    private static final byte[][] ONE_STATE = new byte[STATES.length][];

    static {
        for (int i = 0; i < STATES.length; i++) {
            ONE_STATE[i] = new byte[] {(byte) i};
        }
    }

    void state(SocketState s, long at) {
        SocketState last = STATES[stateKinds[nStates - 1]];
        if (last == s || last.ordinal() > s.ordinal() && s != SocketState.CLOSE_REQUESTED) {
            return; // never move backwards (a late TCP state for a closing socket, say)
        }
        if (last.closing() && !s.closing()) {
            return;
        }
        if (nStates == stateKinds.length) {
            stateKinds = java.util.Arrays.copyOf(stateKinds, nStates * 2);
            stateFrom = java.util.Arrays.copyOf(stateFrom, nStates * 2);
        }
        stateKinds[nStates] = (byte) s.ordinal();
        stateFrom[nStates] = at;
        nStates++;
    }

    /** No entries at all (SocketModel.withoutEntries). */
    boolean noEntries;

    /**
     * Whether an entry made now would be kept: callers test it before building the entry's text, which for most
     * sockets of a big trace nobody reads. Counts the entry as dropped when it would not be.
     */
    boolean records() {
        if (noEntries) {
            return false;
        }
        if (!verbose && seldom != null && seldom.entries != null && seldom.entries.size() >= MAX_ENTRIES) {
            seldom.droppedEntries++;
            return false;
        }
        return true;
    }

    void entry(long time, String what, int pid, int tid, String detail) {
        Seldom x = seldom();
        if (x.entries == null) {
            x.entries = new ArrayList<>();
        } else if (!verbose && x.entries.size() >= MAX_ENTRIES) {
            x.droppedEntries++;
            return;
        }
        x.entries.add(new TimelineEntry(time, what, pid, tid, detail, refcountNow()));
    }

    private static final long M32 = 0xFFFFFFFFL;

    /** A sequence number at or before the first unacknowledged byte (SndUna, SeqNo, SndNxt): lowers the base. */
    void seqCandidate(long v) {
        if (v < 0) {
            return;
        }
        v &= M32;
        if (seqBase < 0) {
            seqBase = v;
            sndUna = v;
            return;
        }
        long back = (seqBase - v) & M32;
        if (back != 0 && back < (1L << 30)) {
            seqBase = v; // an earlier event was lost: the first byte was before what we took as the base
            seqAcked += back;
        }
    }

    /** A cumulative acknowledgement: SndUna moved forward (older, reordered values are ignored). */
    void una(long v) {
        if (v < 0) {
            return;
        }
        v &= M32;
        seqCandidate(v);
        unaSeen = true;
        long d = (v - sndUna) & M32;
        if (d != 0 && d < (1L << 31)) {
            seqAcked += d;
            sndUna = v;
        }
    }

    /** The live queue facts, made on first use. */
    LiveQueues live() {
        Seldom x = seldom();
        if (x.live == null) {
            x.live = new LiveQueues();
        }
        return x.live;
    }

    /** The live queue facts, or null before the first. */
    private LiveQueues liveOrNull() {
        return seldom == null ? null : seldom.live;
    }

    /**
     * A Linux tcp_probe logged at {@code time}: snd_una before this segment's ACK, snd_nxt (-1 unknown), payload bytes
     * (-1 unknown).
     */
    void liveProbe(long time, long una, long nxt, long data) {
        live().probe(time, una, nxt, data);
    }

    /** A Linux read or send logged at {@code time}: a sample whose dump was still running may or may not count it. */
    void liveMoved(long time) {
        LiveQueues live = liveOrNull();
        if (live != null) {
            live.moved(time);
        }
    }

    private static final SocketEventKind[] KINDS = SocketEventKind.values();

    void addPending(SocketEventKind kind, int tid, long started, long bytes) {
        if (pend == null) {
            pend = pool.pending();
        } else if (nPend * 3 == pend.length) {
            pend = java.util.Arrays.copyOf(pend, pend.length * 2);
        }
        int i = nPend++ * 3;
        pend[i] = (long) kind.ordinal() << 32 | tid & M32;
        pend[i + 1] = started;
        pend[i + 2] = bytes;
    }

    int pendingCount() {
        return nPend;
    }

    /** The oldest pending request of this kind by this thread, or -1. */
    int pendingOf(SocketEventKind kind, int tid) {
        long key = (long) kind.ordinal() << 32 | tid & M32;
        for (int i = 0; i < nPend; i++) {
            if (pend[i * 3] == key) {
                return i;
            }
        }
        return -1;
    }

    /** The oldest pending request of this kind by any thread, or -1. */
    int pendingOf(SocketEventKind kind) {
        for (int i = 0; i < nPend; i++) {
            if ((int) (pend[i * 3] >>> 32) == kind.ordinal()) {
                return i;
            }
        }
        return -1;
    }

    PendingOp pendingOp(int i) {
        long k = pend[i * 3];
        return new PendingOp(KINDS[(int) (k >>> 32)].word(), (int) k, pend[i * 3 + 1], pend[i * 3 + 2], -1, -1);
    }

    void removePending(int i) {
        System.arraycopy(pend, (i + 1) * 3, pend, i * 3, (nPend - i - 1) * 3);
        nPend--;
    }

    /** The close began: every request still pending is one it cancels. */
    void abortPending() {
        for (int i = 0; i < nPend; i++) {
            abortedList().add(pendingOp(i));
        }
        nPend = 0;
    }

    List<PendingOp> abortedList() {
        Seldom x = seldom();
        if (x.aborted == null) {
            x.aborted = new ArrayList<>(2);
        }
        return x.aborted;
    }

    /** The aborted requests, or null before the first. */
    List<PendingOp> abortedOrNull() {
        return seldom == null ? null : seldom.aborted;
    }

    void refs(int n, long at) {
        refs = Math.max(0, n);
        handleAccounting = true;
        if (refcounts == null) {
            refcounts = pool.refcounts();
        } else if (nRefcounts * 2 == refcounts.length) {
            refcounts = java.util.Arrays.copyOf(refcounts, refcounts.length * 2);
        }
        refcounts[nRefcounts * 2] = at;
        refcounts[nRefcounts * 2 + 1] = refs;
        nRefcounts++;
    }

    void addObject(long object) {
        if (nObjects == 0) {
            object0 = object;
        } else {
            Seldom x = seldom();
            if (x.moreObjects == null) {
                x.moreObjects = new long[2];
            } else if (nObjects - 1 == x.moreObjects.length) {
                x.moreObjects = java.util.Arrays.copyOf(x.moreObjects, x.moreObjects.length * 2);
            }
            x.moreObjects[nObjects - 1] = object;
        }
        nObjects++;
    }

    int objectCount() {
        return nObjects;
    }

    long object(int i) {
        return i == 0 ? object0 : seldom.moreObjects[i - 1];
    }

    /** A new reference, open since {@code opened}; {@code how} as in {@link HandleRef}. */
    void addHandle(int pid, long value, long opened, String how) {
        if (handle0How == null) {
            handle0Pid = pid;
            handle0Value = value;
            handle0Opened = opened;
            handle0How = java.util.Objects.requireNonNull(how);
        } else {
            Seldom x = seldom();
            if (x.moreHandles == null) {
                x.moreHandles = new ArrayList<>(2);
            }
            x.moreHandles.add(new HandleRef(pid, value, opened, how, -1));
        }
    }

    int handleCount() {
        return handle0How == null ? 0 : 1 + (seldom == null || seldom.moreHandles == null ? 0 : seldom.moreHandles.size());
    }

    /* Handle i's parts, read without making its record (these run per handle event and per stale-thread test). */
    int handlePid(int i) { return i == 0 ? handle0Pid : seldom.moreHandles.get(i - 1).pid(); }
    long handleValue(int i) { return i == 0 ? handle0Value : seldom.moreHandles.get(i - 1).handle(); }
    long handleOpened(int i) { return i == 0 ? handle0Opened : seldom.moreHandles.get(i - 1).opened(); }
    boolean handleOpen(int i) { return i == 0 ? handle0Closed < 0 : seldom.moreHandles.get(i - 1).open(); }

    /** Handle {@code i} was closed at {@code at}. */
    void closeHandle(int i, long at) {
        if (i == 0) {
            handle0Closed = at;
        } else {
            seldom.moreHandles.set(i - 1, seldom.moreHandles.get(i - 1).close(at));
        }
    }

    HandleRef handle(int i) {
        if (i == 0) {
            return new HandleRef(handle0Pid, handle0Value, handle0Opened, java.util.Objects.requireNonNull(handle0How),
                    handle0Closed);
        }
        return seldom.moreHandles.get(i - 1);
    }

    int refcountNow() {
        if (handleAccounting) {
            return refs;
        }
        return closed >= 0 ? 0 : 1;
    }

    /**
     * After the socket retired (its summary was reported), the handle table may still point at it so that a
     * later misuse of one of its values can name it; keep only what such a message needs, so memory follows
     * the sockets alive at once and not the trace length. The starting arrays go back to the pool and the timeline
     * keeps none of them: what it keeps is in arrays of its own (the last state's kind in a shared one-element array,
     * which {@link #state(SocketState, long)} copies before it writes), so a late event for this socket cannot write
     * into the arrays of a socket made after it.
     */
    void trim() {
        if (seldom != null) {
            seldom.entries = null;
            seldom.aborted = null;
            seldom.droppedEntries = 0;
        }
        long[] lastRefcount = nRefcounts == 0 ? null
                : new long[] {refcounts[nRefcounts * 2 - 2], refcounts[nRefcounts * 2 - 1]};
        byte lastKind = stateKinds[nStates - 1];
        long lastFrom = stateFrom[nStates - 1];
        pool.give(stateKinds, stateFrom, pend, refcounts);
        refcounts = lastRefcount;
        nRefcounts = lastRefcount == null ? 0 : 1;
        stateKinds = ONE_STATE[lastKind];
        stateFrom = new long[] {lastFrom};
        nStates = 1;
        pend = null;
        nPend = 0;
    }

    public long id() { return id; }
    /** AFD endpoint address (Linux: socket cookie or inode). */
    public long endpoint() { return endpoint; }
    public int pid() { return pid; }
    public long eprocess() { return eprocess; }
    public String process() { return process; }
    /** Creation time, or -1 when the socket existed before the trace. */
    public long created() { return created; }
    public long closeRequested() { return closeRequested; }
    /** When the socket was closed (no reference left), or -1. */
    public long closed() { return closed; }
    public long freed() { return freed; }
    /** Local address "ip:port", or null. */
    public String local() { return localIp4 != 0 ? Ip4.text(localIp4) : localText(); }
    /** Remote address "ip:port", or null. */
    public String remote() { return remoteIp4 != 0 ? Ip4.text(remoteIp4) : remoteText(); }

    boolean hasLocal() { return localIp4 != 0 || localText() != null; }
    boolean hasRemote() { return remoteIp4 != 0 || remoteText() != null; }

    /** Takes {@code e}'s local address if it has one; whether it had. */
    boolean local(SocketEvent e) {
        long k = e.localIp4();
        String text = k == 0 ? e.local() : null;
        if (k == 0 && text == null) {
            return false;
        }
        localIp4 = k;
        localText(text);
        return true;
    }

    /** Takes {@code e}'s remote address if it has one; whether it had. */
    boolean remote(SocketEvent e) {
        long k = e.remoteIp4();
        String text = k == 0 ? e.remote() : null;
        if (k == 0 && text == null) {
            return false;
        }
        remoteIp4 = k;
        remoteText(text);
        return true;
    }

    /** {@code e}'s remote address, or none when it has none. */
    void setRemote(SocketEvent e) {
        if (!remote(e)) {
            remoteIp4 = 0;
            remoteText(null);
        }
    }

    /** The local address of {@code other}. */
    void localOf(SocketTimeline other) {
        localIp4 = other.localIp4;
        localText(other.localText());
    }

    /** Whether both have a local address and it is the same. */
    boolean sameLocal(SocketEvent e) {
        long k = e.localIp4();
        String text = localText();
        return k != 0 ? k == localIp4 : text != null && text.equals(e.local());
    }

    /** Whether both have a remote address and it is the same. */
    boolean sameRemote(SocketEvent e) {
        long k = e.remoteIp4();
        String text = remoteText();
        return k != 0 ? k == remoteIp4 : text != null && text.equals(e.remote());
    }

    /** No local address, or a wildcard one (port 0, 0.0.0.0): TCP's may tell the real one. */
    boolean localUnspecified() {
        if (localIp4 != 0) {
            return Ip4.unspecified(localIp4);
        }
        String text = localText();
        return text == null || text.endsWith(":0") || text.startsWith("0.0.0.0");
    }

    long remoteIp4() { return remoteIp4; }
    String remoteText() { return seldom == null ? null : seldom.remoteText; }

    private void remoteText(String text) {
        if (text != null || seldom != null) {
            seldom().remoteText = text;
        }
    }

    long localIp4() { return localIp4; }
    String localText() { return seldom == null ? null : seldom.localText; }

    private void localText(String text) {
        if (text != null || seldom != null) {
            seldom().localText = text;
        }
    }

    public long tcb() { return tcb; }
    /* The list views below: none made for an empty list, the common case of a retired socket's checks. */
    /** The handles so far, an immutable snapshot. */
    public List<HandleRef> handles() {
        int n = handleCount();
        if (n <= 1) {
            return n == 0 ? List.of() : List.of(handle(0));
        }
        HandleRef[] out = new HandleRef[n];
        for (int i = 0; i < n; i++) {
            out[i] = handle(i);
        }
        return List.of(out);
    }
    /** The states so far, an immutable snapshot. */
    public List<StateInterval> states() {
        return new StateList(stateKinds, stateFrom, nStates);
    }

    public SocketState state() { return STATES[stateKinds[nStates - 1]]; }
    public long bytesSent() { return bytesSent; }
    public long bytesReceived() { return bytesReceived; }
    public long bytesArrived() { return bytesArrived; }
    public long bytesPosted() { return bytesPosted; }
    /**
     * Bytes the peer acknowledged, or -1 when the trace does not say: SndUna progress (TcpDataTransferCumAck
     * and TcpDataTransferSend, every build) when seen, else the sum of TcpSendAcked (25H2+), else live figures.
     */
    public long bytesAcked() { return unaSeen ? seqAcked : bytesAcked; }
    /** Whether acknowledgements were counted from TCP sequence numbers. */
    public boolean ackedFromSequence() { return unaSeen; }
    /** Whether the sequence base is the connection's first byte (its establishment was traced). */
    public boolean seqFromStart() { return seqFromStart; }
    public long bytesTransmitted() { return bytesTransmitted; }
    public int creatorTid() { return creatorTid; }
    /** The growth of open sockets in this socket's process, when it was open at the end of the input; or null. */
    public LeakGrowth.Group growth() { return rare == null ? null : rare.growth; }
    /** When the peer's FIN or RST arrived, or -1. */
    public long peerEnded() { return peerEnded; }
    public long sendBacklog() { return sendBacklog; }
    /** TcpDisconnect's DataLength (data outstanding at disconnect), or -1. */
    public long dataAtDisconnect() { return dataAtDisconnect; }
    /** Last sampled unread receive queue (live sources), or -1. */
    public long recvQueue() { LiveQueues live = liveOrNull(); return live == null ? -1 : live.recvQueue(); }
    /** Last sampled send queue, unsent + unacknowledged (live sources), or -1. */
    public long sendQueue() { LiveQueues live = liveOrNull(); return live == null ? -1 : live.sendQueue(); }
    public long queuesAt() { LiveQueues live = liveOrNull(); return live == null ? -1 : live.at(); }

    /**
     * The send queue at the close on Linux: the last sample plus bytes sent since minus bytes acknowledged since
     * (tcp_probe), or -1 when acknowledgements were not traced after that sample.
     */
    public long liveSendQueueAtClose() {
        LiveQueues live = liveOrNull();
        return live == null ? -1 : live.sendQueueAtClose(bytesSent);
    }

    /**
     * The receive queue at the close on Linux: the last sample plus the payload of the segments received since
     * (tcp_probe data_len) minus the bytes the program read since, or -1 when tcp_probe was not on after that sample.
     * The sample alone is stale when the data came in after it (a server that answers 413 and closes at once).
     */
    public long liveRecvQueueAtClose() {
        LiveQueues live = liveOrNull();
        return live == null ? -1 : live.recvQueueAtClose(bytesReceived);
    }

    /**
     * Whether {@link #liveSendQueueAtClose()} is exact: no segment arrived after the sample, or the last one came
     * when nothing was in flight (so its ACK could not move snd_una); and the socket was still ESTABLISHED (tcp_probe
     * is not logged in the other states).
     */
    public boolean liveSendQueueExact() {
        LiveQueues live = liveOrNull();
        return live != null && live.sendQueueExact()
                && (peerEnded < 0 || peerEnded > closeRequested());
    }
    public List<PendingOp> pendingAtEnd() {
        if (nPend == 0) {
            return List.of();
        }
        PendingOp[] out = new PendingOp[nPend];
        for (int i = 0; i < nPend; i++) {
            out[i] = pendingOp(i);
        }
        return List.of(out);
    }

    public List<PendingOp> aborted() {
        List<PendingOp> aborted = abortedOrNull();
        return aborted == null || aborted.isEmpty() ? List.of() : Collections.unmodifiableList(aborted);
    }
    /** SO_LINGER l_onoff as last set, or -1 when never seen. */
    public int lingerOnOff() { return rare == null ? -1 : rare.lingerOnOff; }
    public int lingerSeconds() { return rare == null ? 0 : rare.lingerSeconds; }
    public long lingerSetAt() { return rare == null ? -1 : rare.lingerSetAt; }
    /** AFD abort reason, or -1. */
    public long abortReason() { return rare == null ? -1 : rare.abortReason; }
    public long abortTime() { return rare == null ? -1 : rare.abortTime; }
    public long rstSent() { return rare == null ? -1 : rare.rstSent; }
    public long rstReceived() { return rare == null ? -1 : rare.rstReceived; }
    public long shutdownSend() { return shutdownSend; }
    /** Winsock error of the closesocket call when the trace shows it, else -1. */
    public long closeApiStatus() { return closeApiStatus; }
    public boolean closedByProcessExit() { return rare != null && rare.closedByProcessExit; }
    public boolean apiClosed() { return apiClosed; }
    /** When the socket's process exited with the socket open, or -1. */
    public long processExit() { return rare == null ? -1 : rare.processExit; }
    /** Start of the closesocket / close() call that closed it (API layer), or -1. */
    public long closeCallStart() { return closeCallStart; }
    /** Return of that call, or -1. */
    public long closeCallEnd() { return closeCallEnd; }
    /** Time of the last event about this socket. */
    public long lastActivity() { return lastActivity; }
    /** The first event of this socket in the input (its creation, or when the trace first saw it). */
    public long firstSeen() { return firstSeen; }
    /** Whether the input may have lost events while this socket was open (set by the analysis from the source). */
    public boolean mayMissEvents() { return mayMissEvents; }
    public void mayMissEvents(boolean v) { mayMissEvents = v; }
    /** True when the input ended while the socket was still open. */
    public boolean openAtEnd() { return rare != null && rare.openAtEnd; }
    /** Time of the last event of the input, when {@link #openAtEnd()}; else -1. */
    public long traceEnd() { return rare == null ? -1 : rare.traceEnd; }
    public Set<SocketEvent.Source> sources() {
        Set<SocketEvent.Source> s = EnumSet.noneOf(SocketEvent.Source.class);
        for (SocketEvent.Source x : SocketEvent.Source.values()) {
            if (hasSource(x)) {
                s.add(x);
            }
        }
        return Collections.unmodifiableSet(s);
    }

    void addSource(SocketEvent.Source s) {
        sourceBits |= 1 << s.ordinal();
    }

    public boolean hasSource(SocketEvent.Source s) {
        return (sourceBits & 1 << s.ordinal()) != 0;
    }
    public List<TimelineEntry> entries() {
        List<TimelineEntry> entries = seldom == null ? null : seldom.entries;
        return entries == null || entries.isEmpty() ? List.of() : Collections.unmodifiableList(entries);
    }
    public int droppedEntries() { return seldom == null ? 0 : seldom.droppedEntries; }
    /** Whether reference counts come from handle events (true) or are inferred from create/close (false). */
    public boolean handleAccounting() { return handleAccounting; }

    /** Reference count over time: [time, count] pairs, an immutable snapshot (each pair read is a fresh array). */
    public List<long[]> refcountTimeline() {
        if (handleAccounting) {
            return new RefcountList(refcounts, nRefcounts);
        }
        return new RefcountList(new long[] {created, 1, closed, 0}, closed >= 0 ? 2 : 1);
    }

    /** The reference count at the end of the timeline. */
    public int refcount() {
        return refcountNow();
    }
}
