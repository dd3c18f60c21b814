package wsclose.trace.model;

import wsclose.trace.model.SocketEvent.Source;

/**
 * Calls at the Winsock API boundary (Winsock-Sockets on Windows 11, syscalls on Linux), keyed by
 * (pid, handle value). This is the only layer that sees calls failing before they reach AFD, such as
 * closesocket on a dead value (etl-format.md §B.3, §C.5), and the only one that sees SO_LINGER.
 */
final class ApiCalls {
    private ApiCalls() {
    }

    static void apply(SocketModel m, SocketEvent e) {
        if (e.phase() == SocketEvent.Phase.ENTER) {
            // Start of a call (Winsock-Sockets *Start events carry no socket; syscall entries): only the start
            // time of a close matters, to measure how long closesocket blocked (linger, §C.1).
            if (e.kind() == SocketEventKind.API_CLOSE && e.tid() >= 0) {
                m.closeStarted(e.tid(), e.time());
            }
            return;
        }
        int pid = e.pid();
        long h = e.handle();
        SocketTimeline cur = m.handles().get(pid, h);
        HandleTable.Previous prev = m.handles().previous(pid, h);
        switch (e.kind()) {
            case API_CREATE:
            case API_ACCEPT:
                created(m, e, cur);
                return;
            case API_CLOSE:
                close(m, e, cur, prev);
                return;
            case API_DUP:
                dup(m, e, cur);
                return;
            default:
                break;
        }
        if (Codes.deadHandle(e.status())) {
            SocketTimeline subject = prev != null ? prev.socket() : cur;
            m.listener().anomaly(new Anomaly(Anomaly.Kind.USE_OF_CLOSED_HANDLE, e.time(), e, subject, null,
                    apiName(e) + " on handle 0x" + Long.toHexString(h) + " failed with " + Codes.name(e.status())));
            return;
        }
        if (cur == null) {
            return;
        }
        staleCheck(m, e, cur, prev);
        m.touch(cur, e);
        switch (e.kind()) {
            case API_SETOPT: option(cur, e); break;
            case API_SHUTDOWN:
                if (e.value() == 0) {
                    if (cur.records()) {
                        cur.entry(e.time(), "shutdown(receive)", pid, e.tid(), "");
                    }
                    break; // SD_RECEIVE / SHUT_RD: the send side stays open
                }
                if (cur.shutdownSend < 0) {
                    cur.shutdownSend = e.time();
                }
                cur.state(SocketState.SEND_SHUT_DOWN, e.time());
                if (cur.records()) {
                    cur.entry(e.time(), "shutdown(send)", pid, e.tid(), "");
                }
                break;
            case API_SEND:
                if (e.bytes() > 0 && e.source() == Source.LINUX) {
                    cur.bytesSent += e.bytes();
                    cur.liveMoved(e.time());
                }
                break;
            case API_RECV:
                if (e.bytes() > 0 && e.source() == Source.LINUX) {
                    cur.bytesReceived += e.bytes();
                    cur.liveMoved(e.time());
                }
                break;
            default:
                if (cur.records()) {
                    cur.entry(e.time(), apiName(e), pid, e.tid(), e.status() == 0 ? "" : "failed: " + Codes.name(e.status()));
                }
        }
    }

    /**
     * A new reference to an open socket in {@code pid}: dup/dup2/dup3/F_DUPFD, inheritance by fork, an fd
     * received with SCM_RIGHTS, WSADuplicateSocket. {@code handle} is the new value, {@code value} the value it
     * was copied from (in the source process), {@code endpoint} the socket when the source knows it, and
     * {@code name} how ("dup2", "fork", "SCM_RIGHTS").
     */
    private static void dup(SocketModel m, SocketEvent e, SocketTimeline cur) {
        if (e.status() != 0 || e.handle() < 0) {
            return;
        }
        SocketTimeline t = e.endpoint() != 0 ? m.live().get(e.endpoint()) : null;
        if (t == null && e.value() >= 0) {
            t = m.handles().get(e.pid(), e.value());
        }
        if (t == null || t == cur) {
            return;
        }
        if (cur != null) {
            m.refs().unbind(cur, e.pid(), e.handle(), e.time(), e.tid(), "handle closed by " + (e.name() == null ? "dup" : e.name()));
        }
        m.touch(t, e);
        m.refs().bind(t, e.pid(), e.handle(), e.time(), e.tid(), e.name() == null ? "duplicated" : e.name());
    }

    private static void created(SocketModel m, SocketEvent e, SocketTimeline cur) {
        if (e.status() != 0 || e.handle() < 0 || cur != null) {
            return;
        }
        SocketTimeline t = m.justCreated(e.tid(), e.time());
        if (t == null) {
            t = m.live().get(e.endpoint());
        }
        if (t != null) {
            m.touch(t, e);
            m.refs().bind(t, e.pid(), e.handle(), e.time(), e.tid(), e.kind() == SocketEventKind.API_ACCEPT ? "accepted" : "created");
        }
    }

