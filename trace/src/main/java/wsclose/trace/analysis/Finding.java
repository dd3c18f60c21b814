package wsclose.trace.analysis;

import java.util.List;
import java.util.Map;

/**
 * One problem found: a kind (one of {@link Kinds}), a severity, when it happened, a plain-words message
 * saying what happened and what to do, the socket involved, and the events that show it.
 *
 * @param socket  the socket, or null when the event names no socket wsclose knows (e.g. a close of an
 *                unknown value); then {@code pid} and {@code handle} say what was used
 * @param details numbers a script may want, e.g. {@code bytesLost}; immutable, iterated in key order
 */
public record Finding(String kind, Severity severity, long time, String message, SocketSummary socket, int pid,
                      long handle, List<Evidence> evidence, Map<String, Object> details) {

    public Finding {
        details = Details.copyOf(details);
    }

    /** An event that supports a finding. */
    public record Evidence(long time, String what) {
    }
}
