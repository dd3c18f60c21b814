package wsclose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.Colors;
import wsclose.cli.render.TimeFormat;
import wsclose.cli.render.TimelineRenderer;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSelector;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code wsclose timeline FILE --socket ENDPOINT|PID:HANDLE}: one socket's close timeline, step by step, with
 * its reference count after each step. A handle value may have named several sockets over time (values are
 * reused); each of them is printed. A PID:HANDLE selector takes two passes: one to find the sockets, one to
 * keep all of their steps.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Prints one socket's close timeline with its reference count at each step.")
public final class TimelineCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--socket", required = true, paramLabel = "SOCKET",
            description = "The socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).")
    String socket;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files (.etl), or one event log (.jsonl).")
    List<Path> files;

    @Override
    public Integer call() {
        SocketSelector sel;
        try {
            sel = SocketSelector.parse(socket);
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
        Set<Long> endpoints = new LinkedHashSet<>();
        if (sel.pid() >= 0) {
            try (TraceInput in = TraceInput.open(files)) {
                Analyzer find = new Analyzer(in.source(), AnalysisOptions.all().withSocket(socket), new ReportListener() {
                    @Override
                    public void socket(SocketSummary s, List<Finding> f) {
                        endpoints.add(s.endpoint());
                    }
                });
                try (Progress p = progress(in)) {
                    in.feed(find, p.tap(in.files(), null));
                }
                find.finish();
            }
        } else {
            endpoints.add(sel.endpoint());
        }
        Map<Long, SocketSummary> found = new LinkedHashMap<>();
        Map<Long, List<Finding>> findings = new LinkedHashMap<>();
        long first;
        try (TraceInput in = TraceInput.open(files)) {
            first = in.start();
            Analyzer a = new Analyzer(in.source(), AnalysisOptions.all(), new ReportListener() {
                @Override
                public void socket(SocketSummary s, List<Finding> f) {
                    if (endpoints.contains(s.endpoint()) && (sel.pid() < 0 || sel.matches(s))) {
                        found.put(s.id(), s);
                    }
                }

                @Override
                public void finding(Finding f) {
                    if (f.socket() != null) {
                        findings.computeIfAbsent(f.socket().id(), k -> new ArrayList<>()).add(f);
                    }
                }
            }).keepAllEntries(endpoints);
            try (Progress p = progress(in)) {
                in.feed(a, p.tap(in.files(), null));
            }
            a.finish();
        }
        if (found.isEmpty()) {
            // the command line was fine; the input lacks the socket (exit 3, like any input that lacks what was asked)
            throw new UserException(ExitCodes.INPUT, "no socket " + socket + " in " + String.join(", ",
                    files.stream().map(Path::toString).toList()) + " (list sockets with: wsclose analyze --format json --all-sockets FILE)");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            TimelineRenderer.json(out, found.values(), findings);
        } else {
            TimelineRenderer r = new TimelineRenderer(out, new TimeFormat(time).origin(first),
                    new Colors(global.color(Terminal.isTerminal())), Terminal.width());
            boolean firstOne = true;
            for (SocketSummary s : found.values()) {
                if (!firstOne) {
                    out.println();
                }
                r.print(s, findings.getOrDefault(s.id(), List.of()));
                firstOne = false;
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Progress progress(TraceInput in) {
        return Progress.start(spec.commandLine().getErr(), global.quiet(), in.bytes(), false);
    }
}
