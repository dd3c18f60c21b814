package wsclose.os;

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
    public static LiveTrace trace(ProcessSelector which, java.util.List<String> command, long sampleMillis) throws LiveException {
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
