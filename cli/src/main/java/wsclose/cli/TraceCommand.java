package wsclose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.ReportWriter;
import wsclose.os.LiveException;
import wsclose.os.LiveTrace;
import wsclose.os.Platform;
import wsclose.os.ProcessSelector;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code wsclose trace}: live close problems of running processes, or of a command it starts. Events go through
 * the same model and checks as {@code wsclose analyze}, and the final report has the same formats and schema.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Traces sockets live and reports close problems as 'wsclose analyze' does.",
            "Follows running processes (--pid, --process) or COMMAND. Stops on Ctrl-C, after --duration or when COMMAND ends; then",
            "prints the report on stdout; SIGTERM and SIGHUP stop it as Ctrl-C does (a second signal ends it at once).",
            "Linux: needs root (tracefs). Lost events are always reported.",
            "Exit status: 1 for findings at or above --fail-on; otherwise COMMAND's own status when it failed",
            "(as strace and timeout pass it on); 3 when COMMAND cannot be started."})
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--pid", split = ",", paramLabel = "PID", description = "Trace these processes, their new threads and children.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--process", paramLabel = "NAME", description = "Trace the running processes with this name (comm).")
    String process;

    @Option(names = "--duration", paramLabel = "D", converter = TimeArg.DurationConverter.class,
            description = "Stop after this long (30s, 2m, 1h).")
    TimeArg duration;

    @Option(names = "--save", paramLabel = "FILE.jsonl", description = "Also write the normalized events (for wsclose analyze);"
            + " on Windows FILE.etl saves the ETW session instead.")
    Path save;

    @Mixin
    ReportOptions report;



    @Option(names = "--sample-interval", defaultValue = "100", paramLabel = "MS",
            description = "How often socket queues are sampled, in ms (default: ${DEFAULT-VALUE}).")
    long sampleMillis;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "A command to start and trace (after --).")
    List<String> command = new ArrayList<>();

    /** COMMAND's exit status once it ended by itself; 0 while unknown or when it was stopped by wsclose. */
    private int childStatus;

    @Override
    public Integer call() {
        if (!command.isEmpty() && (!pids.isEmpty() || process != null)) {
            throw new UserException(ExitCodes.USAGE, "give either --pid/--process or a COMMAND, not both");
        }
        if (duration != null && !duration.relative()) {
            throw new UserException(ExitCodes.USAGE, "--duration takes a length such as 30s or 2m, not a time");
        }
        if (sampleMillis < 1) {
            throw new UserException(ExitCodes.USAGE, "--sample-interval must be at least 1 ms");
        }
        if (!command.isEmpty()) {
            String problem = CommandLookup.problem(command.get(0), System.getenv("PATH"), Platform.isWindows());
            if (problem != null) {
                throw new UserException(ExitCodes.INPUT, "cannot run COMMAND: " + problem);
            }
        }
        ProcessSelector which = new ProcessSelector(new HashSet<>(pids), process);
        String source = "live: " + (Platform.isLinux() ? "linux " : "") + describe();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // --save FILE.etl: Windows writes the ETW session itself; every other name gets the JSON Lines event log
        Path etl = save != null && save.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".etl") ? save : null;
        LiveTrace trace;
        try {
            trace = Platform.trace(which, command, sampleMillis, etl);
        } catch (LiveException e) {
            throw new UserException(ExitCodes.INPUT, e.getMessage(), e);
        }
        boolean interactive = System.console() != null;
        try (TraceView view = TraceView.open(err, global, interactive);
             TraceSave log = TraceSave.open(etl == null ? save : null, source)) {
            ReportWriter w = report.writer(out, global).asMade(); // live: findings as they happen
            Object lock = new Object();
            boolean[] begun = {false};
            ReportListener listener = new ReportListener() {
                @Override
                public void socket(SocketSummary s, List<Finding> f) {
                    w.socket(s, f);
                }

                @Override
                public void finding(Finding f) {
                    w.finding(f);
                    view.finding(f);
                }
            };
            AnalysisOptions options = new AnalysisOptions(Set.of(), Set.of(), Set.of(), null, Long.MIN_VALUE, Long.MAX_VALUE,
                    w.wantsAllSockets());
            Analyzer a = new Analyzer(source, options, listener).withoutEntries();
            try (TraceStop stop = TraceStop.install()) {
                try {
                    trace.start(e -> {
                        synchronized (lock) {
                            if (!begun[0]) {
                                begun[0] = true;
                                w.begin(List.of(source));
                            }
                            a.inputEvent();
                            a.accept(e);
                            log.write(e);
                        }
                    });
                } catch (LiveException e) {
                    throw new UserException(ExitCodes.INPUT, e.getMessage(), e);
                } catch (IOException e) {
                    throw new UserException(ExitCodes.INPUT, "cannot start the trace: " + e.getMessage(), e);
                }
                synchronized (lock) {
                    if (!begun[0]) {
                        begun[0] = true;
                        w.begin(List.of(source));
                    }
                }
                view.started("tracing " + describe());
                String ended = run(trace, stop, view, a, lock);
                try {
                    trace.close();
                } catch (IOException e) {
                    err.println("wsclose trace: warning: cleanup: " + e.getMessage());
                }
                return finish(trace, a, w, lock, view, ended, err);
            }
        }
    }

    /** Waits for Ctrl-C, --duration or the end of COMMAND, refreshing the view; returns why it stopped. */
    private String run(LiveTrace trace, TraceStop stop, TraceView view, Analyzer a, Object lock) {
        long t0 = System.nanoTime();
        long limit = duration == null ? Long.MAX_VALUE : t0 + duration.value() * 100;
        Optional<Process> cmd = trace.command();
        long nextView = t0;
        while (true) {
            long now = System.nanoTime();
            if (stop.requested()) {
                return "stopped by " + stop.what();
            }
            if (now >= limit) {
                return "stopped after --duration " + wsclose.cli.render.Human.duration(duration.value());
            }
            if (cmd.isPresent() && !cmd.get().isAlive()) {
                sleep(300); // the kernel finishes the exited process's connections (FIN, RST) just after
                childStatus = cmd.get().exitValue();
                return "COMMAND exited with " + childStatus;
            }
            if (now >= nextView) {
                List<SocketSummary> alive;
                synchronized (lock) {
                    alive = a.alive();
                }
                view.refresh(alive, trace.stats(), now - t0);
                nextView = now + 1_000_000_000L;
            }
            sleep(50);
        }
    }

    private int finish(LiveTrace trace, Analyzer a, ReportWriter w, Object lock, TraceView view, String ended, PrintWriter err) {
        Optional<Process> cmd = trace.command();
        if (cmd.isPresent() && cmd.get().isAlive()) {
            cmd.get().destroy();
            ended += "; COMMAND was still running and was sent SIGTERM";
        }
        LiveTrace.LiveStats st = trace.stats();
        Report r;
        synchronized (lock) {
            if (st.lost() >= 0) {
                a.eventsLost(st.lost());
            }
            if (st.lost() > 0) {
                a.warning(st.lost() + " events were lost (tracefs ring-buffer overruns): findings may be missing or wrong");
            }
            for (String n : st.notes()) {
                if (!n.startsWith(LiveTrace.DEBUG_NOTE)) {
                    a.warning(n);
                } else if (global.verbose()) {
                    err.println("wsclose trace: " + n);
                }
            }
            r = a.finish();
        }
        view.close();
        w.end(r);
        spec.commandLine().getOut().flush();
        if (!global.quiet()) {
            double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
            err.println("wsclose trace: " + ended + "; " + st.events() + " events, " + (st.lost() < 0 ? "unknown" : st.lost())
                    + " lost (tracefs overruns), " + String.format(java.util.Locale.ROOT, "%.2f", cpu) + " s CPU used by wsclose");
            if (report.format() != ReportWriter.Format.table) {
                for (String warning : r.warnings()) {
                    err.println("wsclose trace: warning: " + warning);
                }
            }
            err.flush();
        }
        int code = report.failOn().exitCode(r);
        // COMMAND's failure is passed on when no finding decides the status: a broken test must not pass CI
        return code == ExitCodes.OK && childStatus > 0 ? childStatus : code;
    }

    private String describe() {
        if (!command.isEmpty()) {
            return String.join(" ", command);
        }
        List<String> parts = new ArrayList<>();
        if (!pids.isEmpty()) {
            parts.add("pid " + String.join(",", pids.stream().map(String::valueOf).toList()));
        }
        if (process != null) {
            parts.add("process " + process);
        }
        return parts.isEmpty() ? "all processes" : String.join(" ", parts);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
