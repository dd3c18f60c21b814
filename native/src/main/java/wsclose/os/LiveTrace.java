package wsclose.os;

import java.io.IOException;
import java.util.function.Consumer;
import wsclose.trace.model.SocketEvent;

/**
 * A live event source: a real-time ETW session (Windows) or a tracefs instance (Linux). It delivers
 * normalized {@link SocketEvent}s, so everything after the source (model, checks, renderers) is the same
 * as for a trace file (style-study.md §5.2).
 */
public interface LiveTrace extends AutoCloseable {
    /** Starts the session and delivers events to {@code sink} on a thread of its own until {@link #close()}. */
    void start(Consumer<SocketEvent> sink) throws IOException;

    /** Counts so far: events delivered and events the kernel reports lost. */
    LiveStats stats();

    /**
     * The command this trace started ({@code wsclose trace -- COMMAND}), empty when it attached to running
     * processes. The trace starts it suspended and lets it run once recording, so no early event is missed.
     */
    default java.util.Optional<Process> command() {
        return java.util.Optional.empty();
    }

    /** Stops the session and removes everything it created (tracefs instance, ETW session). Idempotent. */
    @Override
    void close() throws IOException;

    /**
     * @param events delivered events
     * @param lost   events the kernel dropped (ring-buffer overruns, ETW EventsLost), -1 when unknown
     * @param notes  anything the user should know: missing tracepoints, pid filter limits, ...
     */
    /** @param notes for the user; those starting with {@link #DEBUG_NOTE} are wsclose's bookkeeping (--verbose only) */
    record LiveStats(long events, long lost, java.util.List<String> notes) {
    }

    /** Prefix of a note about the tracer's own bookkeeping rather than the trace. */
    String DEBUG_NOTE = "debug: ";
}
