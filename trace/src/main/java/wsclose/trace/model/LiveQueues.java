package wsclose.trace.model;

/**
 * What a live Linux source tells of one socket's queues: the last sample of its receive and send queues
 * (sock_diag / procfs) and the acknowledgements and arrivals tcp_probe logged after it. A part of the
 * socket's timeline made on the first sample or probe: ETW traces never have one, and ten longs per socket
 * were a fifth of the timeline's size.
 *
 * <p>tcp:tcp_probe is logged at the top of tcp_rcv_established, before the segment's ACK is processed: each one
 * shows snd_una as it was after the previous segment. So the first probe after a queue sample shows snd_una at
 * the sample, and the last one before a close says nothing of its own segment's ACK unless nothing was in flight
 * (snd_nxt == snd_una). {@code acked} sums snd_una progress.
 *
 * <p>A sample is not one instant: sock_diag reads the sockets one after another while the dump runs, and the sampler
 * knows only when the dump began and ended (QUEUE_SAMPLE's {@code seq}). A segment, read or send of the socket logged
 * in that window may be in the figures or not: counting it as "since the sample" counted an upload twice in one CI run
 * (40,004 bytes unread for 20,002). So a sample with such an event in its window is dropped and the one before it,
 * still carried forward by every event since, stays in use; without one before, the carried figures are unknown.
 * Events logged up to {@link #GUARD} before a sample's start count as in its window too: tcp_probe is logged before
 * its segment is queued, and trace_pipe stamps have microsecond resolution.
 */
final class LiveQueues {
    private static final long M32 = 0xFFFFFFFFL;
    /** 1 ms in FILETIME units: far more than the microseconds between a tcp_probe and the queueing of its segment. */
    static final long GUARD = 10_000;

    /** The sample the figures are carried from, and the one before it while the current one's window is open. */
    private Anchor cur = new Anchor(-1, -1, -1, false, false, 0, 0, 0, 0, 0);
    private Anchor before;
    /** End of the current sample's dump (FILETIME), or -1 when its window has closed or it had none. */
    private long until = -1;
    /** When the last tcp_probe of the socket was logged. */
    private long lastProbe = Long.MIN_VALUE;
    private long una = -1;
    private long acked;
    /** Payload bytes of the segments tcp_probe logged (data_len). */
    private long arrived;
    private long probes;
    private boolean lastProbeIdle;

    /** What one sample saw, and the socket's counts when it was taken. */
    private static final class Anchor {
        final long recvQueue;
        final long sendQueue;
        final long at;
        final boolean acksTraced;
        /** Something of the socket was logged in or just before the dump's window: its figures cannot be carried. */
        boolean ambiguous;
        final long arrivedAtSample;
        final long receivedAtSample;
        final long sentAtSample;
        final long probesAtSample;
        long ackedAtSample;
        boolean anchorPending;

        Anchor(long recvQueue, long sendQueue, long at, boolean acksTraced, boolean ambiguous, long arrived, long received,
               long sent, long probes, long acked) {
            this.recvQueue = recvQueue;
            this.sendQueue = sendQueue;
            this.at = at;
            this.acksTraced = acksTraced;
            this.ambiguous = ambiguous;
            this.arrivedAtSample = arrived;
            this.receivedAtSample = received;
            this.sentAtSample = sent;
            this.probesAtSample = probes;
            this.ackedAtSample = acked;
            this.anchorPending = true;
        }

        boolean carries() {
            return acksTraced && !ambiguous && at >= 0;
        }
    }

    /**
     * A queue sample taken at {@code time}, its dump ending at {@code until} (-1: an instant, or not known): receive
     * and send queue (-1 unknown), whether tcp_probe is on, the socket's byte counts now.
     */
    void sample(long recv, long send, long time, long until, boolean acksTraced, long received, long sent) {
        boolean clean = until < 0 || lastProbe < time - GUARD;
        if (!clean && acksTraced && cur.carries()) {
            return; // ambiguous from its start; the sample before, carried forward, is exact
        }
        Anchor a = new Anchor(recv >= 0 ? recv : cur.recvQueue, send >= 0 ? send : cur.sendQueue, time, acksTraced, !clean,
                arrived, received, sent, probes, acked);
        before = until >= 0 && acksTraced && cur.carries() ? cur : null;
        cur = a;
        this.until = until >= 0 ? until : -1;
    }


    /**
     * A tcp_probe logged at {@code time}: snd_una before this segment's ACK, snd_nxt (-1 unknown), the segment's payload
     * bytes (-1 unknown); acknowledgements count forward progress only.
     */
    void probe(long time, long u, long nxt, long data) {
        moved(time);
        lastProbe = Math.max(lastProbe, time);
        if (data > 0) {
            arrived += data; // logged before the segment is queued: after any sample taken before it
        }
        if (u < 0) {
            return;
        }
        u &= M32;
        if (una >= 0) {
            long d = (u - una) & M32;
            if (d != 0 && d < (1L << 31)) {
                acked += d;
                una = u;
            }
        } else {
            una = u;
        }
        if (cur.anchorPending) {
            cur.ackedAtSample = acked; // that progress came from segments processed before the sample
            cur.anchorPending = false;
        }
        probes++;
        lastProbeIdle = nxt >= 0 && (nxt & M32) == u;
    }

    /**
     * Data of the socket moved at {@code time}: a read or a send (logged at its syscall's exit, after the data moved, so
     * one logged before a dump began is in its figures) or a segment (tcp_probe). Logged while the current sample's dump
     * ran, it may or may not be in that sample's figures.
     */
    void moved(long time) {
        if (until >= 0) {
            if (time <= until) {
                // logged while the dump ran: the sample may or may not count it
                if (before != null) {
                    cur = before;
                } else {
                    cur.ambiguous = true;
                }
            }
            before = null;
            until = -1;
        }
    }

    /** Last sampled unread receive queue, or -1. */
    long recvQueue() { return cur.recvQueue; }
    /** Last sampled send queue, or -1. */
    long sendQueue() { return cur.sendQueue; }
    /** When the sample the figures come from was taken, or -1. */
    long at() { return cur.at; }

    /**
     * Whether {@link #sendQueueAtClose(long)} is exact: no segment arrived after the sample, or the last one came when
     * nothing was in flight (so its ACK could not move snd_una).
     */
    boolean sendQueueExact() {
        return cur.carries() && (probes == cur.probesAtSample || lastProbeIdle);
    }

    /** The send queue at the close: the sample plus bytes sent since minus bytes acknowledged since, or -1. */
    long sendQueueAtClose(long sent) {
        if (!cur.carries() || cur.sendQueue < 0) {
            return -1;
        }
        return Math.max(0, cur.sendQueue + Math.max(0, sent - cur.sentAtSample) - (acked - cur.ackedAtSample));
    }

    /** The receive queue at the close: the sample plus the payload arrived since minus the bytes read since, or -1. */
    long recvQueueAtClose(long received) {
        if (!cur.carries() || cur.recvQueue < 0) {
            return -1;
        }
        return Math.max(0, cur.recvQueue + (arrived - cur.arrivedAtSample) - (received - cur.receivedAtSample));
    }
}
