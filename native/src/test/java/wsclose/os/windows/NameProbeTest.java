package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker-thread name query of live-mode.md §A.1.2. */
class NameProbeTest {
    private final FakeNtApi f = new FakeNtApi(8);

    @AfterEach
    void release() {
        f.hang.countDown();
    }

    private long dupOf(FakeNtApi.Obj o) {
        f.hold(100, 0x10 + 4 * f.table.size(), o);
        long proc = f.openProcess(100);
        return f.duplicate(proc, f.table.get(f.table.size() - 1).value());
    }

    @Test
    void namesAnAfdHandleOnTheWorker() {
        try (NameProbe probe = new NameProbe(f, 1000, 2)) {
            NameProbe.Result r = probe.name(dupOf(f.socket(0x1000)));
            assertThat(r.outcome()).isEqualTo(NameProbe.Outcome.NAMED);
            assertThat(r.name()).isEqualTo("\\Device\\Afd");
        }
    }

    @Test
    void growsTheBufferForALongName() {
        String longName = "\\Device\\HarddiskVolume3\\" + "x".repeat(700);
        try (NameProbe probe = new NameProbe(f, 1000, 2)) {
            assertThat(probe.name(dupOf(f.file(0x2000, longName, false))).name()).isEqualTo(longName);
        }
    }

    @Test
    void stuckWorkersAreCountedAndCapped() {
        try (NameProbe probe = new NameProbe(f, 30, 2)) {
            assertThat(probe.name(dupOf(f.file(0x3000, "\\Device\\NamedPipe\\a", true))).outcome())
                    .isEqualTo(NameProbe.Outcome.TIMED_OUT);
            assertThat(probe.name(dupOf(f.file(0x3001, "\\Device\\NamedPipe\\b", true))).outcome())
                    .isEqualTo(NameProbe.Outcome.TIMED_OUT);
            assertThat(probe.stuck()).isEqualTo(2);
            assertThat(probe.name(dupOf(f.socket(0x4000))).outcome())
                    .as("at the cap even a socket is skipped rather than risking another thread")
                    .isEqualTo(NameProbe.Outcome.SKIPPED);
            f.hang.countDown();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (probe.stuck() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(probe.stuck()).as("workers that come back are no longer counted").isZero();
            assertThat(probe.name(dupOf(f.socket(0x5000))).outcome()).isEqualTo(NameProbe.Outcome.NAMED);
        }
    }

    @Test
    void aFailedQueryIsAFailureNotAName() {
        try (NameProbe probe = new NameProbe(f, 1000, 2)) {
            NameProbe.Result r = probe.name(0xBAD);
            assertThat(r.outcome()).isEqualTo(NameProbe.Outcome.FAILED);
            assertThat(r.status()).isEqualTo(WinConst.STATUS_INVALID_HANDLE);
        }
    }
}
