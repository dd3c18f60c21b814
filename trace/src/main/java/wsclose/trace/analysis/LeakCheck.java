package wsclose.trace.analysis;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import wsclose.trace.model.LeakGrowth;
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
    /** A leaking loop: at least this many sockets created and left open by one process... */
    static final int GROWTH_MIN = 8;
    /** ...of which at least this share sat idle for {@link LeakGrowth#IDLE} at the end... */
    static final double GROWTH_IDLE_SHARE = 0.75;
    /** ...while it closed at most this share as many of the sockets it created since the growth began. */
    static final double GROWTH_CLOSED_SHARE = 0.1;

    /**
     * The growth rule (README, {@code explain leak}): one process created at least {@value #GROWTH_MIN} sockets
     * during the trace that are still open at its end (listeners and sockets that existed before the trace do not
     * count), closed at most a tenth as many of the sockets it created since the first of them, and at least three
     * quarters of them had been idle for 250 ms when the trace ended. A steady program's keep-alive connections
     * stay busy, so they stay out.
     */
    static boolean growing(LeakGrowth.Group g) {
        return g != null && g.grown() >= GROWTH_MIN && g.closedSince() <= GROWTH_CLOSED_SHARE * g.grown()
                && g.idle() >= GROWTH_IDLE_SHARE * g.grown();
    }

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
    public void retired(SocketTimeline t, Supplier<SocketSummary> summary, Consumer<Finding> out) {
        if (t.closedByProcessExit() && !t.apiClosed()) {
            long at = t.processExit() >= 0 ? t.processExit() : t.closed();
            SocketSummary s = summary.get();
            String message = Words.socket(s) + " was still open when its process exited; it was never closed by the"
                    + " program, so the system closed it" + (t.bytesSent() > 0 ? " (abortively if data was still queued)" : "")
                    + ". Close every socket on every path, including error and shutdown paths.";
            out.accept(new Finding(kind(), Severity.WARNING, at, message, s, s.pid(), -1,
                    List.of(new Finding.Evidence(t.created(), "socket created"), new Finding.Evidence(at, "process exited")),
                    Details.of("reason", "process-exit")));
            return;
        }
        if (!t.openAtEnd() || t.created() < 0 || t.apiClosed()) {
            return;
        }
        LeakGrowth.Group g = t.growth();
        if (growing(g)) {
            growth(t, summary.get(), g, out);
            return;
        }
        long idle = t.traceEnd() - t.lastActivity();
        if (idle < IDLE) {
            return;
        }
        SocketSummary s = summary.get();
        String message = Words.socket(s) + " was created " + Words.duration(t.traceEnd() - t.created())
                + " before the end of the trace and was still open, idle for " + Words.duration(idle)
                + ": a possible leak. If the program no longer uses it, close it.";
        out.accept(new Finding(kind(), Severity.INFO, t.traceEnd(), message, s, s.pid(), -1,
                List.of(new Finding.Evidence(t.created(), "socket created"), new Finding.Evidence(t.lastActivity(), "last activity"),
                        new Finding.Evidence(t.traceEnd(), "trace ended with the socket open")),
                Details.of("reason", "idle-at-end", "idleSeconds", idle / 1e7)));
    }

    private void growth(SocketTimeline t, SocketSummary s, LeakGrowth.Group g, Consumer<Finding> out) {
        double seconds = Math.max(1, g.last() - g.first()) / 1e7;
        double rate = g.grown() / seconds;
        String growthText = "its process's open sockets grew from " + g.countAtStart() + " to " + g.countAtEnd() + " in "
                + Words.duration(g.last() - g.first()) + " (" + Numbers.oneDecimal(rate) + " per second)"
                + " while it closed " + g.closedSince() + " of the sockets it created since";
        if (g.claimAggregate()) {
            String name = s.process() == null ? "" : " " + s.process();
            out.accept(new Finding(kind(), Severity.WARNING, g.last(), "pid " + g.pid() + name + " is leaking sockets: its open"
                    + " sockets grew from " + g.countAtStart() + " to " + g.countAtEnd() + " in " + Words.duration(g.last() - g.first())
                    + " (" + Numbers.oneDecimal(rate) + " per second)" + ", " + g.idle() + " of the new ones idle at the end,"
                    + " and it closed " + g.closedSince() + " of the sockets it created since. Close every socket on every path.",
                    null, g.pid(), -1, List.of(new Finding.Evidence(g.first(), "first socket left open"),
                            new Finding.Evidence(g.last(), "last socket left open")),
                    Details.of("reason", "growth", "aggregate", true, "countAtStart", g.countAtStart(), "countAtEnd", g.countAtEnd(),
                            "perSecond", Math.round(rate * 10) / 10.0, "closedSince", g.closedSince())));
        }
        String message = Words.socket(s) + " was created " + Words.duration(t.traceEnd() - t.created())
                + " before the end of the trace and never closed; " + growthText + ": a leak. Close it when the program is done with it.";
        out.accept(new Finding(kind(), Severity.WARNING, t.created(), message, s, s.pid(), -1,
                List.of(new Finding.Evidence(t.created(), "socket created"), new Finding.Evidence(t.lastActivity(), "last activity"),
                        new Finding.Evidence(t.traceEnd(), "trace ended with the socket open")),
                Details.of("reason", "growth", "countAtStart", g.countAtStart(), "countAtEnd", g.countAtEnd())));
    }
}
