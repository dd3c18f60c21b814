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
        throw unsupported("wsclose handles");
    }

    static LiveException unsupported(String what) {
        return new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, what + " is not available on "
                + System.getProperty("os.name") + ": it needs Windows or Linux");
    }
}
