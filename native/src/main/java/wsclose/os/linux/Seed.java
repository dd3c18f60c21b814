package wsclose.os.linux;

import java.util.Set;

/**
 * The state at trace start: the {@code handles} snapshot taken once the instances were recording, from {@code mono}
 * to {@code end} (CLOCK_MONOTONIC ns): the scan of /proc and the sock_diag dump read each socket at some time between.
 */
final class Seed extends Item {
    final long end;
    final LinuxHandles.Detailed snapshot;
    final Set<Integer> targets;

    Seed(long mono, long end, LinuxHandles.Detailed snapshot, Set<Integer> targets) {
        super(mono);
        this.end = Math.max(mono, end);
        this.snapshot = snapshot;
        this.targets = Set.copyOf(targets);
    }
}
