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
 */
final class LiveQueues {
    private static final long M32 = 0xFFFFFFFFL;

    long recvQueue = -1;
    long sendQueue = -1;
    long at = -1;
    long una = -1;
    long acked;
    /** Payload bytes of the segments tcp_probe logged (data_len). */
    long arrived;
    /** {@link #arrived}, the bytes read and sent and {@link #acked} when the last sample was taken. */
    long arrivedAtSample;
    long receivedAtSample;
    long sentAtSample;
    long ackedAtSample;
    boolean acksTraced;
    private boolean anchorPending;
    int probesSinceSample;
    boolean lastProbeIdle;

    /** A queue sample: receive and send queue (-1 unknown), whether tcp_probe is on, the socket's byte counts now. */
    void sample(long recv, long send, long time, boolean acksTraced, long received, long sent) {
        if (recv >= 0) {
            recvQueue = recv;
        }
        if (send >= 0) {
            sendQueue = send;
        }
        at = time;
        this.acksTraced = acksTraced;
        anchorPending = true;
        ackedAtSample = acked;
        probesSinceSample = 0;
        sentAtSample = sent;
        arrivedAtSample = arrived;
        receivedAtSample = received;
    }

    /**
     * A tcp_probe: snd_una before this segment's ACK, snd_nxt (-1 unknown), the segment's payload bytes (-1
     * unknown); acknowledgements count forward progress only.
     */
    void probe(long u, long nxt, long data) {
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
        if (anchorPending) {
            ackedAtSample = acked; // that progress came from segments processed before the sample
            anchorPending = false;
        }
        probesSinceSample++;
        lastProbeIdle = nxt >= 0 && (nxt & M32) == u;
    }

    /** The send queue at the close: the sample plus bytes sent since minus bytes acknowledged since, or -1. */
    long sendQueueAtClose(long sent) {
        if (!acksTraced || at < 0 || sendQueue < 0) {
            return -1;
        }
        return Math.max(0, sendQueue + Math.max(0, sent - sentAtSample) - (acked - ackedAtSample));
    }

    /** The receive queue at the close: the sample plus the payload arrived since minus the bytes read since, or -1. */
    long recvQueueAtClose(long received) {
        if (!acksTraced || at < 0 || recvQueue < 0) {
            return -1;
        }
        return Math.max(0, recvQueue + (arrived - arrivedAtSample) - (received - receivedAtSample));
    }
}
