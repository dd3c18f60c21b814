package wsclose.trace.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketTimeline;

/**
 * lost-send-data: an abortive close (SO_LINGER {1,0}, a linger timeout, or AFD's "abortive disconnect
 * requested", reason 2) resets the connection and discards queued send data; a graceful close would have
 * delivered it (closesocket docs; etl-format.md §C.1, §C.6). The bytes lost are what the application
 * handed to the stack minus what the peer acknowledged, when the trace shows acknowledgements.
 */
final class LostSendDataCheck implements Check {
    /** AFD abort reason "abortive disconnect requested on endpoint" (Win7 AFD manifest map). */
    static final long REASON_ABORTIVE_DISCONNECT = 2;

    @Override
    public String kind() {
        return Kinds.LOST_SEND_DATA;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.AFD, Source.TCPIP), Set.of(Source.AFD, Source.SOCKETS), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-AFD and Microsoft-Windows-TCPIP (acknowledged bytes) at level 5";
    }

    static boolean abortiveClose(SocketTimeline t) {
        long close = t.closeRequested();
        if (close < 0) {
            return false;
        }
        if (t.rstReceived() >= 0 && t.rstReceived() <= close) {
            return false; // the peer reset first: nothing of ours was discarded by the close
        }
        boolean lingerZero = t.lingerOnOff() == 1 && t.lingerSeconds() == 0;
        boolean afdAbort = t.abortReason() == REASON_ABORTIVE_DISCONNECT && t.abortTime() >= close;
        boolean rst = t.rstSent() >= close;
        boolean unreadReason = UnreadDataResetCheck.unreadReason(t.abortReason());
        return lingerZero || afdAbort || rst && !unreadReason;
    }

    @Override
    public void retired(SocketTimeline t, SocketSummary s, Consumer<Finding> out) {
        if (!abortiveClose(t)) {
            return;
        }
        long sent = Math.max(t.bytesSent(), t.bytesPosted());
        long lost;
        String basis;
        if (t.bytesAcked() >= 0) {
            lost = sent - t.bytesAcked();
            basis = Words.bytes(sent) + " bytes sent, " + Words.bytes(t.bytesAcked()) + " acknowledged";
        } else if (t.dataAtDisconnect() > 0) {
            lost = t.dataAtDisconnect();
            basis = "TCP reported " + Words.bytes(lost) + " bytes outstanding at disconnect";
        } else if (t.sendQueue() > 0) {
            lost = t.sendQueue();
            basis = "the send queue held " + Words.bytes(lost) + " bytes when last sampled before the close";
        } else if (t.sendBacklog() > 0) {
            lost = t.sendBacklog();
            basis = "AFD reported a send backlog of " + Words.bytes(lost) + " bytes";
        } else if (sent > 0) {
            lost = sent; // the trace shows what was sent but not what was acknowledged: an upper bound
            basis = "acknowledgements were not traced, so up to " + Words.bytes(sent) + " bytes";
        } else {
            return; // nothing shows unsent or unacknowledged data
        }
        if (lost <= 0) {
            return;
        }
        boolean exact = t.bytesAcked() >= 0 || t.dataAtDisconnect() > 0 || t.sendQueue() > 0 || t.sendBacklog() > 0;
        String how = t.lingerOnOff() == 1 && t.lingerSeconds() == 0 ? Words.close(s) + " with SO_LINGER {1,0}"
                : t.lingerOnOff() == 1 ? Words.close(s) + " after the SO_LINGER timeout of " + t.lingerSeconds() + " s"
                : "an abortive close";
        String message = how + " discarded " + (exact ? "" : "up to ") + Words.bytes(lost) + " unacknowledged bytes on " + Words.socket(s)
                + " and reset the connection; call " + Words.shutdownSend(s) + " and drain receives before closing ("
                + basis + ").";
        List<Finding.Evidence> ev = new ArrayList<>();
        if (t.lingerSetAt() >= 0) {
            ev.add(new Finding.Evidence(t.lingerSetAt(), "SO_LINGER set to {" + t.lingerOnOff() + "," + t.lingerSeconds() + "}"));
        }
        ev.add(new Finding.Evidence(t.closeRequested(), "close requested"));
        if (t.abortTime() >= 0) {
            ev.add(new Finding.Evidence(t.abortTime(), "AFD abort, reason " + t.abortReason()));
        }
        if (t.rstSent() >= 0) {
            ev.add(new Finding.Evidence(t.rstSent(), "RST sent"));
        }
        out.accept(new Finding(kind(), exact ? Severity.ERROR : Severity.WARNING, t.closeRequested(), message, s, s.pid(), -1, ev,
                Map.of("bytesLost", lost, "bytesSent", sent, "bytesAcked", t.bytesAcked(), "exact", exact)));
    }
}
