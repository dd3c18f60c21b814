package wsclose.trace.model;

/**
 * What a Linux socket's id is. An inode when the tracer could read it (/proc/PID/fd, sock_diag): written in decimal,
 * as {@code ss -e} ("ino:") and /proc show it. A socket its creator closed before that could be read is known by its
 * socket cookie once a TCP tracepoint names it ({@link #COOKIE} + the cookie, written "sk:98" as {@code ss -e} writes
 * cookies), and otherwise by a made-up number from {@link #SYNTHETIC} that matches nothing outside wsclose.
 */
public final class LinuxIds {
    /** Ids from 2^61 to 2^62 are socket cookies (a counter from 1 up: far below 2^61). */
    public static final long COOKIE = 1L << 61;
    /** Ids from 2^62 up are made up: neither inode nor cookie was ever known. */
    public static final long SYNTHETIC = 1L << 62;

    private LinuxIds() {
    }

    public static boolean cookie(long id) {
        return id >= COOKIE && id < SYNTHETIC;
    }

    public static boolean synthetic(long id) {
        return id >= SYNTHETIC;
    }

    /** "70899" for an inode, "sk:98" for a cookie, the made-up number in decimal. */
    public static String text(long id) {
        return cookie(id) ? "sk:" + Long.toHexString(id - COOKIE) : Long.toString(id);
    }

    /** The id in words, for messages: "inode 70899", "sk:98", "made-up id 4611686018427387904". */
    public static String words(long id) {
        return cookie(id) ? text(id) : synthetic(id) ? "made-up id " + id : "inode " + id;
    }
}