    private static void close(SocketModel m, SocketEvent e, SocketTimeline cur, HandleTable.Previous prev) {
        long started = m.closeEnded(e.tid());
        if (e.status() == Codes.WSAEWOULDBLOCK && cur != null) {
            cur.closeCallStart = started;
            cur.closeCallEnd = e.time();
            cur.closeApiStatus = e.status(); // non-blocking socket with SO_LINGER > 0: not closed (§C.1)
            if (cur.records()) {
                cur.entry(e.time(), "closesocket failed", e.pid(), e.tid(), Codes.name(e.status()) + ": the socket stays open");
            }
            return;
        }
        if (Codes.deadHandle(e.status()) || e.status() != 0 && cur == null) {
            m.listener().anomaly(new Anomaly(Anomaly.Kind.CLOSE_OF_CLOSED_HANDLE, e.time(), e, prev == null ? null : prev.socket(),
                    null, "close of handle 0x" + Long.toHexString(e.handle()) + " failed with " + Codes.name(e.status())));
            return;
        }
        if (cur != null) {
            if (prev != null && prev.socket() != cur && prev.socket().usedBy(e.tid()) && !cur.usedBy(e.tid())) {
                m.listener().anomaly(new Anomaly(Anomaly.Kind.CLOSE_OF_REUSED_HANDLE, e.time(), e, prev.socket(), cur,
                        "the value was reused by a newer socket, which this close destroyed"));
            }
            markClosed(cur, e, started);
            if (!cur.hasSource(Source.HANDLES)) {
                HandleTable.Previous p = m.refs().unbindRef(cur, e.pid(), e.handle(), e.time(), e.tid(), "handle closed");
                if (p != null) {
                    p.apiClosed = true;
                }
            }
            return;
        }
        // The handle event (NtClose) usually comes before the API's Stop event: the value was just closed.
        // A successful close of a value we saw closed already named something that is not a socket we track.
        if (prev != null && prev.closerTid() == e.tid() && !prev.apiClosed) {
            prev.apiClosed = true;
            markClosed(prev.socket(), e, started);
        }
    }

    private static void markClosed(SocketTimeline t, SocketEvent e, long started) {
        t.apiClosed = true;
        t.closeCallStart = started;
        t.closeCallEnd = e.time();
        t.closeApiStatus = e.status();
        // Linux: close() of one fd of several closes nothing (only the struct file's last reference does), and the
        // close happens inside the call, so a reset it sends is logged before the call returns: the request is the
        // call's start (live-mode.md §B.4).
        boolean linux = e.source() == Source.LINUX;
        if (t.closeRequested < 0 && (!linux || !t.handleAccounting || t.refs <= 1)) {
            t.closeRequested = linux && started >= 0 ? started : e.time();
            if (!linux || t.closed < 0) {
                t.state(SocketState.CLOSE_REQUESTED, e.time()); // tcp_destroy_sock (FREE) may come before the return
            }
        }
        if (t.records()) {
            t.entry(e.time(), e.source() == Source.LINUX ? "close()" : "closesocket", e.pid(), e.tid(),
                    "handle 0x" + Long.toHexString(e.handle()));
        }
    }

    /** A thread that used the old socket behind a value, now using the value that names a new socket. */
    private static void staleCheck(SocketModel m, SocketEvent e, SocketTimeline cur, HandleTable.Previous prev) {
        if (prev == null || prev.socket() == cur || e.tid() < 0) {
            return;
        }
        if (prev.socket().usedBy(e.tid()) && !cur.usedBy(e.tid())) {
            m.listener().anomaly(new Anomaly(Anomaly.Kind.STALE_USE_OF_REUSED_HANDLE, e.time(), e, prev.socket(), cur,
                    apiName(e) + " by a thread that used the old socket behind this value"));
        }
    }

    private static void option(SocketTimeline t, SocketEvent e) {
        if ("SO_LINGER".equals(e.name())) {
            SocketTimeline.Rare r = t.rare();
            r.lingerOnOff = (int) (e.value() >>> 16) & 0xFFFF;
            r.lingerSeconds = (int) e.value() & 0xFFFF;
            r.lingerSetAt = e.time();
            if (t.records()) {
                t.entry(e.time(), "setsockopt(SO_LINGER)", e.pid(), e.tid(), "{" + t.lingerOnOff() + "," + t.lingerSeconds() + "}");
            }
        } else if ("SO_DONTLINGER".equals(e.name())) {
            SocketTimeline.Rare r = t.rare();
            r.lingerOnOff = e.value() != 0 ? 0 : 1;
            r.lingerSetAt = e.time();
            if (t.records()) {
                t.entry(e.time(), "setsockopt(SO_DONTLINGER)", e.pid(), e.tid(), e.value() != 0 ? "TRUE" : "FALSE");
            }
        } else {
            if (t.records()) {
                t.entry(e.time(), "setsockopt(" + (e.name() == null ? "?" : e.name()) + ")", e.pid(), e.tid(), "");
            }
        }
    }

    static String apiName(SocketEvent e) {
        String n = e.kind().word();
        return e.source() == Source.LINUX ? n + "()" : n;
    }
}
