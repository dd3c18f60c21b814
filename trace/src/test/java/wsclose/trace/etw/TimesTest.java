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
