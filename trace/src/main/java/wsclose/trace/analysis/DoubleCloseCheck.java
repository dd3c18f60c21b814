package wsclose.trace.analysis;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.trace.model.Anomaly;
import wsclose.trace.model.SocketEvent.Source;

/**
 * double-close: closesocket (or close) on a value that was already closed. At best the second call fails
 * with WSAENOTSOCK / EBADF; at worst the value was handed to a new socket in between and the second call
 * destroys that one (closesocket docs: the descriptor "may immediately be reused"; etl-format.md §C.5).
 */
final class DoubleCloseCheck implements Check {
    @Override
    public String kind() {
        return Kinds.DOUBLE_CLOSE;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.SOCKETS), Set.of(Source.HANDLES), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-Sockets (Windows 11) or the kernel handle events (ObTrace)";
    }

    @Override
    public void anomaly(Anomaly a, Consumer<Finding> out) {
        if (a.kind() != Anomaly.Kind.CLOSE_OF_CLOSED_HANDLE && a.kind() != Anomaly.Kind.CLOSE_OF_REUSED_HANDLE) {
            return;
        }
        SocketSummary old = a.subject() == null ? null : SocketSummary.of(a.subject());
        String value = old != null ? old.handleText(a.event().handle()) : Words.hex(a.event().handle());
        String message;
        List<Finding.Evidence> ev;
        if (a.kind() == Anomaly.Kind.CLOSE_OF_REUSED_HANDLE) {
            SocketSummary victim = SocketSummary.of(a.other());
            message = Words.join("handle ", value, " was closed twice: the first close ended ", Words.socket(old),
                    ", the value was then reused by ", Words.socket(victim), ", and the second close destroyed that new socket"
                    + " under its owner. Close each socket exactly once and forget its value right after (set it to ",
                    Words.invalid(victim), ").");
            ev = List.of(new Finding.Evidence(old.closeRequested() >= 0 ? old.closeRequested() : old.closed(), "first close of " + value),
                    new Finding.Evidence(victim.created(), "value " + value + " reused by a new socket"),
                    new Finding.Evidence(a.time(), "second close of " + value + " (thread " + a.event().tid() + ")"));
        } else {
            message = Words.join("handle ", value, " was closed a second time (", a.detail(), ")",
                    old == null ? "" : "; it belonged to " + Words.socket(old),
                    ". A second close can destroy an unrelated socket that got the same value in between; close each"
                    + " socket exactly once and set the variable to ", Words.invalid(old), " after closing.");
            ev = old == null || old.closeRequested() < 0
                    ? List.of(new Finding.Evidence(a.time(), "second close (thread " + a.event().tid() + ")"))
                    : List.of(new Finding.Evidence(old.closeRequested(), "first close"),
                    new Finding.Evidence(a.time(), "second close (thread " + a.event().tid() + ")"));
        }
        out.accept(new Finding(kind(), Severity.ERROR, a.time(), message, old, a.event().pid(), a.event().handle(), ev,
                Details.of("thread", a.event().tid(), "status", a.event().status())));
    }
}
