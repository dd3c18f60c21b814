package wsclose.trace.model;

import wsclose.trace.model.SocketEvent.Phase;
import java.util.List;

/**
 * AFD requests and TCP events of a socket: states, byte counts, requests pending at close, aborts and
 * resets. AFD events are keyed by endpoint; TCP events by TCB, joined to a socket by its addresses
 * (etl-format.md §B.6 step 4).
 */
final class DataFlow {
    private final SocketModel m;

    DataFlow(SocketModel m) {
        this.m = m;
    }

    /** A stale thread's first request on the new owner of a value comes this soon after the value was reused. */
    static final long STALE_WINDOW = 10_000_000L; // 1 s in 100-ns units

    void afd(SocketEvent e) {
        SocketTimeline t = m.find(e);
        boolean enter = e.phase() == Phase.ENTER;
        boolean ok = e.status() == 0;
        if (enter && t.closed >= 0 && isRequest(e.kind())) {
            m.listener().anomaly(new Anomaly(Anomaly.Kind.OPERATION_AFTER_CLOSE, e.time(), e, t, null,
                    op(e) + " requested after the socket was closed"));
        } else if (enter && isRequest(e.kind())) {
            staleThread(t, e);
        }
        m.touch(t, e);
        switch (e.kind()) {
            case BIND:
                t.local(e);
                if (!enter && ok) {
                    t.state(SocketState.BOUND, e.time());
                    if (t.records()) {
                        t.entry(e.time(), "bound", e.pid(), e.tid(), t.hasLocal() ? t.local() : "");
                    }
                }
                break;
            case LISTEN:
                if (!enter && ok) {
                    t.state(SocketState.LISTENING, e.time());
                    if (t.records()) {
                        t.entry(e.time(), "listening", e.pid(), e.tid(), "");
                    }
                }
                break;
            case CONNECT:
                if (t.remote(e)) {
                    m.awaitTcb(t);
                }
                if (enter) {
                    m.tcbs().connecting(t, e.tid(), e.time());
                    t.state(SocketState.CONNECTING, e.time());
                } else if (ok) {
                    t.state(SocketState.CONNECTED, e.time());
                    if (t.records()) {
                        t.entry(e.time(), "connected", e.pid(), e.tid(), t.hasRemote() ? "to " + t.remote() : "");
                    }
                } else {
                    if (t.records()) {
                        t.entry(e.time(), "connect failed", e.pid(), e.tid(), Codes.name(e.status()));
                    }
                }
                break;
            case ACCEPT:
                accept(t, e);
                break;
            case SEND:
            case RECV:
                request(t, e);
                break;
            case DATA_ARRIVED:
                if (e.bytes() > 0) {
                    t.bytesArrived += e.bytes();
                }
                break;
            case SEND_BACKLOG:
                t.sendBacklog = e.value();
                break;
            case DISCONNECT:
                if (t.peerEnded < 0) {
                    t.peerEnded = e.time();
                }
                if (t.records()) {
                    t.entry(e.time(), "disconnect", e.pid(), e.tid(), e.name() == null ? "" : e.name());
                }
                break;
            case CLOSE:
                close(t, e);
                break;
            case ABORT:
                if (e.value() == 4 && t.peerEnded < 0) {
                    t.peerEnded = e.time(); // the transport indicated the peer's reset
                }
                t.rare().abortReason = e.value();
                t.rare().abortTime = e.time();
                if (t.records()) {
                    t.entry(e.time(), "aborted", e.pid(), e.tid(), "AFD abort reason " + e.value()
                            + (e.name() == null ? "" : ": " + e.name()));
                }
                break;
            case OPTION:
                if (t.records()) {
                    t.entry(e.time(), "option", e.pid(), e.tid(), e.name() == null ? "" : e.name());
                }
                break;
            default:
                break;
        }
    }

    private static boolean isRequest(SocketEventKind k) {
        return k == SocketEventKind.SEND || k == SocketEventKind.RECV || k == SocketEventKind.CONNECT
                || k == SocketEventKind.BIND || k == SocketEventKind.LISTEN || k == SocketEventKind.ACCEPT;
    }

    private static String op(SocketEvent e) {
        return e.kind().word();
    }

    private void accept(SocketTimeline listener, SocketEvent e) {
        if (e.phase() == Phase.ENTER || e.status() != 0 || e.value() == 0) {
            return;
        }
        SocketTimeline a = m.live().get(e.value());
        if (a == null) {
            a = m.create(e, e.value(), e.tid());
        }
        a.setRemote(e);
        m.awaitTcb(a);
        a.localOf(listener);
        a.state(SocketState.CONNECTED, e.time());
        if (a.records()) {
            a.entry(e.time(), "accepted", e.pid(), e.tid(), "from " + e.remote() + " on listener 0x" + Long.toHexString(listener.endpoint));
        }
        if (listener.records()) {
            listener.entry(e.time(), "accept", e.pid(), e.tid(), "new socket 0x" + Long.toHexString(e.value()));
        }
    }

