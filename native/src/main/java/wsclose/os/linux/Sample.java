package wsclose.os.linux;

import java.util.List;

/** A sock_diag sample of the traced sockets: queue sizes, and the cookie and 4-tuple that identify them. */
final class Sample extends Item {
    final List<DiagEntry> entries;

    Sample(long mono, List<DiagEntry> entries) {
        super(mono);
        this.entries = List.copyOf(entries);
    }
}
