package wsclose.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import wsclose.cli.render.Colors;
import wsclose.cli.render.Human;
import wsclose.cli.render.Json;
import wsclose.os.LiveTrace;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.SocketSummary;

/**
 * What {@code wsclose trace} shows on stderr while it runs (stdout is reserved for the report). On a terminal:
 * a refreshing jline table of the sockets alive now, their states and the findings so far. Otherwise plain lines:
 * each finding when it is made, and a status line every {@link #STATUS_SECONDS} seconds.
 */
final class TraceView implements AutoCloseable {
    static final int STATUS_SECONDS = 10;

    private final PrintWriter err;
    private final Colors colors;
    private final boolean quiet;
    private final Terminal terminal;
    private final Display display;
    private final List<Finding> findings = new ArrayList<>();
    private long lastStatus = System.nanoTime();

    private TraceView(PrintWriter err, Colors colors, boolean quiet, Terminal terminal) {
        this.err = err;
        this.colors = colors;
        this.quiet = quiet;
        this.terminal = terminal;
        this.display = terminal == null ? null : new Display(terminal, false);
    }

    /** A screen when stderr is an interactive terminal (and wsclose runs as its own process), else plain lines. */
    static TraceView open(PrintWriter err, GlobalOptions global, boolean interactive) {
        Terminal t = null;
        if (interactive && !global.quiet()) {
            try {
                t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                        .nativeSignals(false).dumb(true).build();
                if (t.getType().startsWith(Terminal.TYPE_DUMB)) {
                    t.close();
                    t = null;
                }
            } catch (java.io.IOException | RuntimeException e) {
                t = null;
            }
        }
        return new TraceView(err, new Colors(global.color(t != null)), global.quiet(), t);
    }

    /** A screen on {@code terminal} (tests drive it through a virtual terminal). */
    static TraceView onTerminal(PrintWriter err, Colors colors, Terminal terminal) {
        return new TraceView(err, colors, false, terminal);
    }

    /** Plain lines on {@code err}, as when stderr is not a terminal. */
    static TraceView plain(PrintWriter err, Colors colors) {
        return new TraceView(err, colors, false, null);
    }

    void started(String what) {
        if (!quiet && display == null) {
            err.println("wsclose trace: " + what + " (Ctrl-C to stop)");
            err.flush();
        }
    }

    void finding(Finding f) {
        findings.add(f);
        if (!quiet && display == null) {
            err.println("wsclose trace: " + colors.severity(f.severity(), f.severity().label()) + " " + f.kind() + ": " + f.message());
            err.flush();
        }
    }

    /** Redraws the screen (call about once a second), or prints the periodic status line. */
    void refresh(List<SocketSummary> alive, LiveTrace.LiveStats stats, long elapsedNanos) {
        if (quiet) {
            return;
        }
        String status = String.format(Locale.ROOT, "wsclose trace: %s, %s events, %s lost, %d sockets alive, %d findings",
                Human.duration(elapsedNanos / 100), Human.count(stats.events()), stats.lost() < 0 ? "?" : Human.count(stats.lost()),
                alive.size(), findings.size());
        if (display == null) {
            if (System.nanoTime() - lastStatus >= STATUS_SECONDS * 1_000_000_000L) {
                lastStatus = System.nanoTime();
                err.println(status);
                err.flush();
            }
            return;
        }
        int rows = Math.max(8, terminal.getHeight());
        int cols = Math.max(40, terminal.getWidth());
        List<AttributedString> lines = new ArrayList<>();
        lines.add(AttributedString.fromAnsi(colors.bold(status)));
        lines.add(new AttributedString(String.format(Locale.ROOT, "%-12s %7s %-12s %-22s %-22s %-16s %4s",
                "SOCKET", "PID", "PROCESS", "LOCAL", "REMOTE", "STATE", "REFS")));
        int room = Math.max(1, rows - 4 - Math.min(5, findings.size()));
        for (SocketSummary s : alive.subList(0, Math.min(alive.size(), room))) {
            lines.add(new AttributedString(cut(String.format(Locale.ROOT, "%-12s %7d %-12s %-22s %-22s %-16s %4d",
                    s.endpointText(), s.pid(), s.process() == null ? "" : s.process(), s.local() == null ? "" : s.local(),
                    s.remote() == null ? "" : s.remote(), s.state().label(), s.refcount()), cols)));
        }
        if (alive.size() > room) {
            lines.add(new AttributedString("... " + (alive.size() - room) + " more"));
        }
        for (Finding f : findings.subList(Math.max(0, findings.size() - 5), findings.size())) {
            // Cut the visible text to the width first, then colour the label: a line longer than the screen would
            // wrap, and the wrapped part would survive the next redraw.
            String label = f.severity().label();
            String text = cut(label + " " + f.kind() + ": " + f.message(), cols);
            lines.add(AttributedString.fromAnsi(colors.severity(f.severity(), label) + text.substring(label.length())));
        }
        display.resize(rows, cols);
        display.update(lines, -1);
        terminal.flush();
    }

    private static String cut(String s, int cols) {
        return s.length() <= cols ? s : s.substring(0, Math.max(0, cols - 1)) + "…";
    }

    @Override
    public void close() {
        if (display != null) {
            display.update(List.of(), 0);
            terminal.flush();
            try {
                terminal.close();
            } catch (java.io.IOException e) {
                // the terminal is going away anyway
            }
        }
    }
}
