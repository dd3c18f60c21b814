package wsclose.os.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import wsclose.os.SocketSnapshot;

/**
 * What closing a socket right now would do, in the same words as the Linux snapshot (issue #4 §1; etl-format.md
 * §C.1-C.2): SO_LINGER {1,0} turns closesocket into an abort that discards what is still queued, a positive
 * linger blocks and then does the same, and unread received data makes the close reset the peer. Windows knows
 * only the unacknowledged part of the send queue (TCP_INFO BytesInFlight, live-mode.md §A.2.2), so the byte
 * count is a lower bound and says "at least".
 */
final class Risks {
    private Risks() {
    }

    /**
     * @param state     TCP state name ("ESTABLISHED", ...), "" when not TCP
     * @param unacked   bytes sent and not acknowledged, -1 unknown
     * @param recvQueue bytes received and not read, -1 unknown (always, on Windows today)
     */
    static List<String> of(String state, long unacked, long recvQueue, SocketSnapshot.Linger linger) {
        List<String> out = new ArrayList<>();
        if (!connected(state)) {
            return out;
        }
        if (linger != null && linger.abortive() && unacked > 0) {
            out.add("closing now would discard at least " + n(unacked) + " bytes (SO_LINGER {1,0})");
        } else if (linger != null && linger.onOff() && linger.seconds() > 0 && unacked > 0) {
            out.add("closing now would block up to " + linger.seconds() + " s (SO_LINGER {1," + linger.seconds()
                    + "}) and then discard what is left of at least " + n(unacked) + " bytes");
        }
        if (recvQueue > 0) {
            out.add("closing now would reset the peer: " + n(recvQueue) + " bytes received and unread");
        }
        return out;
    }

    /** The states in which a close can discard data or reset the peer, as on Linux. */
    static boolean connected(String state) {
        return "ESTABLISHED".equals(state) || "CLOSE_WAIT".equals(state) || "FIN_WAIT1".equals(state)
                || "FIN_WAIT2".equals(state);
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
