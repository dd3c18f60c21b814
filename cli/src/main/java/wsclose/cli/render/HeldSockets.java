package wsclose.cli.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.SocketSummary;

/**
 * The sockets with findings of a report, held to its end so JSON and JSONL write them in the order the trace
 * created them (the model numbers sockets as it meets them), not in the order they ended. They are few; every
 * socket (--all-sockets) is streamed instead.
 */
final class HeldSockets {
    record Held(SocketSummary socket, List<Finding> findings) {
    }

    private final List<Held> held = new ArrayList<>();

    void add(SocketSummary s, List<Finding> findings) {
        held.add(new Held(s, findings));
    }

    List<Held> inCreationOrder() {
        held.sort(Comparator.comparingLong(h -> h.socket().id()));
        return held;
    }
}
