package wsclose.cli.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import wsclose.cli.ExitCodes;
import wsclose.cli.Progress;
import wsclose.cli.Terminal;
import wsclose.cli.UserException;
import wsclose.cli.render.Colors;

/** What shell commands share: the terminal they write to, the loaded trace, and whether to leave. */
final class Context {
    private final org.jline.terminal.Terminal terminal;
    private final boolean color;
    private Session session;
    private boolean quit;

    Context(org.jline.terminal.Terminal terminal, boolean color) {
        this.terminal = terminal;
        this.color = color;
    }

    PrintWriter out() {
        return terminal.writer();
    }

    boolean dumb() {
        return terminal.getType().startsWith("dumb");
    }

    /** Columns to fit tables to; 0 (no limit) when the terminal does not say. */
    int width() {
        return dumb() ? 0 : Math.max(terminal.getWidth(), 0);
    }

    Colors colors() {
        return new Colors(color && !dumb());
    }

    /** The loaded trace, or a one-line error that says how to load one. */
    Session session() {
        if (session == null) {
            throw new UserException(ExitCodes.USAGE, "no trace loaded: load FILE first (.etl files or one .jsonl event log)");
        }
        return session;
    }

    boolean loaded() {
        return session != null;
    }

    void load(List<Path> files) {
        Terminal.Facts f = Terminal.facts();
        Progress bar = dumb() ? Progress.off()
                : Progress.on(out(), bytes(files), () -> new Terminal.Facts(true, true, width(), f.noColor(), f.progressAfterMillis()));
        session = Session.load(files, bar);
    }

    private static long bytes(List<Path> files) {
        long n = 0;
        for (Path p : files) {
            n += p.toFile().length();
        }
        return n;
    }

    void quit() {
        quit = true;
    }

    boolean quitting() {
        return quit;
    }
}
