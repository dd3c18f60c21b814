package wsclose.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during {@code wsclose trace}: SIGINT asks the trace to stop, so that it removes its tracefs instance and
 * prints the report, instead of the JVM exiting at once. The previous handler comes back on {@link #close()}, so a
 * second Ctrl-C after that ends the JVM as usual. sun.misc.Signal (jdk.unsupported) is the only signal API the
 * JDK has; where it is unavailable, Ctrl-C ends the JVM and the trace's shutdown hook still cleans up.
 */
final class TraceStop implements AutoCloseable {
    private volatile boolean requested;
    private SignalHandler previous;

    private TraceStop() {
    }

    static TraceStop install() {
        TraceStop s = new TraceStop();
        try {
            s.previous = Signal.handle(new Signal("INT"), sig -> s.requested = true);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            s.previous = null;
        }
        return s;
    }

    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        if (previous != null) {
            try {
                Signal.handle(new Signal("INT"), previous);
            } catch (IllegalArgumentException e) {
                // nothing to restore
            }
        }
    }
}
