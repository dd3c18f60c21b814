package wsclose.trace.analysis;

/**
 * Receives a report as it is made, so output can stream: each selected socket when its timeline is
 * complete, each selected finding when a check makes it. Memory then follows the sockets alive at once,
 * not the length of the trace.
 */
public interface ReportListener {
    /** A selected socket whose timeline is complete (always, or only those with findings; see options). */
    default void socket(SocketSummary socket, java.util.List<Finding> findings) {
    }

    /** A selected finding. */
    default void finding(Finding finding) {
    }
}
