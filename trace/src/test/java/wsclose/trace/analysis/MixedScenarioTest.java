package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.testing.EtlOptions;
import wsclose.trace.testing.MixedScenario;
import wsclose.trace.testing.WinsockScenario;

/**
 * Scores the analyzer on a large trace of many programs at once, written the way Windows writes it (realism
 * layer, 0.1 % of data-path events lost, values reused LIFO), against the findings the writer computed while
 * telling each story: recall and precision per kind, and exact lost bytes. CI runs a few thousand sockets;
 * {@code bench/mixed.sh} runs the same generator at 100,000.
 */
class MixedScenarioTest {
    @TempDir
    Path dir;

    /** Per kind: expected, found and matched. */
    /** exactWrong: findings that call their byte figure exact although it is not the story's (or there is no story). */
    record Score(int expected, int found, int matched, int exactBytes, int bytesExpected, int exactWrong) {
        double recall() {
            return expected == 0 ? 1 : (double) matched / expected;
        }

        double precision() {
            return found == 0 ? 1 : (double) matched / found;
        }
    }

    static Map<String, Score> score(List<MixedScenario.Expected> expected, List<Finding> findings) {
        Map<String, List<MixedScenario.Expected>> byKey = new HashMap<>();
        Map<String, int[]> counts = new TreeMap<>(); // expected, found, matched, exact bytes, bytes expected, exact wrong
        for (MixedScenario.Expected e : expected) {
            byKey.computeIfAbsent(e.kind() + "/" + e.endpoint(), k -> new ArrayList<>()).add(e);
            int[] c = counts.computeIfAbsent(e.kind(), k -> new int[6]);
            c[0]++;
            if (e.bytesLost() >= 0) {
                c[4]++;
            }
        }
        for (Finding f : findings) {
            if (f.socket() == null && Boolean.TRUE.equals(f.details().get("aggregate"))) {
                continue; // the per-process growth line, scored separately
            }
            int[] c = counts.computeIfAbsent(f.kind(), k -> new int[6]);
            c[1]++;
            if (f.socket() == null) {
                continue;
            }
            List<MixedScenario.Expected> candidates = byKey.getOrDefault(f.kind() + "/" + f.socket().endpoint(), List.of());
            long created = f.socket().created();
            boolean hit = false;
            boolean right = false;
            for (MixedScenario.Expected e : candidates) {
                long want = EtlOptions.DEFAULT_START + Math.round(e.createdMs() * 10_000);
                if (Math.abs(created - want) <= 5_000) {
                    c[2]++;
                    hit = true;
                    candidates.remove(e);
                    if (e.bytesLost() >= 0 && Long.valueOf(e.bytesLost()).equals(f.details().get("bytesLost"))) {
                        c[3]++;
                        right = true;
                    }
                    break;
                }
            }
            if (Boolean.TRUE.equals(f.details().get("exact")) && !right) {
                c[5]++;
            }
            if (!hit && System.getenv("WSCLOSE_SCORE_DEBUG") != null) {
                System.out.println("UNMATCHED " + f.kind() + " " + Long.toHexString(f.socket().endpoint()) + " created "
                        + (f.socket().created() - EtlOptions.DEFAULT_START) / 10_000.0 + " pid " + f.socket().pid() + " "
                        + f.socket().process() + ": " + f.message() + " cands " + candidates);
            }
        }
        Map<String, Score> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new Score(c[0], c[1], c[2], c[3], c[4], c[5])));
        return out;
    }

    @ParameterizedTest(name = "seed {0}, pointer size {1}")
    @CsvSource({"42, 8", "7, 4", "99, 8"})
    void everyKindIsFoundWithRecallAndPrecisionOfAtLeast99Percent(long seed, int pointerSize) throws IOException {
        WinsockScenario s = new WinsockScenario(pointerSize, 4).realistic(seed, 0.001);
        MixedScenario m = new MixedScenario(s, seed);
        m.tell(6000, 0.5);
        Path f = System.getenv("WSCLOSE_SCORE_DEBUG") != null ? Path.of(System.getenv("WSCLOSE_SCORE_DEBUG")) : dir.resolve("mixed.etl");
        m.writeTo(f);
        Runs.Result r = Runs.analyze(f, AnalysisOptions.all());
        Map<String, Score> scores = score(m.expected(), r.report().findings());
        StringBuilder table = new StringBuilder();
        scores.forEach((k, v) -> table.append(String.format("%-20s expected %5d found %5d matched %5d recall %.4f precision %.4f"
                + " exact-but-wrong %d%n", k, v.expected(), v.found(), v.matched(), v.recall(), v.precision(), v.exactWrong())));
        System.out.print(table);
        assertThat(s.eventsLost()).as("the trace lost events, as a busy session does").isPositive();
        assertThat(r.report().warnings()).anyMatch(w -> w.contains("lost " + s.eventsLost() + " events"));
        assertThat(scores.keySet()).as(table.toString()).containsAll(Kinds.ALL);
        scores.forEach((kind, v) -> {
            assertThat(v.recall()).as(kind + " recall\n" + table).isGreaterThanOrEqualTo(0.99);
            assertThat(v.precision()).as(kind + " precision\n" + table).isGreaterThanOrEqualTo(0.99);
        });
        Score lost = scores.get(Kinds.LOST_SEND_DATA);
        // a figure called exact must be right: where the session lost events while a socket was open, it is not exact
        assertThat(lost.exactWrong()).as("lost-send-data figures called exact that are wrong\n" + table).isZero();
        long upperBounds = r.report().findings().stream().filter(x -> x.message().contains("lost events while the socket was open"))
                .count();
        System.out.println("upper bounds because of lost events: " + upperBounds);
        assertThat((double) lost.exactBytes() / lost.bytesExpected()).as("exact lost bytes\n" + table).isGreaterThanOrEqualTo(0.99);
        // The leaking loop is also one aggregate line with its growth.
        List<Finding> aggregates = r.report().findings().stream().filter(x -> x.socket() == null
                && Boolean.TRUE.equals(x.details().get("aggregate"))).toList();
        assertThat(aggregates).hasSize(1);
        assertThat(aggregates.get(0).message()).contains("leaky.exe").contains("grew from 0 to 40");
    }
}
