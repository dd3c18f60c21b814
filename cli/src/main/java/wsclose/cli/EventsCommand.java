package wsclose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.EventPrinter;
import wsclose.cli.render.TimeFormat;
import wsclose.trace.decode.Decoded;
import wsclose.trace.decode.Layouts;
import wsclose.trace.decode.ManifestLoader;
import wsclose.trace.decode.TraceLogging;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Providers;

/** {@code wsclose events FILE...}: every event in time order, with decoded fields where the layout is known. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Prints events in time order, one per line, with fields decoded where wsclose knows the layout.")
public final class EventsCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--provider", split = ",", paramLabel = "NAME|GUID", description = "Only these providers (repeatable).")
    List<String> providers = new ArrayList<>();

    @Option(names = "--id", split = ",", paramLabel = "N", description = "Only these event ids (opcodes for classic events).")
    List<Integer> ids = new ArrayList<>();

    @Option(names = "--pid", split = ",", paramLabel = "PID", description = "Only events whose header has these process ids.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--since", converter = TimeArg.Converter.class, paramLabel = "TIME",
            description = "From this time: ISO-8601 UTC, or an offset from the trace start (90s, 250ms, 2m).")
    TimeArg since;

    @Option(names = "--until", converter = TimeArg.Converter.class, paramLabel = "TIME", description = "Up to this time (same forms).")
    TimeArg until;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc",
            description = "Times in text lines: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; JSON is always UTC).")
    TimeFormat.Mode time;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
    long limit = Long.MAX_VALUE;

    @Option(names = "--manifest", paramLabel = "XML", description = "Decode the events of this provider manifest by name too (repeatable).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--count", description = "Print only the number of matching events (a full time-ordered walk).")
    boolean count;

    @Option(names = "--stats", description = "Print read statistics on stderr: MB/s, events/s, time.")
    boolean stats;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files (.etl).")
    List<Path> files;

    /** Ends a walk early once --limit events are printed. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Layouts layouts = Layouts.builtIn();
        Map<Guid, String> names = new HashMap<>(Providers.known());
        for (Path m : manifests) {
            Inputs.check(m);
            try {
                ManifestLoader.Result r = ManifestLoader.read(m);
                layouts.addAll(r.layouts());
                names.putAll(r.providerNames());
            } catch (IOException e) {
                throw new UserException(ExitCodes.INPUT, m + ": " + e.getMessage(), e);
            }
        }
        long[] problems = {0};
        String[] firstProblem = {null};
        long[] printed = {0};
        long[] walked = {0};
        long bytes = 0;
        long t0 = System.nanoTime();
        for (Path p : files) {
            if (printed[0] >= limit) {
                break;
            }
            try (EtlFile f = Inputs.openEtl(p)) {
                long start = f.header().startTime();
                EventFilter filter = new EventFilter(providers, ids, pids,
                        since == null ? Long.MIN_VALUE : since.resolve(start),
                        until == null ? Long.MAX_VALUE : until.resolve(start), names);
                EventPrinter printer = new EventPrinter(out, format == Format.jsonl, files.size() > 1 ? p.toString() : null, names,
                        time == TimeFormat.Mode.utc ? null : new TimeFormat(time).origin(start));
                try (Progress bar = Progress.start(spec.commandLine().getErr(), global.quiet(), f.size(), !count)) {
                    bytes += f.size();
                    f.forEach(bar.tap(List.of(f), ev -> {
                        walked[0]++;
                        if (!filter.test(ev)) {
                            return;
                        }
                        if (count) {
                            printed[0]++;
                            return;
                        }
                        Decoded d = layouts.decode(ev);
                        if (d == null) {
                            d = TraceLogging.decode(ev); // self-describing events carry their own schema
                        }
                        if (d != null && d.problem() != null && problems[0]++ == 0) {
                            firstProblem[0] = d.problem() + " (" + ev + ")";
                        }
                        printer.print(ev, d);
                        if (++printed[0] >= limit) {
                            throw new Stop();
                        }
                    }));
                } catch (Stop stop) {
                    // --limit reached
                }
                out.flush();
                Warnings.print(spec, global, p, f.warnings());
            } catch (IOException e) {
                throw Inputs.readFailure(p, e);
            }
        }
        if (count) {
            out.println(printed[0]);
            out.flush();
        }
        if (problems[0] > 0) {
            Warnings.print(spec, global, null, java.util.List.of(problems[0]
                    + " payloads did not fit their layout (their fields are printed up to the problem); the first: " + firstProblem[0]));
        }
        if (stats) {
            Stats.print(spec.commandLine().getErr(), "events", bytes, walked[0], System.nanoTime() - t0);
        }
        return ExitCodes.OK;
    }
}
