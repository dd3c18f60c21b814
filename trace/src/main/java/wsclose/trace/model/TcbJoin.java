package wsclose.trace.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Which socket each TCP connection (TCB) belongs to. TCPIP events name a connection only by its TCB
 * address, AFD events a socket only by its endpoint; they meet on the remote address and the pid
 * (NETBLAME's join, etl-format.md §B.6 step 4). Either side may come first: a connect's AFD Enter names the
 * remote before TCP connects, an accept's TCB is logged before AFD completes the accept.
 */
final class TcbJoin {
    /** Unjoined connections are forgotten beyond this many (connections of sockets the trace never shows). */
    private static final int MAX_UNJOINED = 10_000;

    /** A TcpRequestConnect this long after its thread's AfdConnect start belongs to it. */
    private static final long REQUEST_LINK = 10_000_000L; // 1 s

    private final LongMap<SocketTimeline> byTcb = new LongMap<>();
    /** The socket each thread last started a connect on, and when (thread ids are unique system-wide). */
    private final LongMap<SocketTimeline> connectingOn = new LongMap<>();
    /**
     * When each thread's connect started: one slot per thread that connected, refilled by its next connect (an
     * array per connect was 0.8 bytes of every input event's allocation on the 1.1 GB mixed trace). Thread ids are
     * reused by Windows (and Linux) as threads come and go, so these follow the threads alive, not the trace length.
     */
    private final LongMap<long[]> connectingAt = new LongMap<>();
    /** The connection each TCB address carried until its socket was freed: a late completion of it is no new one. */
    private final LongMap<Tuple> freedTuple = new LongMap<>();

    /**
     * The addresses of a freed connection, kept by its TCB as the socket kept them (no text made). Refilled when its
     * TCB address is freed again, which Windows does soon (LIFO reuse, §C.7): one per address, not one per connection
     * (1.7 bytes of every input event's allocation on the 1.1 GB mixed trace).
     */
    private static final class Tuple {
        long localIp4;
        String localText;
        long remoteIp4;
        String remoteText;
        /** False once a new connection took the TCB address: as if removed, and refilled when that one is freed. */
        boolean freed;

        Tuple set(SocketTimeline t) {
            localIp4 = t.localIp4();
            localText = t.localText();
            remoteIp4 = t.remoteIp4();
            remoteText = t.remoteText();
            freed = true;
            return this;
        }

        boolean is(SocketEvent e) {
            if (!freed) {
                return false;
            }
            long l = e.localIp4();
            long r = e.remoteIp4();
            return l == localIp4 && r == remoteIp4 && (l != 0 || java.util.Objects.equals(localText, e.local()))
                    && (r != 0 || java.util.Objects.equals(remoteText, e.remote()));
        }
    }
    /**
     * Sockets that know their remote address but not yet their TCB: one socket, or a list of them in the order they
     * began to wait (almost always one: a list per socket was 1.5 bytes of every input event's allocation).
     */
    private final AddrMap<Object> awaiting = new AddrMap<>();
    /** Connections that completed before AFD named their socket, by remote address. */
    private final AddrMap<SocketEvent> unjoined = new AddrMap<>();

    SocketTimeline get(long tcb) {
        return byTcb.get(tcb);
    }

    /** AfdConnect started on {@code tid}: TCP's request for it is logged on the same thread (§C.7). */
    void connecting(SocketTimeline t, int tid, long time) {
        if (tid >= 0) {
            connectingOn.put(tid, t);
            long[] at = connectingAt.get(tid);
            if (at == null) {
                connectingAt.put(tid, new long[] {time});
            } else {
                at[0] = time;
            }
        }
    }

    /**
     * TcpRequestConnect: the Tcb of the connect the same thread just started (NETBLAME's thread join, §C.7). The
     * connect's completion (TcpConnectTcbComplete) is often much later and in another context, and a process
     * often has several connections to one remote address open at once, so the thread is the reliable key.
     */
    SocketTimeline requested(SocketEvent e) {
        SocketTimeline t = e.tid() >= 0 ? connectingOn.get(e.tid()) : null;
        long[] at = t == null ? null : connectingAt.get(e.tid());
        if (t == null || at == null || e.time() - at[0] > REQUEST_LINK || t.closed >= 0
                || t.hasRemote() && hasRemote(e) && !t.sameRemote(e)) {
            return null;
        }
        connectingOn.remove(e.tid()); // the thread's time slot stays, refilled by its next connect
        if (t.tcb == e.tcb()) {
            return t;
        }
        SocketTimeline old = byTcb.get(e.tcb());
        if (old != null) {
            byTcb.remove(e.tcb(), old); // a TCB address reused right after its connection was freed
        }
        if (t.tcb != 0) {
            byTcb.remove(t.tcb, t);
        }
        unjoined.remove(t.remoteIp4(), t.remoteText());
        join(t, e);
        return t;
    }
    /**
     * A connection completed ({@code e} carries its TCB, addresses and pid): joins it to a socket that
     * waits for it, or keeps it for a socket that learns its remote address a moment later.
     */
    SocketTimeline connected(SocketEvent e) {
        SocketTimeline t = byTcb.get(e.tcb());
        if (t != null && t.closed < 0) {
            return t;
        }
        Tuple gone = freedTuple.get(e.tcb());
        if (t == null && gone != null && gone.is(e)) {
            return null; // TcpConnectTcbComplete is often very late (§C.7): this one is of a connection already freed
        }
        if (t != null) {
            byTcb.remove(e.tcb(), t); // a reused TCB address: a new connection
        }
        SocketTimeline best = null;
        long remoteIp4 = e.remoteIp4();
        String remoteText = remoteIp4 != 0 ? null : e.remote();
        Object candidates = awaiting.get(remoteIp4, remoteText);
        if (candidates instanceof SocketTimeline) {
            best = better(null, (SocketTimeline) candidates, e);
        } else if (candidates != null) {
            @SuppressWarnings("unchecked")
            List<SocketTimeline> list = (List<SocketTimeline>) candidates;
            for (int i = 0; i < list.size(); i++) {
                best = better(best, list.get(i), e);
            }
        }
        if (best == null) {
            if (remoteIp4 != 0 || remoteText != null) {
                if (unjoined.size() >= MAX_UNJOINED) {
                    unjoined.clear();
                }
                unjoined.put(remoteIp4, remoteText, e.copy()); // kept past this event: the decoder reuses e
            }
            return null;
        }
        join(best, e);
        return best;
    }

    /** {@code c} if it may own the connection of {@code e} and was created after {@code best}, else {@code best}. */
    private static SocketTimeline better(SocketTimeline best, SocketTimeline c, SocketEvent e) {
        if (c.tcb != 0 || c.closed >= 0) {
            return best;
        }
        if ((c.sameLocal(e) || c.localUnspecified())
                && (e.pid() < 0 || c.pid < 0 || c.pid == e.pid()) && (best == null || c.created > best.created)) {
            return c;
        }
        return best;
    }

    /** {@code t} learnt its remote address: join a connection that is waiting, or wait for one. */
    void await(SocketTimeline t, long now, long window) {
        if (t.tcb != 0 || !t.hasRemote()) {
            return;
        }
        long key = t.remoteIp4();
        String text = t.remoteText();
        SocketEvent pending = unjoined.get(key, text);
        if (pending != null && (pending.pid() < 0 || t.pid < 0 || pending.pid() == t.pid)
                && Math.abs(pending.time() - now) <= window) {
            unjoined.remove(key, text);
            join(t, pending);
            return;
        }
        Object v = awaiting.get(key, text);
        if (v == null) {
            awaiting.put(key, text, t);
        } else if (v instanceof SocketTimeline) {
            if (v != t) {
                List<SocketTimeline> l = new ArrayList<>(2);
                l.add((SocketTimeline) v);
                l.add(t);
                awaiting.put(key, text, l);
            }
        } else {
            @SuppressWarnings("unchecked")
            List<SocketTimeline> l = (List<SocketTimeline>) v;
            if (!l.contains(t)) {
                l.add(t);
            }
        }
    }

    private void join(SocketTimeline t, SocketEvent e) {
        SocketTimeline holder = byTcb.get(e.tcb());
        if (holder != null && holder != t && holder.closed < 0 && holder.tcbByThread && e.kind() != SocketEventKind.TCP_CONNECT_REQUEST) {
            return; // an address match never overrides the thread join of a live connection
        }
        t.tcbByThread = e.kind() == SocketEventKind.TCP_CONNECT_REQUEST;
        stopAwaiting(t);
        t.tcb = e.tcb();
        Tuple gone = freedTuple.get(t.tcb);
        if (gone != null) {
            gone.freed = false;
        }
        if (t.localUnspecified()) {
            t.local(e); // keeps its own when e has none
        }
        byTcb.put(t.tcb, t);
    }

    private static boolean hasRemote(SocketEvent e) {
        return e.remoteIp4() != 0 || e.remote() != null;
    }

    private void stopAwaiting(SocketTimeline t) {
        if (t.hasRemote()) {
            Object v = awaiting.get(t.remoteIp4(), t.remoteText());
            if (v == t) {
                awaiting.remove(t.remoteIp4(), t.remoteText());
            } else if (v instanceof List) {
                @SuppressWarnings("unchecked")
                List<SocketTimeline> l = (List<SocketTimeline>) v;
                if (l.remove(t) && l.isEmpty()) {
                    awaiting.remove(t.remoteIp4(), t.remoteText());
                }
            }
        }
    }

    /** {@code t} is gone (freed or retired): its TCB address may name a new connection at once. */
    void forget(SocketTimeline t) {
        stopAwaiting(t);
        if (t.tcb != 0 && byTcb.remove(t.tcb, t)) {
            if (freedTuple.size() > MAX_UNJOINED) {
                freedTuple.clear();
            }
            Tuple old = freedTuple.get(t.tcb);
            if (old != null) {
                old.set(t);
            } else {
                freedTuple.put(t.tcb, new Tuple().set(t));
            }
        }
    }
}
