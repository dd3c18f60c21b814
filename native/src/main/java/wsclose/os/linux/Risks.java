package wsclose.os.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import wsclose.os.SocketSnapshot;

/**
 * What closing a socket right now would do, in plain words (issue #4 §1). Linux's tcp_close resets the
 * connection when received data is unread, and SO_LINGER {1,0} turns close into an abort that throws away
 * everything still queued to send (tcp_close; live-mode.md §B.2, §B.4 lesson 6).
 */
final class Risks {
    private Risks() {
    }

    /**
     * @param linuxState TCP state (0 when not TCP)
     * @param sendQueue  unacked + unsent bytes, -1 unknown
     * @param recvQueue  unread bytes (LISTEN: connections waiting in the accept queue), -1 unknown
     */
    static List<String> of(int linuxState, long sendQueue, long recvQueue, SocketSnapshot.Linger linger) {
        return of(linuxState, sendQueue, recvQueue, linger, 1);
    }

    /**
     * As above for a socket with {@code references} descriptors (fds in every process, plus SCM_RIGHTS in flight):
     * closing one of several does nothing to the connection, so the risks are those of the last close.
     */
    static List<String> of(int linuxState, long sendQueue, long recvQueue, SocketSnapshot.Linger linger, int references) {
        List<String> out = of1(linuxState, sendQueue, recvQueue, linger);
        if (references <= 1) {
            return out;
        }
        List<String> shared = new ArrayList<>(out.size());
        for (String r : out) {
            shared.add(r.replaceFirst("^closing now", "the last of its " + references + " descriptors to close"));
        }
        return shared;
    }

    private static List<String> of1(int linuxState, long sendQueue, long recvQueue, SocketSnapshot.Linger linger) {
        List<String> out = new ArrayList<>();
        if (linuxState == TcpStates.LISTEN) {
            if (recvQueue > 0) {
                out.add("closing now would reset " + n(recvQueue) + " connection" + (recvQueue == 1 ? "" : "s")
                        + " waiting in the accept queue");
            }
            return out;
        }
        if (!TcpStates.connected(linuxState)) {
            return out;
        }
        if (linger != null && linger.abortive() && sendQueue > 0) {
            out.add("closing now would discard " + n(sendQueue) + " bytes (SO_LINGER {1,0})");
        } else if (linger != null && linger.onOff() && linger.seconds() > 0 && sendQueue > 0) {
            out.add("closing now would block up to " + linger.seconds() + " s (SO_LINGER {1," + linger.seconds()
                    + "}) and then discard what is left of " + n(sendQueue) + " bytes");
        }
        if (recvQueue > 0) {
            out.add("closing now would reset the peer: " + n(recvQueue) + " bytes received and unread");
        }
        return out;
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
