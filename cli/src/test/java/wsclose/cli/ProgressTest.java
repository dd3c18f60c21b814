package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import wsclose.trace.etl.EtlFile;

/**
 * The progress bar, on a virtual screen: it appears only after the delay and only on a terminal, shows bytes,
 * throughput and time left, redraws at most every 100 ms, and leaves the screen clean when the read ends.
 */
class ProgressTest {
    private final AtomicLong now = new AtomicLong();
    private final StringWriter err = new StringWriter();
    private AutoCloseable facts;

    @AfterEach
    void restore() throws Exception {
        if (facts != null) {
            facts.close();
        }
    }

    private Progress bar(Terminal.Facts f, boolean stdoutStreams, long total) {
        return new Progress(new PrintWriter(err), total, stdoutStreams, now::get, () -> f);
    }

    private static Terminal.Facts terminal(long afterMillis) {
        return new Terminal.Facts(false, true, 80, null, afterMillis);
    }

    private String screen() {
        return VirtualTerminal.render(err.toString(), 80, 5);
    }

    @Test
    void appearsAfterTheDelayAndIsClearedAtTheEnd() {
        Progress p = bar(terminal(1000), false, 100L << 20);
        now.set(500_000_000L);
        p.update(10L << 20);
        assertThat(err.toString()).as("nothing in the first second").isEmpty();
        now.set(2_000_000_000L);
        p.update(50L << 20);
        assertThat(screen()).contains("[===========>            ]  50%  50.0 MiB of 100 MiB  25.0 MiB/s  2 s left");
        p.close();
        assertThat(screen().strip()).as("the screen after the read").isEmpty();
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        Progress p = bar(terminal(0), false, 1000);
        now.set(1_000_000_000L);
        p.update(100);
        String first = err.toString();
        now.addAndGet(50_000_000L);
        p.update(200);
        assertThat(err.toString()).isEqualTo(first);
        now.addAndGet(60_000_000L);
        p.update(300);
        assertThat(screen()).contains(" 30%");
        p.close();
    }

    @Test
    void theBarFitsStderrsOwnWidthWhenStdoutIsAFile() {
        // stdout redirected (no table width), stderr a 120-column pane: the bar uses the pane's width, not 80
        Progress wide = bar(new Terminal.Facts(false, true, 0, null, 0, 120), false, 100L << 20);
        now.set(2_000_000_000L);
        wide.update(50L << 20);
        assertThat(screen()).as("whole, not cut to a guessed 80").contains("2 s left");
    }

    @Test
    void theBarIsCutToANarrowStderr() {
        Progress narrow = bar(new Terminal.Facts(false, true, 0, null, 0, 50), false, 100L << 20);
        now.set(2_000_000_000L);
        narrow.update(50L << 20);
        String line = screen().lines().filter(l -> l.contains("%")).findFirst().orElseThrow();
        assertThat(line.strip().length()).isLessThanOrEqualTo(49);
    }

    @Test
    void nothingWhenStderrIsNotATerminal() {
        Progress p = bar(new Terminal.Facts(true, false, 80, null, 0), false, 1000);
        now.set(5_000_000_000L);
        p.update(500);
        p.close();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void nothingWhenTheDataGoesToTheSameTerminal() {
        Progress p = bar(new Terminal.Facts(true, true, 80, null, 0), true, 1000);
        now.set(5_000_000_000L);
        p.update(500);
        p.close();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aScriptsRunPutsNoTapInTheWalk() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Terminal.notTerminal(2), "this run's stderr is not a pipe or a file");
        try (EtlFile f = EtlFile.open(ShellTest.EXAMPLE)) {
            java.util.function.Consumer<wsclose.trace.etw.EtwEvent> next = ev -> { };
            Progress p = Progress.start(new PrintWriter(err), false, f.size(), false);
            assertThat(p.tap(List.of(f), next)).as("stderr a pipe: the events go straight on").isSameAs(next);
            facts = Terminal.override(terminal(0));
            Progress q = Progress.start(new PrintWriter(err), false, f.size(), false);
            assertThat(q.tap(List.of(f), next)).as("stderr a terminal: the bar counts buffers").isNotSameAs(next);
        }
    }

