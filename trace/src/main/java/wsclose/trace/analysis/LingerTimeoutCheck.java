package wsclose.trace.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import wsclose.trace.model.Codes;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketTimeline;

/**
 * linger-timeout: SO_LINGER {1,n} with n &gt; 0 (closesocket docs, etl-format.md §C.1). On a blocking socket
 * closesocket blocks until the send queue is acknowledged or n seconds pass, and then resets the
 * connection; on a non-blocking socket it fails with WSAEWOULDBLOCK and the socket stays open.
 */
final class LingerTimeoutCheck implements Check {
    /** A close that took at least this share of the linger time counts as having waited for it. */
    private static final double WAITED = 0.9;

    @Override
    public String kind() {
        return Kinds.LINGER_TIMEOUT;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.SOCKETS), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-Sockets (Windows 11 21H2+; the only provider that shows SO_LINGER)";
    }

    @Override
    public void retired(SocketTimeline t, Supplier<SocketSummary> summary, Consumer<Finding> out) {
        if (t.closeApiStatus() == Codes.WSAEWOULDBLOCK) {
            SocketSummary s = summary.get();
            String message = Words.join("closesocket on ", Words.socket(s), " failed with WSAEWOULDBLOCK: the socket is"
                    + " non-blocking and has SO_LINGER {1,", Integer.toString(t.lingerSeconds()), "}, so Windows did not close it."
                    + " Retry until it succeeds, or set SO_LINGER {0,0} (or make the socket blocking) before closing.");
            List<Finding.Evidence> ev = new ArrayList<>();
            if (t.lingerSetAt() >= 0) {
                ev.add(new Finding.Evidence(t.lingerSetAt(), "SO_LINGER set to {" + t.lingerOnOff() + "," + t.lingerSeconds() + "}"));
            }
            ev.add(new Finding.Evidence(t.closeCallEnd(), "closesocket failed: WSAEWOULDBLOCK"));
            out.accept(new Finding(kind(), Severity.WARNING, t.closeCallEnd(), message, s, s.pid(), -1, ev,
                    Details.of("lingerSeconds", t.lingerSeconds(), "status", "WSAEWOULDBLOCK")));
            return;
        }
        if (t.lingerOnOff() != 1 || t.lingerSeconds() <= 0 || t.closeRequested() < 0) {
            return;
        }
        long linger = t.lingerSeconds() * 10_000_000L;
        long blocked = t.closeCallStart() >= 0 && t.closeCallEnd() >= t.closeCallStart()
                ? t.closeCallEnd() - t.closeCallStart() : -1;
        boolean reset = LostSendDataCheck.abortiveClose(t) || t.rstSent() >= t.closeRequested();
        boolean waited = blocked >= WAITED * linger;
        if (!reset && !waited) {
            return;
        }
        SocketSummary s = summary.get();
        String how = blocked >= 0 ? "blocked for " + Words.duration(blocked) : "waited";
        String message;
        Severity severity;
        if (reset) {
            severity = Severity.ERROR;
            message = Words.join(Words.close(s), " on ", Words.socket(s), " ", how, " on SO_LINGER {1,",
                    Integer.toString(t.lingerSeconds()), "}; the peer had not acknowledged the data in time, so the connection"
                    + " was reset and what was unsent discarded. Call ", Words.shutdownSend(s),
                    " and wait for the peer's FIN before closing, or raise the timeout.");
        } else {
            severity = Severity.INFO;
            message = Words.join(Words.close(s), " on ", Words.socket(s), " ", how, " waiting for the peer to acknowledge"
                    + " queued data (SO_LINGER {1,", Integer.toString(t.lingerSeconds()), "}); the close ended gracefully but held"
                    + " the calling thread.");
        }
        List<Finding.Evidence> ev = new ArrayList<>();
        if (t.lingerSetAt() >= 0) {
            ev.add(new Finding.Evidence(t.lingerSetAt(), "SO_LINGER set to {1," + t.lingerSeconds() + "}"));
        }
        ev.add(new Finding.Evidence(t.closeCallStart() >= 0 ? t.closeCallStart() : t.closeRequested(), Words.close(s) + " called"));
        if (t.abortTime() >= 0) {
            ev.add(new Finding.Evidence(t.abortTime(), Words.afdAbort(t.abortReason())));
        }
        if (t.rstSent() >= 0) {
            ev.add(new Finding.Evidence(t.rstSent(), "RST sent"));
        }
        if (t.closeCallEnd() >= 0) {
            ev.add(new Finding.Evidence(t.closeCallEnd(), Words.close(s) + " returned"));
        }
        // blockedSeconds null: the close call's end was not traced
        Map<String, Object> details = Details.of("lingerSeconds", t.lingerSeconds(), "blockedSeconds", blocked < 0 ? null : blocked / 1e7,
                "reset", reset);
        out.accept(new Finding(kind(), severity, t.closeRequested(), message, s, s.pid(), -1, ev,
                details));
    }
}
