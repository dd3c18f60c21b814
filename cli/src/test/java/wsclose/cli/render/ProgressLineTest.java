package wsclose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void showsBytesRateAndTimeLeft() {
        assertThat(ProgressLine.of(512L << 20, 1L << 30, 2_500_000_000L, 120))
                .isEqualTo("[===========>            ]  50%  512 MiB of 1.0 GiB  205 MiB/s  3 s left");
    }

    @Test
    void startsEmptyAndEndsFull() {
        assertThat(ProgressLine.of(0, 1000, 0, 120)).startsWith("[                        ]   0%  0 B of 1000 B");
        assertThat(ProgressLine.of(1000, 1000, 1_000_000_000L, 120)).startsWith("[========================] 100%")
                .endsWith("0 s left");
    }

    @Test
    void longWaitsInMinutesAndHours() {
        assertThat(ProgressLine.of(1L << 20, 1L << 30, 1_000_000_000L, 120)).endsWith("17 min 03 s left");
        assertThat(ProgressLine.of(1L << 10, 1L << 30, 1_000_000_000L, 120)).endsWith("291 h 16 min left");
    }

    @Test
    void neverWiderThanTheTerminal() {
        assertThat(ProgressLine.of(512L << 20, 1L << 30, 2_500_000_000L, 40)).hasSize(39);
    }
}