    @Test
    void quietMeansNoBar() throws Exception {
        facts = Terminal.override(terminal(0));
        Progress p = Progress.start(new PrintWriter(err), true, 1000, false);
        p.update(500);
        p.close();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theTapCountsEveryBufferOnce() throws Exception {
        facts = Terminal.override(terminal(0));
        try (EtlFile f = EtlFile.open(ShellTest.EXAMPLE)) {
            long[] plain = {0};
            f.forEach(ev -> plain[0]++);
            Progress p = Progress.start(new PrintWriter(err), false, f.size(), false);
            long[] events = {0};
            f.forEach(p.tap(List.of(f), ev -> events[0]++));
            assertThat(events[0]).as("the tap passes every event on").isEqualTo(plain[0]);
            String size = wsclose.cli.render.Human.bytes(f.size());
            // the first buffer's bar at least (redraws are throttled): a fraction of the file, never more
            assertThat(err.toString()).containsPattern("\\[[=> ]{24}] +\\d+%  \\d+(\\.\\d)? (B|KiB) of " + size.replace(".", "\\."));
            p.close();
        }
        assertThat(screen().strip()).isEmpty();
    }

    @Test
    void theTapPassesEveryEventOnAfterTheBarHasGivenUp() throws Exception {
        int[] asked = {0};
        Terminal.Facts notTerminal = new Terminal.Facts(true, false, 80, null, 0);
        try (EtlFile f = EtlFile.open(ShellTest.EXAMPLE)) {
            Progress p = new Progress(new PrintWriter(err), f.size(), false, now::get, () -> {
                asked[0]++;
                return notTerminal;
            });
            long[] events = {0};
            long[] plain = {0};
            f.forEach(ev -> plain[0]++);
            var tap = p.tap(List.of(f), ev -> events[0]++);
            now.set(5_000_000_000L);
            f.forEach(tap);
            assertThat(events[0]).as("every event still passed on").isEqualTo(plain[0]);
            assertThat(asked[0]).as("asked once whether stderr is a terminal, then the tap only passes events on")
                    .isEqualTo(1);
            p.close();
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theTapsOfAWalkInRunsDrawTheirSumOnTheCallersThreadOnly() throws Exception {
        try (EtlFile f = EtlFile.open(ShellTest.EXAMPLE)) {
            Progress p = bar(terminal(0), false, f.size());
            long[] passed = {0, 0, 0};
            var taps = p.taps(f, part -> ev -> passed[part]++);
            var run0 = taps.apply(0);
            var run1 = taps.apply(1);
            var run2 = taps.apply(2);
            long third = f.buffers() / 3;
            // run 1 (the middle third) on a helper thread: counted, never drawn (the bar belongs to the caller's thread)
            Thread helper = new Thread(() -> {
                try {
                    f.forEachInFileOrder(ev -> {
                        if (ev.bufferIndex() >= third && ev.bufferIndex() < 2 * third) {
                            now.addAndGet(200_000_000L);
                            run1.accept(ev);
                        }
                    });
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            helper.start();
            helper.join();
            assertThat(passed[1]).isPositive();
            assertThat(err.toString()).as("a helper's run draws nothing").isEmpty();
            // runs 0 and 2 on the caller's thread, the later one last: whichever run it walks, the caller draws the sum
            f.forEachInFileOrder(ev -> {
                if (ev.bufferIndex() < third) {
                    now.addAndGet(200_000_000L);
                    run0.accept(ev);
                }
            });
            assertThat(screen()).doesNotContain("100%");
            f.forEachInFileOrder(ev -> {
                if (ev.bufferIndex() >= 2 * third) {
                    now.addAndGet(200_000_000L);
                    run2.accept(ev);
                }
            });
            assertThat(passed[0]).isPositive();
            assertThat(passed[2]).isPositive();
            assertThat(screen()).as("the caller draws all runs' bytes").contains("100%");
            p.close();
        }
    }
}
