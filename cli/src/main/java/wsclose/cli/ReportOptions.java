package wsclose.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;
import wsclose.cli.render.Colors;
import wsclose.cli.render.ReportWriter;
import wsclose.cli.render.TimeFormat;

/** How a report is written and what makes the exit code 1: shared by {@code analyze} and {@code trace}. */
public final class ReportOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportWriter.Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times in tables: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--all-sockets", description = "JSON, JSONL: list every socket, not only those with findings.")
    boolean allSockets;

    @Option(names = "--pretty", description = "JSON: indented for reading (compact by default).")
    boolean pretty;

    public ReportWriter.Format format() {
        return format;
    }

    public FailOn failOn() {
        return failOn;
    }

    public TimeFormat.Mode time() {
        return time;
    }

    /** The writer for {@code --format}, with colours and width from the terminal facts. */
    public ReportWriter writer(PrintWriter out, GlobalOptions global) {
        return ReportWriter.of(format, out, new TimeFormat(time), new Colors(global.color(Terminal.isTerminal())), Terminal.width(),
                allSockets, pretty);
    }
}
