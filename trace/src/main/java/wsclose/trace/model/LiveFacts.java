package wsclose.trace.model;

/**
 * Facts from live sources rather than events: what a snapshot saw (sockets open when a live trace started)
 * and queue sizes sampled while it runs (the bytes an abortive close discards).
 */
final class LiveFacts {
    private LiveFacts() {
    }

    /**
     * A live snapshot saw a socket (endpoint = its identity: AFD endpoint or Linux inode) held by (pid, handle),
     * with its addresses, TCP state in {@code value} (MIB_TCP_STATE numbering: 2 LISTEN, 5 ESTABLISHED) and the
     * holder's image name in {@code name}. Seeds the sockets that existed before a live trace started.
     */
    static void observed(SocketModel m, SocketEvent e) {
        if (e.pid() >= 0 && e.name() != null && m.processes().byPid(e.pid()) == null) {
            m.processes().start(e);
        }
        SocketTimeline t = m.live().get(e.endpoint());
        if (t == null) {
            t = m.newTimeline(e.endpoint(), -1, true, e);
            if (t.records()) {
                t.entry(e.time(), "observed", e.pid(), e.tid(), "open when the snapshot was taken");
            }
        }
        m.touch(t, e);
        t.local(e);
        if (t.remote(e)) {
            m.awaitTcb(t);
        }
        if (e.value() == 2) {
            t.state(SocketState.LISTENING, e.time());
        } else if (e.value() >= 5 && e.value() <= 12) {
            t.state(SocketState.CONNECTED, e.time());
        }
        if (e.handle() >= 0 && e.pid() >= 0) {
            m.refs().bind(t, e.pid(), e.handle(), e.time(), e.tid(), "observed");
        }
    }

    /**
     * Queue sizes sampled from a live socket (Linux sock_diag, Windows TCP_INFO): {@code bytes} = received
     * and unread, {@code value} = queued to send (unsent + unacknowledged). The last sample before a close is
     * what the close discards when it is abortive.
     */
    /**
     * A socket known under a made-up id (Linux: closed by its creator before its inode could be read) turned out to be
     * {@code value} (the inode, read from a child that inherited it, or the socket cookie a TCP tracepoint gave: see
     * {@link LinuxIds}): it is that socket from now on, and reports name it.
     */
    static void identity(SocketModel m, SocketEvent e) {
        SocketTimeline t = m.live().get(e.endpoint());
        if (t == null || e.value() == 0 || m.live().get(e.value()) != null) {
            return;
        }
        m.live().remove(e.endpoint());
        t.endpoint = e.value();
        m.live().put(e.value(), t);
        if (t.records()) {
            t.entry(e.time(), "identity", e.pid(), e.tid(), LinuxIds.words(e.value()) + " (known until now as " + LinuxIds.words(e.endpoint()) + ")");
        }
    }

    static void queues(SocketModel m, SocketEvent e) {
        SocketTimeline t = e.endpoint() != 0 ? m.live().get(e.endpoint()) : null;
        if (t == null && e.pid() >= 0 && e.handle() >= 0) {
            t = m.handles().get(e.pid(), e.handle());
        }
        if (t == null || t.closed >= 0) {
            return;
        }
        t.addSource(e.source());
        // Linux: name ACKS_TRACED when tcp_probe is on; the acknowledgements since are counted from here. seq: how long
        // the dump that read the queues took
        long until = e.seq() >= 0 ? e.time() + e.seq() : -1;
        t.live().sample(e.bytes(), e.value(), e.time(), until, SocketEvent.ACKS_TRACED.equals(e.name()), t.bytesReceived,
                t.bytesSent);
    }

}
