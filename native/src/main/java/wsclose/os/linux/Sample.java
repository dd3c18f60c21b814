package wsclose.os.linux;

import java.util.List;

/**
 * A sock_diag sample of the traced sockets: queue sizes, and the cookie and 4-tuple that identify them. The dump
 * began at {@code mono} and ended at {@code end} (CLOCK_MONOTONIC ns); it read each socket at some time between.
 */
final class Sample extends Item {
    final long end;
    final List<DiagEntry> entries;

    Sample(long mono, long end, List<DiagEntry> entries) {
        super(mono);
        this.end = Math.max(mono, end);
        this.entries = List.copyOf(entries);
    }
}
