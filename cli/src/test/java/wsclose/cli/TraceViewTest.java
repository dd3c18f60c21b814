package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.cli.render.Colors;
import wsclose.os.LiveTrace;
import wsclose.trace.Pipeline;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/** The live view of {@code wsclose trace}, on a virtual terminal: what a person sees while a trace runs. */
class TraceViewTest {
    @TempDir
    Path dir;

    /** Sockets alive at the end of the tour (never closed) and the tour's findings, as a live trace would have them. */
    private record State(List<SocketSummary> alive, List<Finding> findings) {
    }

    private State tour() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 2);
        Scenarios.tour(s);
        Path f = dir.resolve("tour.etl");
        s.writeTo(f);
        List<Finding> findings = new ArrayList<>();
        Analyzer a = new Analyzer("tour", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void finding(Finding x) {
                findings.add(x);
            }
        });
        try (EtlFile e = EtlFile.open(f)) {
            Pipeline.feed(List.of(e), a, null);
        }
        List<SocketSummary> alive = a.alive();
        Report r = a.finish();
        assertThat(r.findings()).isNotEmpty();
        return new State(alive, findings);
    }

    @Test
    void screenShowsSocketsAndFindingsThenClears() throws Exception {
        State st = tour();
        try (VirtualTerminal vt = new VirtualTerminal(120, 24)) {
            TraceView v = TraceView.onTerminal(new PrintWriter(new StringWriter()), new Colors(false), vt.terminal);
            v.started("tracing pid 2000");
            for (Finding f : st.findings()) {
                v.finding(f);
            }
            v.refresh(st.alive(), new LiveTrace.LiveStats(371, 0, List.of()), 2_000_000_000L);
            String screen = vt.awaitText("findings");
            assertThat(screen).contains("wsclose trace:").contains("371 events").contains("0 lost")
                    .contains(st.alive().size() + " sockets alive").contains(st.findings().size() + " findings")
                    .contains("SOCKET").contains("STATE").contains("REFS");
            for (SocketSummary s : st.alive()) {
                assertThat(screen).contains("0x" + Long.toHexString(s.endpoint()));
            }
            // the last findings are listed under the table, cut to the width
            assertThat(screen).contains("leak:").contains("linger-timeout:");
            assertThat(screen.lines()).allMatch(l -> l.length() <= 120);
            assertThat(vt.raw()).as("no colour when colour is off").doesNotContain("\u001b[1;31m");
            v.close();
            String after = vt.await("cleared screen", s -> !s.contains("sockets alive"));
            assertThat(after.strip()).isEmpty();
        }
    }

    @Test
    void coloursBySeverityWhenOn() throws Exception {
        State st = tour();
        try (VirtualTerminal vt = new VirtualTerminal(100, 20)) {
            TraceView v = TraceView.onTerminal(new PrintWriter(new StringWriter()), new Colors(true), vt.terminal);
            st.findings().forEach(v::finding);
            v.refresh(st.alive(), new LiveTrace.LiveStats(10, -1, List.of()), 1_000_000_000L);
            vt.awaitText("findings");
            assertThat(vt.raw()).contains("\u001b[");
            assertThat(vt.screen()).contains("? lost");
            v.close();
        }
    }

    @Test
    void withoutATerminalItPrintsPlainLines() throws Exception {
        State st = tour();
        StringWriter err = new StringWriter();
        TraceView v = TraceView.plain(new PrintWriter(err), new Colors(false));
        v.started("tracing pid 2000");
        st.findings().forEach(v::finding);
        v.refresh(st.alive(), new LiveTrace.LiveStats(371, 0, List.of()), 1_000_000_000L);
        v.close();
        assertThat(err.toString()).startsWith("wsclose trace: tracing pid 2000 (Ctrl-C to stop)")
                .contains("wsclose trace: error lost-send-data: ").doesNotContain("\u001b[");
        assertThat(err.toString().lines().filter(l -> l.startsWith("wsclose trace: ")).count())
                .isEqualTo(1 + st.findings().size());
    }
}
