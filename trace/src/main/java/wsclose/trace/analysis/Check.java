package wsclose.trace.analysis;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import wsclose.trace.model.Anomaly;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketTimeline;

/**
 * One finding kind. A check looks at each socket when its timeline is complete, and at anomalies as the
 * model reports them. {@link #needs()} lists alternative sets of sources, any of which lets it run; when
 * none is present, the report says once what to capture instead of reporting nothing silently.
 */
interface Check {
    String kind();

    List<Set<Source>> needs();

    /** How to capture what this check needs, for the "could not run" note. */
    String capture();

    /** {@code summary} makes the socket's summary on first use: most sockets have no finding and need none. */
    default void retired(SocketTimeline socket, Supplier<SocketSummary> summary, Consumer<Finding> out) {
    }

    default void anomaly(Anomaly anomaly, Consumer<Finding> out) {
    }
}
