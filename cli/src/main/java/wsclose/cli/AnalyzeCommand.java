package wsclose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.ReportWriter;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Report;

/** {@code wsclose analyze FILE...}: per-socket timelines and close findings of a trace or an event log. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reports the socket close problems of a trace, with every socket's timeline. Finds use-after-close,"
            + " aborted-pending-op, lost-send-data, unread-data-reset, linger-timeout, leak, double-close and handle-reuse.",
            "Input: .etl files (the files of one capture merged in time order, unrelated captures analyzed apart) or an event"
            + " log (.jsonl)."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    AnalysisFilters filters;

    @Mixin
    ReportOptions report;



    @Option(names = "--stats", description = "Print read statistics on stderr: MB/s, events/s, time, heap.")
    boolean stats;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files (.etl), or one event log (.jsonl).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        try (TraceInput in = TraceInput.open(files)) {
            ReportWriter w = report.writer(out, global);
            Analyzer a = new Analyzer(in.source(), filters.options(in.start(), w.wantsAllSockets()), w).withoutEntries();
            w.begin(in.inputs());
            Report r;
            try (Progress p = Progress.start(spec.commandLine().getErr(), global.quiet(), in.bytes(),
                    report.format() != ReportWriter.Format.table)) {
                in.feed(a, p.tap(in.files(), null));
                r = a.finish();
            }
            w.end(r);
            out.flush();
            if (report.format() != ReportWriter.Format.table) {
                Warnings.print(spec, global, null, r.warnings());
            }
            if (stats) {
                Stats.print(spec.commandLine().getErr(), "analyze", in.bytes(), r.stats().events(), System.nanoTime() - t0);
            }
            int code = report.failOn().exitCode(r);
            if (code == ExitCodes.OK && report.failOn() != FailOn.never && r.nothingChecked()) {
                // a capture without the socket providers is not "clean": the input lacks what the checks need
                spec.commandLine().getErr().println("wsclose analyze: nothing was checked: the input has none of the events"
                        + " the checks need (see the note)");
                return ExitCodes.INPUT;
            }
            return code;
        }
    }
}
