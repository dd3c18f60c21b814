package wsclose.cli;

/**
 * A failure to report in one line without a stack trace (unless --verbose), with its exit code:
 * an unreadable file, a missing privilege, an unsupported platform.
 */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
