package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The --stats line keeps the shape bench/run.sh parses, written without Formatter. */
class StatsTest {
    @Test
    void theLineReadsAsTheBenchParsesIt() {
        StringWriter w = new StringWriter();
        // 2,171,142,144 bytes and 15,248,721 events in 0.876 s
        Stats.print(new PrintWriter(w), "summary", 2_171_142_144L, 15_248_721L, 876_000_000L);
        String line = w.toString().strip();
        Matcher m = Pattern.compile("wsclose summary: stats: (\\d+) bytes, (\\d+) events in ([0-9.]+) s: ([0-9.]+) MB/s,"
                + " (\\d+) events/s, heap used (\\d+) MB of max (\\d+) MB").matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group(1)).isEqualTo("2171142144");
        assertThat(m.group(3)).isEqualTo("0.876");
        assertThat(m.group(4)).isEqualTo("2478.5"); // 2171.142144 / 0.876 = 2478.47
        assertThat(m.group(5)).isEqualTo("17407216"); // 15248721 / 0.876 = 17407215.8
    }

    @Test
    void decimalsAreRoundedHalfUpAndPadded() {
        // value, decimals, text
        Object[][] cases = {
            {0.0042, 3, "0.004"}, {1.0, 3, "1.000"}, {12.06, 3, "12.060"}, {99.96, 1, "100.0"}, {0.04, 1, "0.0"},
            {1234.5, 0, "1235"}, {0.0, 0, "0"},
        };
        for (Object[] c : cases) {
            assertThat(Stats.decimals((double) c[0], (int) c[1])).as("%s to %s decimals", c[0], c[1]).isEqualTo(c[2]);
        }
    }
}
