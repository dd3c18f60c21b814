package wsclose.trace.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketTimeline;

/**
 * unread-data-reset: closing while received data is unread makes Windows reset the connection instead of
 * closing gracefully (RFC 1122 §4.2.2.13; shutdown docs; AFD abort reasons 7, 12 and 13 in the Win7
 * manifest map; etl-format.md §C.2). The peer loses what it still had in flight.
 */
final class UnreadDataResetCheck implements Check {
    @Override
    public String kind() {
        return Kinds.UNREAD_DATA_RESET;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.AFD), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-AFD at level 5 (and Microsoft-Windows-TCPIP for RST events)";
    }

    /** 7 pending data at disconnect, 12 data after receive shutdown, 13 data during endpoint cleanup. */
    static boolean unreadReason(long reason) {
        return reason == 7 || reason == 12 || reason == 13;
    }

    /**
     * Whether the close reset the connection because received data was unread: AFD abort reason 7, 12 or 13; an
     * RST at the close with unread bytes counted; on Linux an RST sent by close() without SO_LINGER {1,0}, which
     * tcp_close() does only when data was unread (the queue sample before the close may be stale).
     */
    static boolean resetByUnreadData(SocketTimeline t) {
        long close = t.closeRequested();
        if (close < 0) {
            return false;
        }
        if (unreadReason(t.abortReason())) {
            return true;
        }
        boolean lingerZero = t.lingerOnOff() == 1 && t.lingerSeconds() == 0;
        boolean rstAtClose = t.rstSent() >= close && t.abortReason() != LostSendDataCheck.REASON_ABORTIVE_DISCONNECT && !lingerZero
                && !(t.rstReceived() >= 0 && t.rstReceived() <= t.rstSent());
        if (!rstAtClose) {
            return false;
        }
        boolean linux = t.hasSource(Source.LINUX);
        return unread(t) > 0 || linux && t.lingerOnOff() != 1;
    }

    /** Unread bytes at the close: AFD's arrivals less reads (Windows), or the Linux queue sample carried to the close. */
    private static long unread(SocketTimeline t) {
        long carried = t.liveRecvQueueAtClose();
        return Math.max(t.bytesArrived() - t.bytesReceived(), carried >= 0 ? carried : t.recvQueue());
    }

    @Override
    public void retired(SocketTimeline t, Supplier<SocketSummary> summary, Consumer<Finding> out) {
        if (!resetByUnreadData(t)) {
            return;
        }
        SocketSummary s = summary.get();
        long close = t.closeRequested();
        long unread = unread(t);
        String amount = unread > 0 ? Words.bytes(unread) + " bytes of received data unread" : "received data unread";
        boolean linux = s.sources().contains(Source.LINUX.name());
        String message = Words.join(Words.socket(s), " was closed with ", amount, ", so ", linux ? "Linux" : "Windows",
                " reset the connection (RST) instead of closing it gracefully; the peer loses data still in flight and its next"
                + " recv fails with", linux ? " ECONNRESET. Read until recv returns 0 before close()."
                : " WSAECONNRESET. Read until recv returns 0 before closesocket.");
        List<Finding.Evidence> ev = new ArrayList<>();
        ev.add(new Finding.Evidence(close, "close requested with " + amount));
        if (t.abortTime() >= 0) {
            ev.add(new Finding.Evidence(t.abortTime(), Words.afdAbort(t.abortReason())));
        }
        if (t.rstSent() >= 0) {
            ev.add(new Finding.Evidence(t.rstSent(), "RST sent"));
        }
        Map<String, Object> details = Details.of("bytesUnread", unread > 0 ? unread : null,
                "abortReason", t.abortReason() >= 0 ? t.abortReason() : null);
        out.accept(new Finding(kind(), Severity.ERROR, close, message, s, s.pid(), -1, ev, details));
    }
}