    /** AfdSend completions at these Locations repeat the bytes of a nested send (NETBLAME "CONFIRMED", §C.7). */
    static boolean nestedSend(SocketEvent e) {
        return e.kind() == SocketEventKind.SEND && (e.value() == 3073 || e.value() == 3024);
    }

    private void request(SocketTimeline t, SocketEvent e) {
        String op = op(e);
        if (e.phase() == Phase.ENTER) {
            int i = t.pendingOf(e.kind(), e.tid()); // one request of a kind per thread at a time (a repeat replaces it)
            if (i >= 0) {
                t.removePending(i);
            }
            t.addPending(e.kind(), e.tid(), e.time(), e.bytes());
            return;
        }
        if (nestedSend(e)) {
            return; // a second record of a completion already counted
        }
        // Completions often run on another thread (an I/O completion port, a DPC): match the completing thread's
        // own request first, else the oldest pending request of that kind.
        int i = t.pendingOf(e.kind(), e.tid());
        if (i < 0) {
            i = t.pendingOf(e.kind());
        }
        boolean matched = i >= 0;
        // the started request is needed only for an abort; failures are few, so only they make a record
        PendingOp p = matched && e.status() != 0 ? t.pendingOp(i) : null;
        if (matched) {
            t.removePending(i);
        }
        if (t.firstCompletion < 0) {
            t.firstCompletion = e.time();
        }
        if (e.status() == 0) {
            if (e.bytes() > 0) {
                if (e.kind() == SocketEventKind.SEND) {
                    t.bytesSent += e.bytes();
                } else {
                    t.bytesReceived += e.bytes();
                }
            }
            if (!matched) {
                dropUnfinishedAbort(t, op); // completed after the close began, successfully: nothing was aborted
            }
            return;
        }
        if (t.closeRequested >= 0 && Codes.abortedByClose(e.status())) {
            PendingOp started = p != null ? p : unfinishedAbort(t, op);
            if (started == null) {
                started = new PendingOp(op, e.tid(), -1, e.bytes(), -1, -1);
            }
            PendingOp s0 = started;
            List<PendingOp> aborted = t.abortedList();
            aborted.removeIf(a -> a.ended() < 0 && a.tid() == s0.tid() && a.op().equals(s0.op()) && a.started() == s0.started());
            aborted.add(started.end(e.time(), e.status()));
            if (t.records()) {
                t.entry(e.time(), op(e) + " aborted", e.pid(), e.tid(), Codes.name(e.status()));
            }
        } else if (!matched) {
            dropUnfinishedAbort(t, op); // failed for another reason (a reset, say): not an abort by the close
        }
    }

    /** The oldest request of this kind that was pending when the close began and has not completed yet. */
    private static PendingOp unfinishedAbort(SocketTimeline t, String op) {
        List<PendingOp> aborted = t.abortedOrNull();
        if (aborted == null) {
            return null;
        }
        for (int i = 0; i < aborted.size(); i++) { // per completion after a close: no iterator
            PendingOp a = aborted.get(i);
            if (a.ended() < 0 && a.op().equals(op)) {
                return a;
            }
        }
        return null;
    }

    private static void dropUnfinishedAbort(SocketTimeline t, String op) {
        PendingOp a = unfinishedAbort(t, op);
        if (a != null) {
            t.abortedOrNull().remove(a);
        }
    }

    /**
     * handle-reuse from AFD and handle events alone (no Winsock-Sockets): a request on {@code t} by a thread that
     * never used it, that did use the socket whose value {@code t} was handed right after that socket's close.
     * The thread still holds the old value and its call now acts on {@code t}. Not reported once {@code t} had
     * a completion (a completion port may then hand the socket to any thread of a pool), nor later than
     * {@link #STALE_WINDOW} after the reuse.
     */
    private void staleThread(SocketTimeline t, SocketEvent e) {
        int tid = e.tid();
        if (tid < 0 || t.usedBy(tid) || tid == t.creatorTid || t.firstCompletion >= 0) {
            return;
        }
        for (int i = 0; i < t.handleCount(); i++) {
            if (!t.handleOpen(i) || e.time() - t.handleOpened(i) > STALE_WINDOW) {
                continue;
            }
            int pid = t.handlePid(i);
            long value = t.handleValue(i);
            HandleTable.Previous prev = m.handles().previous(pid, value);
            if (prev == null || prev.socket() == t || !prev.socket().usedBy(tid) || prev.closedAt() > t.handleOpened(i)) {
                continue;
            }
            SocketEvent use = SocketEvent.at(e.time(), e.kind(), e.source())
                    .thread(pid, tid).endpoint(t.endpoint).handle(value).phase(e.phase()).build();
            m.listener().anomaly(new Anomaly(Anomaly.Kind.STALE_USE_OF_REUSED_HANDLE, e.time(), use, prev.socket(), t,
                    op(e) + " request by a thread that used the old socket behind this value (seen in AFD)"));
            return;
        }
    }

