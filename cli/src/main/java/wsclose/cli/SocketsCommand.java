package wsclose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.ReportWriter;
import wsclose.cli.render.SocketList;
import wsclose.cli.render.TimeFormat;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code wsclose sockets FILE...}: every socket of a trace, one line each in creation order, to pick one for
 * {@code timeline} (the shell's {@code sockets} as a command). The model sees every event; the filters select lines.
 */
@Command(name = "sockets", mixinStandardHelpOptions = true,
        description = {"Lists every socket of a trace, one line each in creation order (the filters of analyze).",
            "--format json is the report of 'analyze --format json --all-sockets'."})
public final class SocketsCommand implements Callable<Integer> {
    /** Output formats of this command. */
    enum Format { table, json, csv }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    AnalysisFilters filters;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times in tables: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files (.etl), or one event log (.jsonl).")
    List<Path> files;

    record Line(SocketSummary socket, int findings) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (TraceInput in = TraceInput.open(files)) {
            if (format == Format.json) {
                ReportWriter w = ReportWriter.of(ReportWriter.Format.json, out, new TimeFormat(time),
                        new wsclose.cli.render.Colors(false), 0, true, false);
                Analyzer a = new Analyzer(in.source(), filters.options(in.start(), true), w).withoutEntries();
                w.begin(in.inputs());
                in.feed(a, null);
                w.end(a.finish());
                return ExitCodes.OK;
            }
            List<Line> lines = new ArrayList<>();
            Analyzer a = new Analyzer(in.source(), filters.options(in.start(), true), new ReportListener() {
                @Override
                public void socket(SocketSummary s, List<Finding> f) {
                    lines.add(new Line(s, f.size()));
                }
            }).withoutEntries();
            in.feed(a, null);
            long total = a.finish().stats().sockets();
            lines.sort(Comparator.comparingLong((Line l) -> l.socket().created()).thenComparingLong(l -> l.socket().endpoint()));
            if (format == Format.csv) {
                out.println(SocketList.CSV_HEADER);
                lines.forEach(l -> out.println(SocketList.csv(l.socket(), l.findings())));
                return ExitCodes.OK;
            }
            SocketList list = new SocketList(new TimeFormat(time).origin(in.start()));
            lines.forEach(l -> list.add(l.socket(), l.findings()));
            list.print(out, Terminal.width(), total);
            return ExitCodes.OK;
        }
    }
}
