package wsclose.os.linux;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import wsclose.os.linux.Translator.FdRef;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/**
 * The TCP tracepoints of the live trace: sock:inet_sock_set_state, tcp:tcp_send_reset, tcp:tcp_receive_reset and
 * tcp:tcp_destroy_sock, and tcp:tcp_probe for acknowledgements. They run in whatever context the kernel is in (softirq, another task), so they are
 * attributed by socket, never by pid (live-mode.md §B.4 lesson 1), and become TCP_STATE (MIB numbering),
 * TCP_RST_SENT, TCP_RST_RECEIVED, TCP_CUM_ACK and FREE (SocketEvent class comment).
 */
final class TcpEvents {
    private final Translator t;
    /** Per local port, struct sock addresses of connections that finished the handshake and wait for accept(). */
    private final Map<Long, ArrayDeque<Long>> acceptQueues = new HashMap<>();
    /** Local port of each listening socket (learnt from its own TCP events, samples and the snapshot). */
    private final Map<Long, Long> portOf = new HashMap<>();

    TcpEvents(Translator t) {
        this.t = t;
    }

    void listening(long inode, long port) {
        portOf.put(inode, port);
    }

    /**
     * accept() returned a socket of {@code listener}: it is the oldest connection that completed its handshake on
     * the listener's port (the accept queue is FIFO), so its struct sock address is known from then on.
     */
    void accepted(long listener, long inode) {
        Long port = portOf.get(listener);
        ArrayDeque<Long> q = port == null ? null : acceptQueues.get(port);
        Long sk = q == null ? null : q.pollFirst();
        if (sk != null && t.index.bySk(sk) < 0) {
            t.index.bindSk(sk, inode);
        }
    }

    /**
     * The socket a TCP tracepoint is about: by struct sock address, cookie, the syscall the same thread is in
     * (only for events in process context, and only for a socket not yet bound to an address: closing a listener
     * also destroys the connections in its accept queue), or the 4-tuple; -1 when none matches.
     */
    private long resolve(Rec r, long sk, long cookie, String tuple) {
        long ino = t.index.bySk(sk);
        if (ino < 0) {
            ino = t.index.byCookie(cookie);
            if (ino < 0) {
                FdRef ctx = r.irq ? null : t.syscalls.context(r.tid);
                if (ctx != null && ctx.inet() && !t.index.hasSk(ctx.inode())) {
                    ino = ctx.inode();
                } else {
                    ino = t.index.byTuple(tuple);
                }
            }
            if (ino >= 0) {
                t.index.bindSk(sk, ino);
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

    void state(Rec r) {
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
            ArrayDeque<Long> q = acceptQueues.computeIfAbsent(r.num("sport", 0), k -> new ArrayDeque<>());
            q.addLast(sk);
            if (q.size() > 256) {
                q.pollFirst(); // a listener of a process we do not trace: keep the memory bounded
            }
        }
        if (ino >= 0 && to == TcpStates.LISTEN) {
            portOf.put(ino, r.num("sport", 0));
        }
        if (ino < 0 || !t.known.contains(ino)) {
            return;
        }
        SocketEvent.Builder b = t.at(r.mono, SocketEventKind.TCP_STATE).endpoint(ino).tcb(r.num("skaddr", 0))
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
        t.emit(b);
    }

    void reset(Rec r, boolean sent) {
        long sk = r.num("skaddr", 0);
        if (sk == 0) {
            return; // a reset for a packet no socket owns
        }
        long cookie = sent ? 0 : r.num("sock_cookie", 0);
        long ino = resolve(r, sk, cookie, sent ? null : tuple(r));
        if (ino < 0 || !t.known.contains(ino)) {
            return;
        }
        ino = t.cookieIdentity(r.mono, ino, cookie);
        SocketEvent.Builder b = t.at(r.mono, sent ? SocketEventKind.TCP_RST_SENT : SocketEventKind.TCP_RST_RECEIVED)
                .endpoint(ino).tcb(sk);
        if (sent && r.has("reason")) {
            b.name("RST sent, reason " + r.format.symbol("reason", r.num("reason", -1)));
        }
        t.emit(b);
    }

    /**
     * tcp:tcp_probe, logged for every segment an established socket receives (tcp_rcv_established): its snd_una is
     * snd_una and snd_nxt before the segment's ACK is processed. A TCP_CUM_ACK is emitted when either moved or for the
     * first segment after a sample, so that the send queue of the last sample can be carried forward to an abortive
     * close (SocketTimeline.liveSendQueueAtClose), and for every segment with data (bytes = data_len, its payload), so
     * that the receive queue can be carried forward likewise (liveRecvQueueAtClose).
     */
    void probe(Rec r) {
        long sk = r.num("skaddr", 0);
        long cookie = r.num("sock_cookie", 0);
        long ino = resolve(r, sk, cookie, tuple(r));
        if (ino < 0 || !t.known.contains(ino)) {
            return;
        }
        ino = t.cookieIdentity(r.mono, ino, cookie);
        long una = r.num("snd_una", -1);
        long nxt = r.num("snd_nxt", -1);
        if (una < 0) {
            return;
        }
        long idle = nxt == una ? 1 : 0;
        long data = r.num("data_len", -1);
        long[] last = t.lastProbe.get(ino);
        // repeats add nothing: same snd_una, same in-flight state, no data, and not the first segment after a sample
        if (last != null && last[0] == una && last[1] == idle && last[2] == 1 && data <= 0) {
            return;
        }
        t.lastProbe.put(ino, new long[] {una, idle, 1});
        t.emit(t.at(r.mono, SocketEventKind.TCP_CUM_ACK).endpoint(ino).tcb(sk).value(una).seq(nxt).bytes(data));
    }

    void destroy(Rec r) {
        long sk = r.num("skaddr", 0);
        long cookie = r.num("sock_cookie", 0);
        long ino = resolve(r, sk, cookie, tuple(r));
        if (ino < 0) {
            return;
        }
        if (t.known.contains(ino)) {
            ino = t.cookieIdentity(r.mono, ino, cookie); // the last chance to name a made-up id by the kernel's own
        }
        t.index.forget(ino, sk, cookie);
        t.created.remove(ino);
        if (t.known.remove(ino)) {
            t.tracked.remove(ino);
            t.lastQueues.remove(ino);
            t.lastProbe.remove(ino);
            t.emit(t.at(r.mono, SocketEventKind.FREE).endpoint(ino).tcb(sk));
        }
    }
}
