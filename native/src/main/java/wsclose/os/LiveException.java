package wsclose.os;

import java.io.IOException;

/**
 * A live command cannot run here: wrong platform, missing privilege or kernel facility. The message is
 * one line naming what is missing and how to get it; the CLI prints it and exits 3.
 */
public final class LiveException extends IOException {
    private static final long serialVersionUID = 1L;

    public enum Reason { UNSUPPORTED_PLATFORM, PRIVILEGE, FACILITY }

    private final Reason reason;

    public LiveException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LiveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
