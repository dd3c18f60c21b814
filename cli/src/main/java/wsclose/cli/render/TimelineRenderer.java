package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    /**
     * The JSON of {@code timeline --format json}: one document whatever matched, {@code {"format": 1, "sockets": [...]}},
     * each element with the socket, every step of its timeline and its findings (a reused value matches several).
     */
    public static void json(PrintWriter out, Collection<SocketSummary> sockets, Map<Long, List<Finding>> findings) {
        JsonReportWriter.io(() -> {
            com.fasterxml.jackson.core.JsonGenerator g = Json.generator(out);
            g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
            g.setCodec(Json.mapper());
            g.writeStartObject();
            g.writeNumberField("format", Json.FORMAT);
            g.writeArrayFieldStart("sockets");
            for (SocketSummary s : sockets) {
                List<Finding> fs = findings.getOrDefault(s.id(), List.of());
                g.writeStartObject();
                g.writeFieldName("socket");
                ReportJson.socket(g, s, fs);
                g.writeArrayFieldStart("timeline");
                for (TimelineEntry e : s.entries()) {
                    ReportJson.object(g, x -> ReportJson.entryFields(x, e));
                }
                g.writeEndArray();
                g.writeArrayFieldStart("findings");
                for (Finding f : fs) {
                    ReportJson.finding(g, f);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        });
        out.println();
    }

    /** Prints a long line wrapped at the terminal width (when there is one), continuation lines indented. */
    private void wrapped(String text, String indent) {
        if (width <= 0) {
            out.println(indent + text);
            return;
        }
        List<String> lines = TableReportWriter.wrap(text, width - indent.length() - 2);
        for (int i = 0; i < lines.size(); i++) {
            out.println(indent + (i == 0 ? "" : "  ") + lines.get(i));
        }
    }

    public void print(SocketSummary s, List<Finding> findings) {
        String title = "socket " + s.endpointText();
        String rest = "  pid " + s.pid() + (s.process() == null ? "" : " " + s.process())
                + "  " + (s.local() == null ? "?" : s.local()) + " -> " + (s.remote() == null ? "?" : s.remote());
        if (width <= 0 || title.length() + rest.length() <= width) {
            out.println(colors.bold(title) + rest);
        } else {
            out.println(colors.bold(title));
            wrapped(rest.strip(), "  ");
        }
        wrapped("state " + s.state().label() + ", refcount " + s.refcount()
                + (s.refcountFromHandles() ? " (from handle events)" : " (inferred: no handle events)")
                + ", sent " + Human.bytes(s.bytesSent()) + ", received " + Human.bytes(s.bytesReceived())
                + (s.bytesAcked() >= 0 ? ", acknowledged " + Human.bytes(s.bytesAcked()) : ""), "");
        for (HandleRef h : s.handles()) {
            wrapped("handle " + h.pid() + ":" + s.handleText(h.handle()) + " " + h.how() + " " + time.format(h.opened())
                    + (h.open() ? ", still open" : ", closed " + time.format(h.closed())), "  ");
        }
        Table t = new Table("TIME", "REFS", "WHAT", "PID", "TID", "DETAIL").numeric(1, 3, 4).droppable(4, 3).shrinkable(5, 2);
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
        wrapped(states.toString(), "");
        for (Finding f : findings) {
            String head = f.severity().label() + " " + f.kind();
            List<String> lines = width > 0 ? TableReportWriter.wrap(head + ": " + f.message(), width - 2)
                    : List.of(head + ": " + f.message());
            out.println(colors.severity(f.severity(), head) + lines.get(0).substring(head.length()));
            for (String l : lines.subList(1, lines.size())) {
                out.println("  " + l);
            }
        }
    }
}
