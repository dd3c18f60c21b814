package wsclose.trace.etw;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimesTest {
    /** An independent reading of the same text: java.time's own formatter, seven fraction digits, UTC. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Property(tries = 5000)
    void isoMatchesJavaTime(@ForAll @LongRange(min = 0, max = 2_650_467_743_999_999_999L) long fileTime) {
        // 1601-01-01 to 9999-12-31: every FILETIME the tool prints as a date
        String expected = ISO.format(Times.toInstant(fileTime));
        assertThat(Times.iso(fileTime)).isEqualTo(expected);
        assertThat(Times.appendIso(new StringBuilder(), fileTime).toString()).isEqualTo(expected);
        char[] c = new char[Times.ISO_CHARS];
        assertThat(Times.isoInto(fileTime, c)).isTrue();
        assertThat(new String(c)).isEqualTo(expected);
    }

    /**
     * A report's times lie within seconds of each other, and the text up to the second is kept per second (in slots by
     * the second's low bits): times that move back and forth over a minute, seconds 16 apart sharing a slot, and
     * the last 100 ns of a second next to the first of the next one, each read as java.time reads it.
     */
    @Property(tries = 300)
    void timesCloseTogetherMatchJavaTime(@ForAll @LongRange(min = 0, max = 2_650_000_000_000_000_000L) long base,
                                         @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) {
        java.util.Random r = new java.util.Random(seed);
        long second = 10_000_000L;
        for (int i = 0; i < 200; i++) {
            long t = base + r.nextInt(60) * second + (r.nextBoolean() ? r.nextInt(10_000_000) : r.nextBoolean() ? 0 : second - 1);
            assertThat(Times.iso(t)).isEqualTo(ISO.format(Times.toInstant(t)));
        }
    }

    @Test
    void timesOfOneDayAndTheNextShareNoStaleDate() {
        long midnight = Times.fromInstant(java.time.Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(Times.iso(midnight - 1)).isEqualTo("2023-12-31T23:59:59.9999999Z");
        assertThat(Times.iso(midnight)).isEqualTo("2024-01-01T00:00:00.0000000Z");
        assertThat(Times.iso(midnight - 1)).isEqualTo("2023-12-31T23:59:59.9999999Z");
        assertThat(Times.iso(0)).isEqualTo("1601-01-01T00:00:00.0000000Z");
        // past the year 9999 the fixed width does not hold: java.time's own text, in both forms
        long far = 2_650_467_744_000_000_000L + 36_000_000_000L;
        assertThat(Times.iso(far)).isEqualTo(Times.toInstant(far).toString()).startsWith("+10000-01-01T01:00");
        assertThat(Times.appendIso(new StringBuilder(">"), far).toString()).isEqualTo(">" + Times.toInstant(far));
        char[] c = "unchanged, 28 characters ...".toCharArray();
        assertThat(Times.isoInto(far, c)).as("no fixed-width text past 9999").isFalse();
        assertThat(new String(c)).isEqualTo("unchanged, 28 characters ...");
    }
}
