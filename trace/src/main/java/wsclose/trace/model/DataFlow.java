package wsclose.trace.model;

import wsclose.trace.model.SocketEvent.Phase;

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

    void afd(SocketEvent e) {
        SocketTimeline t = m.endpoint(e);
        boolean enter = e.phase() == Phase.ENTER;
        boolean ok = e.status() == 0;
        if (enter && t.closed >= 0 && isRequest(e.kind())) {
            m.listener().anomaly(new Anomaly(Anomaly.Kind.OPERATION_AFTER_CLOSE, e.time(), e, t, null,
                    op(e) + " requested after the socket was closed"));
        }
        switch (e.kind()) {
            case BIND:
                if (e.local() != null) {
                    t.local = e.local();
                }
                if (!enter && ok) {
                    t.state(SocketState.BOUND, e.time());
                    t.entry(e.time(), "bound", e.pid(), e.tid(), t.local == null ? "" : t.local);
                }
                break;
            case LISTEN:
                if (!enter && ok) {
                    t.state(SocketState.LISTENING, e.time());
                    t.entry(e.time(), "listening", e.pid(), e.tid(), "");
                }
                break;
            case CONNECT:
                if (e.remote() != null) {
                    t.remote = e.remote();
                    m.awaitTcb(t);
                }
                if (enter) {
                    t.state(SocketState.CONNECTING, e.time());
                } else if (ok) {
                    t.state(SocketState.CONNECTED, e.time());
                    t.entry(e.time(), "connected", e.pid(), e.tid(), t.remote == null ? "" : "to " + t.remote);
                } else {
                    t.entry(e.time(), "connect failed", e.pid(), e.tid(), Codes.name(e.status()));
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
                t.entry(e.time(), "disconnect", e.pid(), e.tid(), e.name() == null ? "" : e.name());
                break;
            case CLOSE:
                close(t, e);
                break;
            case ABORT:
                t.abortReason = e.value();
                t.abortTime = e.time();
                t.entry(e.time(), "aborted", e.pid(), e.tid(), "AFD abort reason " + e.value()
                        + (e.name() == null ? "" : ": " + e.name()));
                break;
            case OPTION:
                t.entry(e.time(), "option", e.pid(), e.tid(), e.name() == null ? "" : e.name());
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
        a.remote = e.remote();
        m.awaitTcb(a);
        a.local = listener.local;
        a.state(SocketState.CONNECTED, e.time());
        a.entry(e.time(), "accepted", e.pid(), e.tid(), "from " + e.remote() + " on listener 0x" + Long.toHexString(listener.endpoint));
        listener.entry(e.time(), "accept", e.pid(), e.tid(), "new socket 0x" + Long.toHexString(e.value()));
    }

    private void request(SocketTimeline t, SocketEvent e) {
        String op = op(e);
        PendingOp p = removePending(t, op, e.tid()); // one request of a kind per thread at a time (a repeat replaces it)
        if (e.phase() == Phase.ENTER) {
            t.pending.add(new PendingOp(op, e.tid(), e.time(), e.bytes(), -1, -1));
            return;
        }
        if (e.status() == 0) {
            if (e.bytes() > 0) {
                if (e.kind() == SocketEventKind.SEND) {
                    t.bytesSent += e.bytes();
                } else {
                    t.bytesReceived += e.bytes();
                }
            }
            return;
        }
        if (t.closeRequested >= 0 && Codes.abortedByClose(e.status())) {
            PendingOp started = p != null ? p : new PendingOp(op(e), e.tid(), -1, e.bytes(), -1, -1);
            t.aborted.removeIf(a -> a.ended() < 0 && a.tid() == started.tid() && a.op().equals(started.op()));
            t.aborted.add(started.end(e.time(), e.status()));
            t.entry(e.time(), op(e) + " aborted", e.pid(), e.tid(), Codes.name(e.status()));
        }
    }

    private static PendingOp removePending(SocketTimeline t, String op, int tid) {
        for (int i = 0; i < t.pending.size(); i++) {
            PendingOp p = t.pending.get(i);
            if (p.tid() == tid && p.op().equals(op)) {
                return t.pending.remove(i);
            }
        }
        return null;
    }

    private void close(SocketTimeline t, SocketEvent e) {
        if (e.phase() == Phase.ENTER || t.closeRequested < 0) {
            if (t.closeRequested < 0) {
                t.closeRequested = e.time();
            }
            t.state(SocketState.CLOSE_REQUESTED, e.time());
            for (PendingOp p : t.pending) {
                t.aborted.add(p); // still pending when close began: closesocket cancels it (§C.5)
            }
            t.pending.clear();
        }
        if (e.phase() != Phase.ENTER) {
            t.closed = e.time();
            t.state(SocketState.CLOSED, e.time());
            t.entry(e.time(), "closed", e.pid(), e.tid(), "AFD close completed");
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
            case TCP_SEND_POSTED: t.bytesPosted += Math.max(0, e.bytes()); break;
            case TCP_ACKED: t.bytesAcked = Math.max(0, t.bytesAcked) + Math.max(0, e.bytes()); break;
            case TCP_SHUTDOWN:
                if (t.shutdownSend < 0) {
                    t.shutdownSend = e.time();
                }
                t.state(SocketState.SEND_SHUT_DOWN, e.time());
                t.entry(e.time(), "FIN queued", e.pid(), e.tid(), "TCP send side shut down");
                break;
            case TCP_ABORT:
            case TCP_RST_SENT:
                if (t.rstSent < 0) {
                    t.rstSent = e.time();
                    t.entry(e.time(), "RST sent", e.pid(), e.tid(), e.name() == null ? "connection aborted" : e.name());
                }
                break;
            case TCP_RST_RECEIVED:
                t.rstReceived = e.time();
                t.entry(e.time(), "RST received", e.pid(), e.tid(), "the peer reset the connection");
                break;
            case TCP_DISCONNECT:
                if (e.bytes() >= 0) {
                    t.dataAtDisconnect = e.bytes();
                }
                break;
            case TCP_STATE:
                t.entry(e.time(), "TCP state", e.pid(), e.tid(), e.name() == null ? Long.toString(e.value()) : e.name());
                break;
            default:
                break;
        }
    }

    /** What a Linux TCP event tells beyond DataFlow's cases: addresses, and the connected/listening states. */
    private static void linuxTcp(SocketTimeline t, SocketEvent e) {
        if (t.local == null && e.local() != null) {
            t.local = e.local();
        }
        if (t.remote == null && e.remote() != null) {
            t.remote = e.remote();
        }
        if (e.kind() == SocketEventKind.TCP_STATE && e.value() == 5) {
            t.state(SocketState.CONNECTED, e.time());
        } else if (e.kind() == SocketEventKind.TCP_STATE && e.value() == 2) {
            t.state(SocketState.LISTENING, e.time());
        }
    }

}
