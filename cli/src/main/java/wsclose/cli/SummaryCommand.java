package wsclose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.Json;
import wsclose.cli.render.SummaryRenderer;
import wsclose.cli.render.TimeFormat;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.EtlSummary;
import wsclose.trace.etl.SummaryBuilder;

/** {@code wsclose summary FILE...}: what a trace holds, from one pass over its record headers. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Header facts, providers and event counts of .etl files (no payload decoding).")
public final class SummaryCommand implements Callable<Integer> {
    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times in tables: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    @Option(names = "--stats", description = "Print read statistics on stderr: MB/s, events/s, time.")
    boolean stats;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files (.etl).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> docs = new ArrayList<>();
        boolean first = true;
        long t0 = System.nanoTime();
        long bytes = 0;
        long events = 0;
        for (Path p : files) {
            if (wsclose.cli.render.EventLog.isEventLog(p)) {
                throw new UserException(ExitCodes.INPUT, p + ": summary reads .etl files; 'wsclose analyze " + p
                        + "' reads event logs");
            }
            EtlSummary s;
            try (EtlFile f = Inputs.openEtl(p)) {
                // the file cut in parts walked at once, one builder per part, merged in file order
                SummaryBuilder[] b = new SummaryBuilder[f.fileOrderParts()];
                try (Progress bar = Progress.start(spec.commandLine().getErr(), global.quiet(), f.size(), false)) {
                    f.forEachInFileOrder(b.length, bar.taps(f, i -> b[i] = new SummaryBuilder()));
                }
                s = SummaryBuilder.merge(b).build(f);
                bytes += f.size();
                events += s.events();
            } catch (IOException e) {
                throw Inputs.readFailure(p, e);
            }
            Warnings.print(spec, global, p, s.warnings());
            if (format == Format.json) {
                docs.add(SummaryRenderer.toJson(s));
            } else {
                if (!first) {
                    out.println();
                }
                SummaryRenderer.table(out, s, Terminal.width(), new TimeFormat(time).origin(s.header().startTime()));
            }
            first = false;
        }
        if (format == Format.json) {
            Json.pretty(out, SummaryRenderer.document(docs));
        }
        if (stats) {
            Stats.print(spec.commandLine().getErr(), "summary", bytes, events, System.nanoTime() - t0);
        }
        return ExitCodes.OK;
    }
}
