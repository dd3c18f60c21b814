package wsclose.trace.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import wsclose.trace.Pipeline;
import wsclose.trace.etl.EtlFile;
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
