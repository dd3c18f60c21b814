package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The first signal asks the trace to stop and names itself; the second ends at once. */
class TraceStopTest {
    @Test
    void firstSignalStopsSecondEnds() {
        AtomicInteger exits = new AtomicInteger();
        try (TraceStop s = TraceStop.install(exits::incrementAndGet)) {
            assertThat(s.requested()).isFalse();
            s.received("TERM", 15);
            assertThat(s.requested()).isTrue();
            assertThat(s.what()).isEqualTo("SIGTERM");
            assertThat(exits).hasValue(0);
            s.received("INT", 2);
            assertThat(exits).hasValue(1);
            assertThat(s.what()).as("the first signal is what stopped the trace").isEqualTo("SIGTERM");
        }
    }

    @Test
    void ctrlCIsNamedAsSuch() {
        try (TraceStop s = TraceStop.install(() -> { })) {
            s.received("INT", 2);
            assertThat(s.what()).isEqualTo("Ctrl-C");
            s.received("HUP", 1);
        }
    }
}
