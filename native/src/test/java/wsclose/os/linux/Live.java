package wsclose.os.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import wsclose.os.LiveException;
import wsclose.os.LiveTrace;
import wsclose.os.ProcessSelector;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.model.SocketEvent;

/** Runs a real tracefs trace into the Analyzer, as {@code wsclose trace} does, and keeps what it reported. */
final class Live {
    record Run(Report report, Map<Long, SocketSummary> sockets, List<SocketEvent> events, LiveTrace.LiveStats stats) {
        List<Finding> findings(String kind) {
            return report.findings().stream().filter(f -> f.kind().equals(kind)).toList();
        }
    }

    private Live() {
    }

    /** Skips (printing why) unless this process is root and tracefs is there or can be mounted. */
    static void assumeTracing() {
        boolean root = ProcScan.effectiveUid(Path.of("/proc")) == 0;
        if (!root) {
            System.out.println("skipped: live tracing needs root");
        }
        Assumptions.assumeTrue(root, "live tracing needs root");
        String why = null;
        try {
            Tracefs.find();
        } catch (LiveException e) {
            why = e.getMessage();
            System.out.println("skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
    }

    /** Traces {@code command} from its first instruction to its end (plus the kernel's last words on its sockets). */
    static Run command(List<String> command) throws IOException, InterruptedException {
        LinuxTrace t = new LinuxTrace(ProcessSelector.all(), command, 50);
        return run(t, () -> {
            Process p = t.command().orElseThrow();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the traced command did not end in 30 s");
            }
        });
    }

    interface During {
        void run() throws IOException, InterruptedException;
    }

    static Run run(LinuxTrace t, During during) throws IOException, InterruptedException {
        Map<Long, SocketSummary> sockets = Collections.synchronizedMap(new HashMap<>());
        List<SocketEvent> events = Collections.synchronizedList(new ArrayList<>());
        Analyzer a = new Analyzer("live test", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary s, List<Finding> f) {
                sockets.put(s.endpoint(), s);
            }
        });
        try {
            t.start(e -> {
                synchronized (a) {
                    events.add(e);
                    a.accept(e);
                }
            });
            during.run();
            Thread.sleep(300);
        } finally {
            t.close();
        }
        LiveTrace.LiveStats st = t.stats();
        Report r;
        synchronized (a) {
            a.eventsLost(st.lost());
            r = a.finish();
        }
        return new Run(r, sockets, List.copyOf(events), st);
    }
}
