package wsclose.os.linux;

import java.util.Set;

/** The state at trace start: the {@code handles} snapshot taken once the instances were recording. */
final class Seed extends Item {
    final LinuxHandles.Detailed snapshot;
    final Set<Integer> targets;

    Seed(long mono, LinuxHandles.Detailed snapshot, Set<Integer> targets) {
        super(mono);
        this.snapshot = snapshot;
        this.targets = Set.copyOf(targets);
    }
}
