package wsclose.trace.analysis;

import java.util.List;

/** The finding kinds, exactly as reports spell them. */
public final class Kinds {
    public static final String USE_AFTER_CLOSE = "use-after-close";
    public static final String ABORTED_PENDING_OP = "aborted-pending-op";
    public static final String LOST_SEND_DATA = "lost-send-data";
    public static final String UNREAD_DATA_RESET = "unread-data-reset";
    public static final String LINGER_TIMEOUT = "linger-timeout";
    public static final String LEAK = "leak";
    public static final String DOUBLE_CLOSE = "double-close";
    public static final String HANDLE_REUSE = "handle-reuse";

    public static final List<String> ALL = List.of(USE_AFTER_CLOSE, ABORTED_PENDING_OP, LOST_SEND_DATA, UNREAD_DATA_RESET,
            LINGER_TIMEOUT, LEAK, DOUBLE_CLOSE, HANDLE_REUSE);

    private Kinds() {
    }
}
