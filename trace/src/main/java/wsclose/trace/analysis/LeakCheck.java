package wsclose.trace.analysis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketTimeline;

/**
 * leak: a socket its program never closed. Either its process exited with it still open (Windows and
 * Linux then close it for the program, abortively if data was pending), or it was created in the trace
 * and sat idle and open until the trace ended.
 */
final class LeakCheck implements Check {
    /** An open socket idle this long at the end of the trace is reported as a possible leak. */
    static final long IDLE = 30 * 10_000_000L;

    @Override
    public String kind() {
        return Kinds.LEAK;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.AFD, Source.PROCESSES), Set.of(Source.SOCKETS, Source.PROCESSES), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-AFD together with the kernel process events";
    }

    @Override
    public void retired(SocketTimeline t, SocketSummary s, Consumer<Finding> out) {
        if (t.closedByProcessExit() && !t.apiClosed()) {
            long at = t.processExit() >= 0 ? t.processExit() : t.closed();
            String message = Words.socket(s) + " was still open when its process exited; it was never closed by the"
                    + " program, so the system closed it" + (t.bytesSent() > 0 ? " (abortively if data was still queued)" : "")
                    + ". Close every socket on every path, including error and shutdown paths.";
            out.accept(new Finding(kind(), Severity.WARNING, at, message, s, s.pid(), -1,
                    List.of(new Finding.Evidence(t.created(), "socket created"), new Finding.Evidence(at, "process exited")),
                    Map.of("reason", "process-exit")));
            return;
        }
        if (!t.openAtEnd() || t.created() < 0 || t.apiClosed()) {
            return;
        }
        long idle = t.traceEnd() - t.lastActivity();
        if (idle < IDLE) {
            return;
        }
        String message = Words.socket(s) + " was created " + Words.duration(t.traceEnd() - t.created())
                + " before the end of the trace and was still open, idle for " + Words.duration(idle)
                + ": a possible leak. If the program no longer uses it, close it.";
        out.accept(new Finding(kind(), Severity.INFO, t.traceEnd(), message, s, s.pid(), -1,
                List.of(new Finding.Evidence(t.created(), "socket created"), new Finding.Evidence(t.lastActivity(), "last activity"),
                        new Finding.Evidence(t.traceEnd(), "trace ended with the socket open")),
                Map.of("reason", "idle-at-end", "idleSeconds", idle / 1e7)));
    }
}
