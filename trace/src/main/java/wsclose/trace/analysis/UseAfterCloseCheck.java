package wsclose.trace.analysis;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.trace.model.Anomaly;
import wsclose.trace.model.SocketEvent.Source;

/**
 * use-after-close: a socket used after closesocket. After close "further references to s should fail with
 * WSAENOTSOCK", but the value may already name a new socket (closesocket docs, etl-format.md §C.5).
 * Seen as an AFD request on a closed endpoint, or an API call on a value whose socket was closed.
 */
final class UseAfterCloseCheck implements Check {
    @Override
    public String kind() {
        return Kinds.USE_AFTER_CLOSE;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.AFD), Set.of(Source.SOCKETS), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-AFD (and Microsoft-Windows-Winsock-Sockets on Windows 11) at level 5";
    }

    @Override
    public void anomaly(Anomaly a, Consumer<Finding> out) {
        if (a.kind() != Anomaly.Kind.OPERATION_AFTER_CLOSE && a.kind() != Anomaly.Kind.USE_OF_CLOSED_HANDLE) {
            return;
        }
        SocketSummary s = a.subject() == null ? null : SocketSummary.of(a.subject());
        long closedAt = s == null ? -1 : s.closed() >= 0 ? s.closed() : s.closeRequested();
        String gap = closedAt >= 0 ? " " + Words.duration(a.time() - closedAt) : "";
        String message = a.kind() == Anomaly.Kind.OPERATION_AFTER_CLOSE
                ? Words.join(a.detail(), ": ", Words.socket(s), " got a new request", gap, " after it was closed", advice(s))
                : s == null ? Words.join(a.detail(), advice(s))
                : Words.join(a.detail(), ": the value belonged to ", Words.socket(s), ", closed", gap, " before", advice(s));
        Finding.Evidence closeEv = closedAt >= 0 ? new Finding.Evidence(closedAt, "socket closed") : null;
        List<Finding.Evidence> ev = closeEv == null
                ? List.of(new Finding.Evidence(a.time(), a.detail()))
                : List.of(closeEv, new Finding.Evidence(a.time(), a.detail() + " (thread " + a.event().tid() + ")"));
        out.accept(new Finding(kind(), Severity.ERROR, a.time(), message, s, a.event().pid(), a.event().handle(), ev,
                Details.of("thread", a.event().tid())));
    }

    private static String advice(SocketSummary s) {
        return Words.join(". A thread kept using the socket after ", Words.close(s), "; keep the socket open until every thread"
                + " that uses it is done, and never reuse a raw socket value after closing it.");
    }
}
