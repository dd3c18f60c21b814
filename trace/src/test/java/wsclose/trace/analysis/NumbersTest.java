package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Numbers must print what String.format printed before it replaced it in messages and tables. */
class NumbersTest {
    @Test
    void groupedEqualsFormatWithGrouping() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long n = switch (i % 4) {
                case 0 -> r.nextInt(2000) - 1000;
                case 1 -> r.nextLong();
                case 2 -> r.nextInt();
                default -> (long) Math.pow(10, r.nextInt(19)) * (r.nextBoolean() ? 1 : -1);
            };
            assertThat(Numbers.grouped(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
        assertThat(Numbers.grouped(Long.MIN_VALUE)).isEqualTo(String.format(Locale.ROOT, "%,d", Long.MIN_VALUE));
    }

    @Test
    void oneDecimalEqualsFormat() {
        // the leak check's rates (sockets over seconds as doubles), halves, and sizes from tiny to large
        Random r = new Random(13);
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextInt(1_000_000) / 20.0;
                case 1 -> r.nextInt(100_000) / (Math.max(1, r.nextInt(2_000_000_000)) / 1e7);
                case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(14) - 5);
                default -> (double) r.nextInt(5000) / (1 + r.nextInt(1000));
            };
            assertThat(Numbers.oneDecimal(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
        }
    }

    @Test
    void fixedRoundsHalfUpAsFormatDoes() {
        Random r = new Random(11);
        long[] units = {10, 10_000, 10_000_000};
        for (int i = 0; i < 50_000; i++) {
            long unit = units[i % 3];
            long v = i < 3000 ? i * unit / 200 : Math.abs(r.nextLong() % (1L << 40));
            int decimals = unit == 10 ? 0 : 1;
            String want = new BigDecimal(v).divide(BigDecimal.valueOf(unit)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
            assertThat(Numbers.fixed(v, unit, decimals)).as("%d / %d", v, unit).isEqualTo(want);
        }
        // the exact halves that a double division can get wrong are rounded up, as the decimal value says
        assertThat(Numbers.fixed(12_500_000, 10_000_000, 1)).isEqualTo("1.3");
        assertThat(Numbers.fixed(15, 10, 0)).isEqualTo("2");
        assertThat(Numbers.fixed(-15_000, 10_000, 1)).isEqualTo("-1.5");
        assertThat(Numbers.padded(42, 7)).isEqualTo("0000042");
        assertThat(Numbers.padded(12_345_678, 7)).isEqualTo("12345678");
    }

    @Test
    void durationsReadAsBefore() {
        assertThat(Words.duration(5)).isEqualTo(String.format(Locale.ROOT, "%.0f µs", 0.5));
        assertThat(Words.duration(123_456)).isEqualTo(String.format(Locale.ROOT, "%.1f ms", 12.3456));
        assertThat(Words.duration(98_765_432)).isEqualTo(String.format(Locale.ROOT, "%.1f s", 9.8765432));
    }
}
