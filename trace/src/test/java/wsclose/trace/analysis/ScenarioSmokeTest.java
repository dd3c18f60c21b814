package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.Pipeline;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.testing.WinsockProcess;
import wsclose.trace.testing.WinsockScenario;

class ScenarioSmokeTest {
    @TempDir
    Path dir;

    @Test
    void lingerZero() throws Exception {
        WinsockScenario s = new WinsockScenario(8, 4);
        WinsockProcess app = s.process(1234, "app.exe", 0xffffa50c00001000L);
        app.socket(10, 100, 0xffffa50c3e5f2010L, 0xffffa50c4a000010L, 0x1a4)
                .bind(11, 100, "10.0.0.5:50000").connect(12, 100, "10.0.0.2:443", 0xffffa50c5b000010L)
                .linger(15, 100, 1, 0).send(20, 100, 65536).acked(25, 16384).close(30, 100, 2).freed(40);
        Path f = dir.resolve("x.etl");
        s.writeTo(f);
        Analyzer a = new Analyzer("x", AnalysisOptions.all(), new ReportListener() { });
        try (EtlFile e = EtlFile.open(f)) {
            Pipeline.feed(List.of(e), a, null);
        }
        Report r = a.finish();
        System.out.println(r.stats());
        r.findings().forEach(x -> System.out.println(x.kind() + " " + x.severity() + " " + x.message()));
        r.notes().forEach(System.out::println);
        r.warnings().forEach(System.out::println);
        assertThat(r.findings()).extracting(Finding::kind).contains("lost-send-data");
    }
}
