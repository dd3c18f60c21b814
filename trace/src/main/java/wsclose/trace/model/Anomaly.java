package wsclose.trace.model;

/**
 * Something the model saw happen at one moment that breaks a Winsock rule, handed to the checks with
 * the sockets involved. The model only states facts; the checks decide severity and wording.
 *
 * @param subject the socket the event was attributed to (for a reused value: the old socket)
 * @param other   the second socket involved (for a reused value: the new owner), or null
 */
public record Anomaly(Kind kind, long time, SocketEvent event, SocketTimeline subject, SocketTimeline other, String detail) {
    public Anomaly {
        event = event == null ? null : event.copy(); // the decoder reuses its event; a finding may keep this one
    }

    public enum Kind {
        /** AFD saw a new request on an endpoint after its close completed. */
        OPERATION_AFTER_CLOSE,
        /** The API was used on a handle value that no longer names a socket (e.g. WSAENOTSOCK). */
        USE_OF_CLOSED_HANDLE,
        /** closesocket/close on a value that was already closed. */
        CLOSE_OF_CLOSED_HANDLE,
        /** closesocket on a value that now names a different socket than the one the caller used. */
        CLOSE_OF_REUSED_HANDLE,
        /** A thread that used the old socket behind a value used the value after it was reused. */
        STALE_USE_OF_REUSED_HANDLE
    }
}
