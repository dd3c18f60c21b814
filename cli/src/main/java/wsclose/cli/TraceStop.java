package wsclose.cli;

import org.jline.utils.Signals;

/**
 * Ctrl-C, SIGTERM and SIGHUP during {@code wsclose trace}: the first asks the trace to stop, so that it removes its
 * tracefs instances or ETW session, ends COMMAND and prints the complete report (what {@code timeout 60 wsclose trace
 * -- ./test} in a CI job needs), instead of the JVM exiting at once. A second signal ends the JVM straight away with
 * 128 + the signal's number; the live trace's shutdown hook still removes the instances. The previous handlers come
 * back on {@link #close()}. jline's Signals reaches the JDK's only signal API (sun.misc.Signal) reflectively; where
 * that is unavailable, a signal ends the JVM and the shutdown hook cleans up.
 */
final class TraceStop implements AutoCloseable {
    /** The signals handled, with their numbers (signal(7); the same on Linux, macOS and, for INT and TERM, Windows). */
    private static final String[] NAMES = {"INT", "TERM", "HUP"};
    private static final int[] NUMBERS = {2, 15, 1};

    private final Object[] previous = new Object[NAMES.length];
    private volatile String signal;
    private volatile int received;
    private final Runnable exit;

    private TraceStop(Runnable exit) {
        this.exit = exit;
    }

    static TraceStop install() {
        return install(null);
    }

    /** @param exit what a second signal does instead of ending the JVM (tests); null for System.exit */
    static TraceStop install(Runnable exit) {
        TraceStop s = new TraceStop(exit);
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            int number = NUMBERS[i];
            try {
                s.previous[i] = Signals.register(name, () -> s.received(name, number));
            } catch (RuntimeException e) {
                s.previous[i] = null; // a platform without this signal (HUP on Windows)
            }
        }
        return s;
    }

    void received(String name, int number) {
        received++;
        if (received == 1) {
            signal = name;
            return;
        }
        if (exit != null) {
            exit.run();
            return;
        }
        // Not on the signal-dispatch thread: System.exit waits for shutdown hooks, which may need that thread.
        Thread t = new Thread(() -> System.exit(128 + number), "wsclose-second-signal");
        t.setDaemon(true);
        t.start();
    }

    boolean requested() {
        return signal != null;
    }

    /** What stopped the trace, for the closing line: "Ctrl-C" for SIGINT, else "SIGTERM" or "SIGHUP". */
    String what() {
        return "INT".equals(signal) ? "Ctrl-C" : "SIG" + signal;
    }

    @Override
    public void close() {
        for (int i = 0; i < NAMES.length; i++) {
            if (previous[i] != null) {
                Signals.unregister(NAMES[i], previous[i]);
            }
        }
    }
}
