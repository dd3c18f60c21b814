package wsclose.os;

import java.nio.file.Path;
import java.util.List;
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
        return handles(true);
    }

    /**
     * @param probeOptions read socket options (SO_LINGER) through a short-lived duplicate of each socket; false
     *                     leaves them unknown and never duplicates anything
     */
    public static HandleSource handles(boolean probeOptions) throws LiveException {
        if (isWindows()) {
            return wsclose.os.windows.WindowsLive.handles(probeOptions);
        }
        if (isLinux()) {
            return new wsclose.os.linux.LinuxHandles(probeOptions);
        }
        throw unsupported("wsclose handles");
    }

    /**
     * The live event source of this OS.
     *
     * @param which        processes to trace; all when empty
     * @param command      a command to start suspended and trace instead (empty: attach to {@code which})
     * @param sampleMillis how often socket queues are sampled, where the platform samples them
     */
    public static LiveTrace trace(ProcessSelector which, List<String> command, long sampleMillis) throws LiveException {
        return trace(which, command, sampleMillis, null);
    }

    /**
     * As {@link #trace(ProcessSelector, List, long)}, and on Windows also writes the ETW session to {@code saveEtl}
     * (an .etl for {@code wsclose analyze}); null for none.
     */
    public static LiveTrace trace(ProcessSelector which, List<String> command, long sampleMillis, Path saveEtl)
            throws LiveException {
        if (isWindows()) {
            return wsclose.os.windows.WindowsLive.trace(which, command, saveEtl);
        }
        if (saveEtl != null) {
            throw new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, "--save FILE.etl needs Windows (an ETW"
                    + " session writes it); save the event log as FILE.jsonl instead");
        }
        if (isLinux()) {
            return new wsclose.os.linux.LinuxTrace(which, command, sampleMillis);
        }
        throw unsupported("wsclose trace");
    }

    static LiveException unsupported(String what) {
        return new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, what + " is not available on "
                + System.getProperty("os.name") + ": it needs Windows or Linux");
    }
}
