package wsclose.trace.analysis;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.trace.model.Anomaly;
import wsclose.trace.model.SocketEvent.Source;

/**
 * handle-reuse: a closed socket's value was handed to a new socket, and a thread that used the old socket
 * went on using the value, so its calls now act on someone else's connection: data to the wrong peer,
 * a close of the wrong socket. Windows reuses values at once (closesocket docs; etl-format.md §B.6 (c)),
 * and Linux hands out the lowest free fd.
 */
final class HandleReuseCheck implements Check {
    @Override
    public String kind() {
        return Kinds.HANDLE_REUSE;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.SOCKETS), Set.of(Source.AFD, Source.HANDLES), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-Sockets (Windows 11), or Winsock-AFD with the kernel handle events";
    }

    @Override
    public void anomaly(Anomaly a, Consumer<Finding> out) {
        if (a.kind() != Anomaly.Kind.STALE_USE_OF_REUSED_HANDLE) {
            return;
        }
        SocketSummary old = SocketSummary.of(a.subject());
        SocketSummary now = SocketSummary.of(a.other());
        String value = now.handleText(a.event().handle());
        String message = Words.join("thread ", Integer.toString(a.event().tid()), " used handle ", value,
                " after it was reused: it belonged to ", Words.socket(old), ", which was closed, and now names ", Words.socket(now),
                " (", a.detail(), "). The call acted on the wrong socket. Stop every thread's use of a socket before closing"
                + " it, and never keep a raw socket value after ", Words.close(now), ".");
        long closedAt = old.closeRequested() >= 0 ? old.closeRequested() : old.closed();
        List<Finding.Evidence> ev = List.of(
                new Finding.Evidence(closedAt, "old socket behind " + value + " closed"),
                new Finding.Evidence(now.created(), "new socket got " + value),
                new Finding.Evidence(a.time(), a.detail() + " (thread " + a.event().tid() + ")"));
        out.accept(new Finding(kind(), Severity.ERROR, a.time(), message, now, a.event().pid(), a.event().handle(), ev,
                Details.of("thread", a.event().tid(), "previousEndpoint", old.endpointText())));
    }
}
