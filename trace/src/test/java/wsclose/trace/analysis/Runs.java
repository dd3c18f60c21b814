package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wsclose.trace.Pipeline;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/** Writes a scenario to an .etl, reads it back and analyses it end to end: what a user's run does. */
final class Runs {
    private Runs() {
    }

    record Result(Report report, List<SocketSummary> sockets) {
        List<String> kinds() {
            return report.findings().stream().map(Finding::kind).toList();
        }

        List<Finding> of(String kind) {
            return report.findings().stream().filter(f -> f.kind().equals(kind)).toList();
        }
    }

    /** A one-story scenario gives exactly its own kind (clean ones none), and the svchost noise socket never a finding. */
    static void assertOnlyItsKind(String name, List<String> kinds, List<Finding> findings) {
        if (Scenarios.clean(name)) {
            assertThat(kinds).as(name).isEmpty();
        } else {
            assertThat(kinds).as(name).contains(name);
            assertThat(kinds).as("no unrelated kind in " + name).allMatch(k -> k.equals(name)
                    || name.equals("linger-timeout") && k.equals("lost-send-data"));
        }
        assertThat(findings)
                .noneMatch(f -> f.socket() != null && "svchost.exe".equals(f.socket().process()));
    }

    static Result analyze(WinsockScenario s, Path file) throws IOException {
        s.writeTo(file);
        return analyze(file, AnalysisOptions.all());
    }

    static Result analyze(Path file, AnalysisOptions options) throws IOException {
        List<SocketSummary> sockets = new ArrayList<>();
        Analyzer a = new Analyzer(file.getFileName().toString(), options, new ReportListener() {
            @Override
            public void socket(SocketSummary sock, List<Finding> findings) {
                sockets.add(sock);
            }
        });
        try (EtlFile e = EtlFile.open(file)) {
            Pipeline.feed(List.of(e), a, null);
        }
        return new Result(a.finish(), sockets);
    }
}
