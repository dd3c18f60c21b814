package wsclose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wsclose.trace.etw.Guid;

/**
 * The texts written without Formatter (its first floating-point format costs a fresh JVM 40 ms) read as
 * Formatter writes them: file sizes as "%.1f"/"%.0f" of the size in its unit, GUIDs as "%016x%016x" cut in groups.
 */
class NoFormatterTest {

    @Test
    void sizesReadAsFormatterWritesThem() {
        List<Long> sizes = new ArrayList<>();
        for (long unit = 1; unit > 0 && unit <= 1L << 50; unit <<= 10) {
            for (long k : new long[] {1, 2, 99, 100, 101, 1023, 1024, 1025}) {
                for (long d = -2; d <= 2; d++) {
                    sizes.add(k * unit + d);
                    sizes.add(k * unit + unit / 20 + d); // near the .05 a half-up rounding turns on
                    sizes.add(k * unit - unit / 20 + d);
                }
            }
        }
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            sizes.add(r.nextLong() >>> r.nextInt(63));
        }
        for (long n : sizes) {
            if (n >= 0) {
                assertThat(Human.bytes(n)).as("%d bytes", n).isEqualTo(formatted(n));
            }
        }
    }

    /** What Human.bytes wrote with String.format until the 2026-12-07 sixth stop. */
    private static String formatted(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    @Test
    void guidsReadAsFormatterWritesThem() {
        Random r = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            long msb = i < 4 ? new long[] {0, -1, 1, Long.MIN_VALUE}[i] : r.nextLong() >>> r.nextInt(64);
            long lsb = r.nextLong() >>> r.nextInt(64);
            String h = String.format(Locale.ROOT, "%016x%016x", msb, lsb);
            String want = h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-'
                    + h.substring(16, 20) + '-' + h.substring(20);
            assertThat(new Guid(msb, lsb).toString()).isEqualTo(want);
        }
    }
}
