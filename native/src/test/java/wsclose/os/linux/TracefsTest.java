package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracefsTest {
    @Test
    void lostEventsAreOverrunsPlusDroppedEvents() {
        String stats = String.join("\n", "entries: 10", "overrun: 7", "commit overrun: 3", "bytes: 100",
                "oldest event ts:  1916.094511", "now ts:  1920.000000", "dropped events: 5", "read events: 900");
        assertThat(Tracefs.Instance.lost(stats)).isEqualTo(12);
    }

    @Test
    void instanceNamesOfWsclose() {
        assertThat(Tracefs.OURS.matcher("wsclose-1234").matches()).isTrue();
        assertThat(Tracefs.OURS.matcher("wsclose-1234-sys").matches()).isTrue();
        assertThat(Tracefs.OURS.matcher("wsclose-1234.2-sys").matches()).isTrue();
        assertThat(Tracefs.OURS.matcher("wsclose-x").matches()).isFalse();
        assertThat(Tracefs.OURS.matcher("mine").matches()).isFalse();
    }

    @Test
    void stoppedState(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("7"));
        Files.writeString(proc.resolve("7/stat"), "7 (sh (x) y) T 1 7 7 0 -1");
        assertThat(Sessions.stopped(proc, 7)).isTrue();
        Files.writeString(proc.resolve("7/stat"), "7 (sh) S 1 7 7 0 -1");
        assertThat(Sessions.stopped(proc, 7)).isFalse();
        assertThat(Sessions.stopped(proc, 8)).isFalse();
    }

    @Test
    void reorderReleasesOldEnoughItemsInTimeOrder() {
        Reorder r = new Reorder(100);
        Item a = new Sample(50, 50, java.util.List.of());
        Item b = new Sample(10, 10, java.util.List.of());
        Item c = new Sample(10, 10, java.util.List.of());
        r.add(a);
        r.add(b);
        r.add(c);
        assertThat(r.take(140, Long.MAX_VALUE, false)).containsExactly(b, c);
        assertThat(r.take(149, Long.MAX_VALUE, false)).isEmpty();
        assertThat(r.take(1000, 49, false)).as("a producer has only delivered up to 49").isEmpty();
        r.add(new Sample(5, 5, java.util.List.of()));
        assertThat(r.late()).isEqualTo(1);
        assertThat(r.take(0, 0, true)).hasSize(2);
    }
}
