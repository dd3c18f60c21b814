package wsclose.trace.etw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossWindowsTest {
    @Test
    void overlapsAnswersLikeAScanOverEveryWindow() {
        Random rnd = new Random(3);
        for (int round = 0; round < 200; round++) {
            LossWindows w = new LossWindows();
            int n = rnd.nextInt(30);
            long[][] raw = new long[n][];
            long t = 0;
            for (int i = 0; i < n; i++) {
                // mostly in time order, as a walk finds them, sometimes not (several streams, several files)
                long from = rnd.nextInt(5) == 0 ? rnd.nextInt(2000) : (t += rnd.nextInt(100));
                long to = from + rnd.nextInt(50);
                raw[i] = new long[] {from, to};
                w.add(from, to);
                for (int q = 0; q < 20; q++) {
                    long a = rnd.nextInt(2200);
                    long b = a + rnd.nextInt(60);
                    boolean want = false;
                    for (int k = 0; k <= i; k++) {
                        want |= raw[k][0] <= b && raw[k][1] >= a;
                    }
                    assertThat(w.overlaps(a, b)).as("round %d, [%d, %d]", round, a, b).isEqualTo(want);
                }
            }
            long[][] merged = w.windows();
            for (int k = 1; k < merged.length; k++) {
                assertThat(merged[k][0]).as("sorted and disjoint").isGreaterThan(merged[k - 1][1]);
            }
        }
    }

    @Test
    void everywhereOverlapsAnythingAndAnEndBeforeTheStartIsOpen() {
        LossWindows w = new LossWindows();
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.overlaps(Long.MIN_VALUE, Long.MAX_VALUE)).isFalse();
        w.add(100, 50);
        assertThat(w.overlaps(1_000_000, 1_000_001)).isTrue();
        assertThat(w.overlaps(0, 99)).isFalse();
        w.everywhere();
        assertThat(w.overlaps(0, 0)).isTrue();
        assertThat(w.windows()).isDeepEqualTo(new long[][] {new long[] {Long.MIN_VALUE, Long.MAX_VALUE}});
    }
}
