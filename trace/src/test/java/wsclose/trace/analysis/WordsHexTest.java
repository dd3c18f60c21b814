package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Words.hex writes what "0x" + Long.toHexString writes, for every value. */
class WordsHexTest {
    @Property
    void sameAsToHexString(@ForAll long v) {
        assertThat(Words.hex(v)).isEqualTo("0x" + Long.toHexString(v));
    }

    @Test
    void edges() {
        for (long v : new long[] {0, 1, 15, 16, 255, 256, 0xffffa50c40001200L, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
            assertThat(Words.hex(v)).isEqualTo("0x" + Long.toHexString(v));
        }
        for (int shift = 0; shift < 64; shift++) {
            assertThat(Words.hex(1L << shift)).isEqualTo("0x" + Long.toHexString(1L << shift));
            assertThat(Words.hex((1L << shift) - 1)).isEqualTo("0x" + Long.toHexString((1L << shift) - 1));
        }
    }
}
