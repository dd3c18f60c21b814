package wsclose.cli;

/** The exit codes of every wsclose command (README "Exit codes"). */
public final class ExitCodes {
    /** Ran, nothing at or above {@code --fail-on}. */
    public static final int OK = 0;
    /** Findings at or above {@code --fail-on}. */
    public static final int FINDINGS = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** Unreadable input, missing privilege or unsupported platform. */
    public static final int INPUT = 3;

    private ExitCodes() {
    }
}
