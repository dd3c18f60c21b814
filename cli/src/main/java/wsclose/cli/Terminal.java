package wsclose.cli;

import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Facts about the terminal, for layout, colour and progress: whether stdout and stderr are terminals, how
 * wide the terminal is, and NO_COLOR. Detection asks jline's terminal providers (isatty on the real file
 * descriptors; GetConsoleMode on Windows) because {@code System.console()} cannot tell stderr apart. It runs
 * once, lazily. Tests replace every fact with {@link #override}: the one seam between commands and the OS.
 */
public final class Terminal {
    /** Reads shorter than this show no progress bar. */
    static final long PROGRESS_AFTER_MILLIS = 1000;

    /**
     * @param stdout              stdout is a terminal (colour, table width)
     * @param stderr              stderr is a terminal (progress bar)
     * @param width               columns to fit tables to; 0 means no limit
     * @param noColor             the NO_COLOR environment variable, or null
     * @param progressAfterMillis how long a read runs before its progress bar appears
     * @param errWidth            columns of stderr's terminal (the progress bar), measured on stderr itself: stdout
     *                            may be a file while stderr is a wide pane
     */
    public record Facts(boolean stdout, boolean stderr, int width, String noColor, long progressAfterMillis, int errWidth) {
        public Facts(boolean stdout, boolean stderr, int width, String noColor, long progressAfterMillis) {
            this(stdout, stderr, width, noColor, progressAfterMillis, width);
        }

        /** Facts for a test: both streams terminals (or not), this width, NO_COLOR unset, progress at once. */
        public static Facts of(boolean terminal, int width) {
            return new Facts(terminal, terminal, width, null, 0);
        }

        public Facts withNoColor(String value) {
            return new Facts(stdout, stderr, width, value, progressAfterMillis, errWidth);
        }
    }

    private static volatile Facts detected;
    private static volatile Facts forced;

    private Terminal() {
    }

    public static Facts facts() {
        Facts f = forced;
        if (f != null) {
            return f;
        }
        f = detected;
        if (f == null) {
            f = detect();
            detected = f;
        }
        return f;
    }

    /**
     * Whether stderr is certainly not a terminal, so that no progress bar can ever be drawn: what Linux's /proc says,
     * without loading a terminal provider (facts a test forces, or facts already detected, decide instead).
     */
    static boolean stderrNotTerminal() {
        Facts f = forced != null ? forced : detected;
        return f != null ? !f.stderr() : notTerminal(2);
    }

    /** True when stdout is a terminal. */
    static boolean isTerminal() {
        return facts().stdout();
    }

    /** Width to fit tables to: COLUMNS when set, the terminal's width, 0 (no limit) when output is not a terminal. */
    static int width() {
        return facts().width();
    }

    /** Replaces the detected facts until the returned handle is closed (tests). */
    public static AutoCloseable override(Facts facts) {
        Facts before = forced;
        forced = facts;
        return () -> forced = before;
    }

    private static Facts detect() {
        // A script's run (stdout and stderr a file, a pipe or /dev/null) needs no provider: loading jline's and its
        // natives was 25 ms of a 360 ms analyze of the bundled example.
        if (notTerminal(1) && notTerminal(2)) {
            int w = columns(System.getenv("COLUMNS"));
            return new Facts(false, false, w, System.getenv("NO_COLOR"), PROGRESS_AFTER_MILLIS, w);
        }
        TerminalProvider p = provider();
        boolean out = p != null ? isSystem(p, SystemStream.Output) : System.console() != null;
        boolean err = p != null ? isSystem(p, SystemStream.Error) : System.console() != null;
        int width = 0;
        String cols = System.getenv("COLUMNS");
        if (cols != null && !cols.isBlank()) {
            width = columns(cols);
        } else if (out) {
            width = p != null ? systemWidth(p, SystemStream.Output) : 0;
            width = width > 0 ? width : 120;
        }
        int errWidth = width;
        if ((cols == null || cols.isBlank()) && err) {
            errWidth = p != null ? systemWidth(p, SystemStream.Error) : 0;
            errWidth = errWidth > 0 ? errWidth : width > 0 ? width : 80;
        }
        return new Facts(out, err, width, System.getenv("NO_COLOR"), PROGRESS_AFTER_MILLIS, errWidth);
    }

    /** COLUMNS as a width: 0 (no limit) when unset or not a number. */
    private static int columns(String cols) {
        if (cols == null || cols.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(cols.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether descriptor {@code fd} is certainly not a terminal, from what Linux's /proc says it is; false elsewhere. */
    static boolean notTerminal(int fd) {
        try {
            java.nio.file.Path link = java.nio.file.Path.of("/proc/self/fd/" + fd);
            String target = java.nio.file.Files.readSymbolicLink(link).toString();
            return notTerminal(target, java.nio.file.Files.isRegularFile(link));
        } catch (java.io.IOException | RuntimeException e) {
            return false; // no /proc (Windows, macOS) or no such descriptor: ask jline
        }
    }

    /**
     * Whether a descriptor whose /proc/self/fd link reads {@code target} is certainly not a terminal: a pipe, a
     * socket, an anonymous inode, /dev/null or a regular file. Anything else (a pts, a tty, the console, another
     * device) may be one, and jline's isatty decides.
     */
    static boolean notTerminal(String target, boolean regularFile) {
        return regularFile || target.startsWith("pipe:[") || target.startsWith("socket:[")
                || target.startsWith("anon_inode:") || target.equals("/dev/null");
    }

    /** The first jline provider that loads here: JNI (bundled natives), JNA, then exec (runs test -t / stty). */
    private static TerminalProvider provider() {
        for (String name : List.of("jni", "jna", "exec")) {
            TerminalProvider p = quietly(() -> {
                try {
                    return TerminalProvider.load(name);
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static boolean isSystem(TerminalProvider p, SystemStream s) {
        Boolean b = quietly(() -> p.isSystemStream(s));
        return b != null && b;
    }

    private static int systemWidth(TerminalProvider p, SystemStream s) {
        Integer w = quietly(() -> p.systemStreamWidth(s));
        return w == null ? 0 : w;
    }

    /** Providers fail with linkage errors where their natives are missing; that only means "ask the next one". */
    private static <T> T quietly(Supplier<T> s) {
        try {
            return s.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