    private void close(SocketTimeline t, SocketEvent e) {
        if (e.phase() == Phase.ENTER || t.closeRequested < 0) {
            if (t.closeRequested < 0) {
                t.closeRequested = e.time();
            }
            t.state(SocketState.CLOSE_REQUESTED, e.time());
            t.abortPending(); // still pending when close began: closesocket cancels them (§C.5)
        }
        if (e.phase() != Phase.ENTER) {
            t.closed = e.time();
            t.state(SocketState.CLOSED, e.time());
            if (t.records()) {
                t.entry(e.time(), "closed", e.pid(), e.tid(), "AFD close completed");
            }
        }
    }

    void tcp(SocketEvent e) {
        // A live Linux source names the socket itself (endpoint = inode; SocketEvent contract): no join needed, and
        // its struct sock address (tcb) may be reused by a new socket before the old timeline retires.
        SocketTimeline t = e.endpoint() != 0 ? m.live().get(e.endpoint()) : null;
        if (t != null) {
            linuxTcp(t, e);
        } else if (e.tcb() == 0) {
            return; // no connection identity (classic kernel events with connid 0): nothing to join on
        } else if (e.kind() == SocketEventKind.TCP_CONNECT_REQUEST) {
            t = m.tcbs().requested(e);
        } else if (e.kind() == SocketEventKind.TCP_CONNECTED) {
            t = m.tcbs().connected(e); // may be null now and joined later (an accept completes in AFD after TCP)
        } else {
            t = m.tcbs().get(e.tcb());
        }
        if (t == null) {
            return; // a connection of a socket we do not know (or a TCB without AFD events)
        }
        m.touch(t, e);
        switch (e.kind()) {
            case TCP_SEND_POSTED:
                t.bytesPosted += Math.max(0, e.bytes());
                t.seqCandidate(e.seq()); // SndNxt when posted: at or after the first unacknowledged byte
                break;
            case TCP_TRANSMIT:
                t.bytesTransmitted += Math.max(0, e.bytes());
                t.seqCandidate(e.seq());
                t.una(e.value());
                break;
            case TCP_CUM_ACK:
                if (e.source() == SocketEvent.Source.LINUX) {
                    t.liveProbe(e.time(), e.value(), e.seq(), e.bytes()); // tcp_probe: no sequence base before the first byte, only progress
                } else {
                    t.una(e.value());
                }
                break;
            case TCP_ACKED: t.bytesAcked = Math.max(0, t.bytesAcked) + Math.max(0, e.bytes()); break;
            case TCP_SHUTDOWN:
                if (t.shutdownSend < 0) {
                    t.shutdownSend = e.time();
                }
                t.state(SocketState.SEND_SHUT_DOWN, e.time());
                if (t.records()) {
                    t.entry(e.time(), "FIN queued", e.pid(), e.tid(), "TCP send side shut down");
                }
                break;
            case TCP_ABORT:
            case TCP_RST_SENT:
                if (t.rstSent() < 0) {
                    t.rare().rstSent = e.time();
                    if (t.records()) {
                        t.entry(e.time(), "RST sent", e.pid(), e.tid(), e.name() == null ? "connection aborted" : e.name());
                    }
                }
                break;
            case TCP_RST_RECEIVED:
                t.rare().rstReceived = e.time();
                if (t.peerEnded < 0) {
                    t.peerEnded = e.time();
                }
                if (t.records()) {
                    t.entry(e.time(), "RST received", e.pid(), e.tid(), "the peer reset the connection");
                }
                break;
            case TCP_DISCONNECT:
                if (e.bytes() >= 0) {
                    t.dataAtDisconnect = e.bytes();
                }
                break;
            case TCP_STATE:
                if (e.value() == 5 && e.seq() >= 0 && !t.seqFromStart) {
                    t.seqCandidate(e.seq()); // SndNxt on reaching ESTABLISHED: the first data byte (ISN + 1)
                    t.seqFromStart = t.seqBase == (e.seq() & 0xFFFFFFFFL);
                }
                if (e.value() == 8 && t.peerEnded < 0) {
                    t.peerEnded = e.time(); // CLOSE_WAIT: the peer's FIN arrived
                }
                if (t.records()) {
                    t.entry(e.time(), "TCP state", e.pid(), e.tid(), e.name() == null ? Long.toString(e.value()) : e.name());
                }
                break;
            default:
                break;
        }
    }

    /** What a Linux TCP event tells beyond DataFlow's cases: addresses, and the connected/listening states. */
    private static void linuxTcp(SocketTimeline t, SocketEvent e) {
        if (!t.hasLocal()) {
            t.local(e);
        }
        if (!t.hasRemote()) {
            t.remote(e);
        }
        if (e.kind() == SocketEventKind.TCP_STATE && e.value() == 5) {
            t.state(SocketState.CONNECTED, e.time());
        } else if (e.kind() == SocketEventKind.TCP_STATE && e.value() == 2) {
            t.state(SocketState.LISTENING, e.time());
        }
    }

}
