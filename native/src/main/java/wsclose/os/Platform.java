package wsclose.os;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Picks the live implementation for the running OS. {@code native} builds on every OS; on an OS without
 * an implementation the factories throw a {@link LiveException} that says so plainly.
 */
public final class Platform {
    private Platform() {
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** The handle-table snapshotter of this OS. */
    public static HandleSource handles() throws LiveException {
        if (isWindows()) {
            return wsclose.os.windows.WindowsLive.handles();
        }
        throw unsupported("wsclose handles");
    }

    /**
     * The live event source of this OS.
     *
     * @param saveEtl Windows only: also write the ETW session to this .etl file; null for none
     */
    public static LiveTrace trace(ProcessSelector which, Path saveEtl) throws LiveException {
        if (isWindows()) {
            return wsclose.os.windows.WindowsLive.trace(which, saveEtl);
        }
        if (saveEtl != null) {
            throw new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, "--save FILE.etl needs Windows (an ETW"
                    + " session writes it); save the event log as FILE.jsonl instead");
        }
        throw unsupported("wsclose trace");
    }

    static LiveException unsupported(String what) {
        return new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, what + " is not available on "
                + System.getProperty("os.name") + ": it needs Windows or Linux");
    }
}
