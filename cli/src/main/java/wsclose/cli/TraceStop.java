package wsclose.cli;

import org.jline.utils.Signals;

/**
 * Ctrl-C during {@code wsclose trace}: SIGINT asks the trace to stop, so that it removes its tracefs instance and
 * prints the report, instead of the JVM exiting at once. The previous handler comes back on {@link #close()}, so a
 * second Ctrl-C after that ends the JVM as usual. jline's Signals reaches the JDK's only signal API
 * (sun.misc.Signal) reflectively; where that is unavailable, Ctrl-C ends the JVM and the trace's shutdown hook
 * still removes the instances.
 */
final class TraceStop implements AutoCloseable {
    private volatile boolean requested;
    private Object previous;

    private TraceStop() {
    }

    static TraceStop install() {
        TraceStop s = new TraceStop();
        s.previous = Signals.register("INT", () -> s.requested = true);
        return s;
    }

    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        if (previous != null) {
            Signals.unregister("INT", previous);
        }
    }
}
