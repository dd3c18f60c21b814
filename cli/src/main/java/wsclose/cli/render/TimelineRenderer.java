package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.List;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.model.HandleRef;
import wsclose.trace.model.StateInterval;
import wsclose.trace.model.TimelineEntry;

/** Text of {@code wsclose timeline}: the socket, its references, each step with the count after it, and its findings. */
public final class TimelineRenderer {
    private final PrintWriter out;
    private final TimeFormat time;
    private final Colors colors;
    private final int width;

    public TimelineRenderer(PrintWriter out, TimeFormat time, Colors colors, int width) {
        this.out = out;
        this.time = time;
        this.colors = colors;
        this.width = width;
    }

    public void print(SocketSummary s, List<Finding> findings) {
        out.println(colors.bold("socket " + Json.hex(s.endpoint())) + "  pid " + s.pid()
                + (s.process() == null ? "" : " " + s.process())
                + "  " + (s.local() == null ? "?" : s.local()) + " -> " + (s.remote() == null ? "?" : s.remote()));
        out.println("state " + s.state().label() + ", refcount " + s.refcount()
                + (s.refcountFromHandles() ? " (from handle events)" : " (inferred: no handle events)")
                + ", sent " + Human.count(s.bytesSent()) + " B, received " + Human.count(s.bytesReceived()) + " B"
                + (s.bytesAcked() >= 0 ? ", acknowledged " + Human.count(s.bytesAcked()) + " B" : ""));
        for (HandleRef h : s.handles()) {
            out.println("  handle " + h.pid() + ":" + Json.hex(h.handle()) + " " + h.how() + " " + time.format(h.opened())
                    + (h.open() ? ", still open" : ", closed " + time.format(h.closed())));
        }
        Table t = new Table("TIME", "REFS", "WHAT", "PID", "TID", "DETAIL").numeric(1, 3, 4).shrinkable(5);
        for (TimelineEntry e : s.entries()) {
            t.row(time.format(e.time()), e.refcount() < 0 ? "?" : e.refcount(), e.what(), e.pid() < 0 ? "" : e.pid(),
                    e.tid() < 0 ? "" : e.tid(), e.detail());
        }
        t.print(out, "  ", width);
        if (s.droppedEntries() > 0) {
            out.println("  (" + s.droppedEntries() + " more steps not kept)");
        }
        StringBuilder states = new StringBuilder("states:");
        for (StateInterval i : s.states()) {
            states.append(' ').append(i.state().label()).append(" @").append(time.format(i.from()));
        }
        out.println(states);
        for (Finding f : findings) {
            out.println(colors.severity(f.severity(), f.severity().label() + " " + f.kind()) + ": " + f.message());
        }
    }
}
