package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.Pipeline;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.testing.MixedScenario;
import wsclose.trace.testing.WinsockScenario;

/**
 * The report keeps only the first sockets with findings (bounded memory), but says how many there were: the table's
 * "(N with findings)" read the kept list's length, 10,000 on a trace with 57,573 such sockets.
 */
class KeptSocketsTest {
    @TempDir
    Path dir;

    @Test
    void theCountCoversTheSocketsPastTheKeptList() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).realistic(5, 0.001);
        MixedScenario m = new MixedScenario(s, 5);
        m.tell(400, 0.5);
        Path f = dir.resolve("mixed.etl");
        m.writeTo(f);
        for (int keep : new int[] {7, Analyzer.KEEP_SOCKETS}) {
            Set<Long> flagged = new HashSet<>();
            Analyzer a = new Analyzer("mixed.etl", AnalysisOptions.all(), new ReportListener() {
                @Override
                public void socket(SocketSummary sock, List<Finding> findings) {
                    if (!findings.isEmpty()) {
                        flagged.add(sock.id());
                    }
                }
            }).keepSockets(keep);
            try (EtlFile e = EtlFile.open(f)) {
                Pipeline.feed(List.of(e), a, null);
            }
            Report r = a.finish();
            assertThat(flagged.size()).as("the scenario has more sockets with findings than the small cut").isGreaterThan(7);
            assertThat(r.stats().socketsWithFindings()).as("keep %d", keep).isEqualTo(flagged.size());
            assertThat(r.sockets()).hasSize(Math.min(keep, flagged.size()));
            assertThat(r.sockets()).allMatch(x -> flagged.contains(x.id()));
        }
    }
}
