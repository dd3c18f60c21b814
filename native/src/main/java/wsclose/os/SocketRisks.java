package wsclose.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The plain-words risk flags of a live socket, shared by every platform so that {@code wsclose handles} warns
 * alike on Windows and Linux. Each flag names what a close would do now (etl-format.md §C.1-C.4: SO_LINGER
 * {1,0} turns close into an abort that discards queued data; unread received data makes close send RST; a
 * socket stays open until its last reference goes).
 */
public final class SocketRisks {
    private SocketRisks() {
    }

    /**
     * @param state     TCP state name, or "" when not TCP
     * @param refcount  references holding the socket open, -1 when unknown
     * @param unacked   bytes sent and not acknowledged, -1 unknown
     * @param notSent   bytes queued and not yet sent, -1 unknown
     * @param recvQueue bytes received and not read, -1 unknown
     */
    public static List<String> of(String state, SocketSnapshot.Linger linger, int refcount,
                                  List<SocketSnapshot.Owner> owners, long unacked, long notSent, long recvQueue) {
        List<String> risks = new ArrayList<>();
        long queued = Math.max(0, unacked) + Math.max(0, notSent);
        boolean open = !"CLOSED".equals(state) && !"TIME_WAIT".equals(state);
        if (linger != null && linger.abortive() && open) {
            risks.add(queued > 0
                    ? "closing now would discard " + bytes(queued) + " (SO_LINGER {1,0})"
                    : "SO_LINGER {1,0}: close resets the connection (RST) instead of closing it gracefully");
        } else if (linger != null && linger.onOff() && linger.seconds() > 0 && open) {
            risks.add("SO_LINGER {1," + linger.seconds() + "}: a blocking close waits up to " + linger.seconds()
                    + " s for queued data to be sent");
        }
        if (recvQueue > 0) {
            risks.add(bytes(recvQueue) + " received and not read: closing now resets the connection (RST)");
        }
        TreeSet<Integer> pids = new TreeSet<>();
        owners.forEach(o -> pids.add(o.pid()));
        if (pids.size() > 1) {
            risks.add("shared by processes " + join(pids) + ": a close in one of them does not close the socket");
        } else if (refcount > 1) {
            risks.add(refcount + " references: the socket stays open until the last one is closed");
        }
        if ("CLOSE_WAIT".equals(state)) {
            risks.add("the peer has closed (CLOSE_WAIT) and this side has not: a leak unless someone closes it");
        }
        return risks;
    }

    /** "2,803,712 bytes", "1 byte". */
    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n) + (n == 1 ? " byte" : " bytes");
    }

    private static String join(TreeSet<Integer> pids) {
        StringBuilder sb = new StringBuilder();
        for (Integer p : pids) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
