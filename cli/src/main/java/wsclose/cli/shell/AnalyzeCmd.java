package wsclose.cli.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import wsclose.cli.AnalysisFilters;
import wsclose.cli.render.ReportWriter;
import wsclose.cli.render.TimeFormat;
import wsclose.trace.analysis.Report;

/** {@code analyze [filters]}: the report of {@code wsclose analyze}, replayed from memory with these filters. */
@Command(name = "analyze", description = "Findings and sockets of the loaded trace, filtered (same options as wsclose analyze).")
final class AnalyzeCmd implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    AnalysisFilters filters;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportWriter.Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times in tables: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    @Option(names = "--all-sockets", description = "JSON, JSONL: list every socket, not only those with findings.")
    boolean allSockets;

    @Option(names = "--pretty", description = "JSON: indented for reading (compact by default).")
    boolean pretty;

    AnalyzeCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session s = ctx.session();
        // the same bytes as wsclose analyze with the same options
        ReportWriter w = ReportWriter.of(format, ctx.out(), new TimeFormat(time), ctx.colors(), ctx.width(), allSockets, pretty);
        w.begin(s.files().stream().map(java.nio.file.Path::toString).toList());
        Report r = s.replay(filters.options(s.start(), w.wantsAllSockets()), w);
        w.end(r);
        return 0;
    }
}
