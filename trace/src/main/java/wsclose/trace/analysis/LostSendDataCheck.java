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

    /**
     * Bytes handed to the stack (AFD send completions without the nested repeats, or TcpSendPosted) minus bytes
     * the peer acknowledged before the reset (SndUna progress of TcpDataTransferCumAck/Send on every build,
     * TcpSendAcked on 25H2+, tcp_info/sock_diag live). Exact only when both sides were traced from the
     * socket's start and the input lost no events while it was open (LossWindows); AfdSendBackLog (3007) is the
     * ideal send backlog, never a count of queued bytes (§C.6 item 4).
     */
    @Override
    public void retired(SocketTimeline t, Supplier<SocketSummary> summary, Consumer<Finding> out) {
        if (!abortiveClose(t)) {
            return;
        }
        boolean unread = UnreadDataResetCheck.resetByUnreadData(t);
        long sent = Math.max(t.bytesSent(), t.bytesPosted());
        long acked = t.bytesAcked();
        long lost;
        boolean exact;
        String basis;
        long liveQueue = t.liveSendQueueAtClose();
        if (liveQueue >= 0) {
            // Linux: a sock_diag sample carried forward to the close by the sends and acknowledgements traced since
            lost = liveQueue;
            exact = t.liveSendQueueExact();
            basis = "the send queue sampled before the close, plus bytes sent and minus bytes acknowledged since (tcp_probe)"
                    + (exact ? "" : "; the first acknowledgement after the sample had no known starting point");
        } else if (acked >= 0 && sent > 0) {
            acked = Math.min(acked, sent); // SndUna also counts the FIN's sequence number
            lost = sent - acked;
            boolean fromStart = t.created() >= 0 || t.seqFromStart();
            // A lost acknowledgement after the last one traced, or a lost send, makes the difference wrong: where the
            // session lost events while the socket was open, the figure is an upper bound at best
            exact = fromStart && !t.mayMissEvents();
            basis = Words.join(Words.bytes(sent), " bytes handed to the stack, ", Words.bytes(acked), " acknowledged by the peer",
                    t.ackedFromSequence() ? " (TCP sequence numbers)" : "",
                    !fromStart ? "; the socket existed before the trace"
                    : exact ? "" : "; the session lost events while the socket was open, so an acknowledgement may be missing");
        } else if (t.sendQueue() >= 0 && t.queuesAt() >= 0) {
            lost = t.sendQueue();
            exact = false;
            basis = "the send queue held " + Words.bytes(lost) + " bytes when last sampled before the close";
        } else if (t.dataAtDisconnect() > 0) {
            lost = t.dataAtDisconnect();
            exact = false;
            basis = "TCP reported " + Words.bytes(lost) + " bytes outstanding at disconnect";
        } else if (sent > 0 && !unread) {
            lost = sent; // the trace shows what was sent but not what was acknowledged: an upper bound
            exact = false;
            basis = "acknowledgements were not traced, so up to " + Words.bytes(sent) + " bytes";
        } else {
            return; // nothing shows unsent or unacknowledged data
        }
        if (lost <= 0 || unread && !exact) {
            return; // everything was acknowledged (an abortive close that loses nothing avoids TIME_WAIT), or a reset
                    // caused by unread data whose loss of our own bytes is not known: unread-data-reset says it
        }
        SocketSummary s = summary.get();
        String how = t.lingerOnOff() == 1 && t.lingerSeconds() == 0 ? Words.close(s) + " with SO_LINGER {1,0}"
                : t.lingerOnOff() == 1 ? Words.close(s) + " after the SO_LINGER timeout of " + t.lingerSeconds() + " s"
                : "an abortive close";
        String message = Words.join(how, " discarded ", exact ? "" : "up to ", Words.bytes(lost), " unacknowledged bytes on ",
                Words.socket(s), " and reset the connection; call ", Words.shutdownSend(s),
                " and drain receives before closing (", basis, ").");
        List<Finding.Evidence> ev = new ArrayList<>();
        if (t.lingerSetAt() >= 0) {
            ev.add(new Finding.Evidence(t.lingerSetAt(), "SO_LINGER set to {" + t.lingerOnOff() + "," + t.lingerSeconds() + "}"));
        }
        ev.add(new Finding.Evidence(t.closeRequested(), "close requested"));
        if (t.abortTime() >= 0) {
            ev.add(new Finding.Evidence(t.abortTime(), Words.afdAbort(t.abortReason())));
        }
        if (t.rstSent() >= 0) {
            ev.add(new Finding.Evidence(t.rstSent(), "RST sent"));
        }
        Map<String, Object> details = Details.of("bytesLost", lost, "bytesSent", sent, "bytesAcked", acked >= 0 ? acked : null,
                "exact", exact);
        out.accept(new Finding(kind(), exact ? Severity.ERROR : Severity.WARNING, t.closeRequested(), message, s, s.pid(), -1, ev,
                details));
    }
}
