package wsclose.os.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import wsclose.os.LiveException;
import wsclose.os.LiveTrace;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.model.SocketEvent;

/**
 * {@code wsclose trace} on Windows: an {@link EtwSession} consumed on a thread of its own, each event decoded by
 * the same {@link SocketDecoder} that reads .etl files (live-mode.md §C.1 "EtwLiveEventStream"). The session is
 * stopped and deleted by {@link #close()} (which the CLI calls at --duration, at the end of "-- COMMAND" and on
 * Ctrl-C) and by a JVM shutdown hook, which the JVM also runs on Ctrl-C, Ctrl-Break, logoff and console close
 * (§A.3.6); a session that survives even that (kill -9, a crash) is removed by the next start.
 */
public final class WindowsLiveTrace implements LiveTrace {
    /** Where shutdown hooks go; the runtime in production, a list in tests. */
    interface Hooks {
        void add(Thread hook);

        void remove(Thread hook);

        Hooks RUNTIME = new Hooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook is running or has run
                }
            }
        };
    }

    private final EtwSession session;
    private final SocketDecoder decoder;
    private final Hooks hooks;
    private final long joinMillis;
    private final List<String> command;
    private final CommandLauncher launcher;
    private final AtomicLong delivered = new AtomicLong();
    private volatile Process process;
    private Thread consumer;
    private Thread hook;
    private volatile IOException failure;
    private volatile boolean closed;

    /** @param command the command of "-- COMMAND", started once the session records; empty for none */
    WindowsLiveTrace(EtwSession session, SocketDecoder decoder, Hooks hooks, long joinMillis, List<String> command,
                     CommandLauncher launcher) {
        this.session = session;
        this.decoder = decoder;
        this.hooks = hooks;
        this.joinMillis = joinMillis;
        this.command = List.copyOf(command);
        this.launcher = launcher;
    }

    @Override
    public Optional<Process> command() {
        return Optional.ofNullable(process);
    }

    @Override
    public synchronized void start(Consumer<SocketEvent> sink) throws IOException {
        if (consumer != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        hook = new Thread(this::closeQuietly, "wsclose-etw-stop");
        hooks.add(hook); // before StartTrace: from here on, no exit leaves the session behind
        try {
            session.start();
            session.open(ev -> decoder.decode(ev, e -> {
                delivered.incrementAndGet();
                sink.accept(e);
            }));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        consumer = new Thread(() -> {
            try {
                session.run();
            } catch (IOException e) {
                failure = e;
            }
        }, "wsclose-etw");
        consumer.setDaemon(true);
        consumer.start();
        if (!command.isEmpty()) {
            try {
                process = launcher.start(command);
            } catch (IOException e) {
                close();
                throw new LiveException(LiveException.Reason.FACILITY, "cannot start " + command.get(0) + ": "
                        + e.getMessage(), e);
            }
            session.follow((int) process.pid());
        }
    }

    @Override
    public LiveStats stats() {
        EtwApi.Counters c = session.counters();
        List<String> notes = new ArrayList<>(session.notes());
        if (c != null && c.realTimeBuffersLost() > 0) {
            notes.add(String.format(Locale.ROOT, "ETW lost %d real-time buffers (each holds many events): the consumer"
                    + " fell behind", c.realTimeBuffersLost()));
        }
        if (c != null && c.logBuffersLost() > 0) {
            notes.add(String.format(Locale.ROOT, "ETW could not write %d buffers to the .etl file", c.logBuffersLost()));
        }
        if (decoder.problems() > 0) {
            notes.add(decoder.problems() + " events did not match their layout and were skipped");
        }
        if (failure != null) {
            notes.add("live events stopped early: " + failure.getMessage());
        }
        return new LiveStats(delivered.get(), c == null ? -1 : c.eventsLost(), notes);
    }

    /** Raw ETW events read from the session so far (before decoding). */
    long eventsRead() {
        return session.eventsRead();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        session.close();
        if (consumer != null && consumer != Thread.currentThread()) {
            try {
                consumer.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hook != null && hook != Thread.currentThread()) {
            hooks.remove(hook);
        }
    }

    private void closeQuietly() {
        close();
    }
}
