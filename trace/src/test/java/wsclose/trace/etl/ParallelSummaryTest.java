package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.testing.Corpus;

/**
 * A summary read in parts on several threads is the summary of one walk: same counts, versions, times, provider
 * names, and the same warnings in the same order, on every corpus file and on damaged copies of one.
 */
class ParallelSummaryTest {

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("wsclose.trace.etl.CorpusTest#files")
    void partsGiveTheWholeWalksSummary(Map<String, String> expect) throws IOException {
        try (EtlFile f = EtlFile.open(Corpus.file(expect.get("path")))) {
            EtlSummary one = f.summary(1);
            assertThat(one.events()).isEqualTo(Long.parseLong(expect.get("records")));
            for (int parts : new int[] {2, 3, 7}) {
                assertThat(f.summary(parts, 1)).as("%d parts", parts).isEqualTo(one);
            }
            // runs taken by threads as they come free: more runs than threads, helpers at once or after a run
            for (int threads : new int[] {2, 3}) {
                for (int after : new int[] {0, 1}) {
                    assertThat(f.summary(9, 1, threads, after)).as("9 runs, %d threads, helpers after %d", threads, after)
                            .isEqualTo(one);
                }
            }
        }
    }

    @Test
    void damagedBuffersAreReportedAsOneWalkReportsThem(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Corpus.file("microsoft__perfview/diaghub.kernel.1.etl"));
        List<Integer> starts = CorruptionPropertyTest.bufferOffsets(full);
        assertThat(starts.size()).isGreaterThan(8);
        Random r = new Random(7);
        int warned = 0;
        for (int round = 0; round < 20; round++) {
            byte[] b = full.clone();
            // damage records inside several buffers past the first (the logfile header's), far apart in the file
            for (int k = 0; k < 3 + round; k++) {
                int buf = starts.get(1 + r.nextInt(starts.size() - 1));
                int at = buf + 72 + r.nextInt(8); // the first record's header: its size and type
                for (int j = 0; j < 8 && at + j < b.length; j++) {
                    b[at + j] = (byte) r.nextInt(256);
                }
            }
            Path p = dir.resolve("damaged-" + round + ".etl");
            Files.write(p, b);
            try (EtlFile f = EtlFile.open(p)) {
                EtlSummary one = f.summary(1);
                warned += one.warnings().isEmpty() ? 0 : 1;
                for (int parts : new int[] {2, 5}) {
                    EtlSummary got = f.summary(parts, 1);
                    assertThat(got).as("round %d, %d parts", round, parts).isEqualTo(one);
                    assertThat(f.warnings()).isEqualTo(one.warnings());
                }
                EtlSummary taken = f.summary(11, 1, 2, 0);
                assertThat(taken).as("round %d, 11 runs taken by 2 threads", round).isEqualTo(one);
                assertThat(f.warnings()).isEqualTo(one.warnings());
            }
        }
        assertThat(warned).as("rounds whose damage the reader reported").isGreaterThan(10);
    }
}
