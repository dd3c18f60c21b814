package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.PrintWriter;
import java.util.List;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code --format jsonl}: one JSON object per line, each with a "type": a "report" header (format, source),
 * then "socket" lines in creation order and "finding" lines in the report's order (time, then endpoint), then
 * "note", "warning" and a final "stats". With --all-sockets the socket lines stream as sockets end (memory stays
 * flat); a live trace writes both as they are made ({@link #asMade}), each line flushed as it is written.
 */
final class JsonlReportWriter implements ReportWriter {
    private final PrintWriter out;
    private final JsonGenerator gen;
    private final boolean allSockets;
    private static final String EOL = System.lineSeparator(); // what println ended lines with

    /** @param allSockets a line for every socket (--all-sockets), not only for those with findings */
    JsonlReportWriter(PrintWriter out, boolean allSockets) {
        this.out = out;
        this.allSockets = allSockets;
        this.gen = Json.generator(out);
    }

    @Override
    public boolean wantsAllSockets() {
        return allSockets;
    }

    /** One line: an object whose first field is "type". */
    private void line(String type, ReportJson.Fields body) {
        JsonReportWriter.io(() -> {
            gen.writeStartObject();
            gen.writeStringField("type", type);
            body.write(gen);
            gen.writeEndObject();
            gen.writeRaw(EOL);
            if (asMade) {
                gen.flush(); // a live trace: the line is out as soon as it is made
            }
        });
    }

    @Override
    public void begin(List<String> inputs) {
        line("report", g -> {
            g.writeNumberField("format", Json.FORMAT);
            g.writeArrayFieldStart("source"); // always an array: one file, several, or the live source
            for (String i : inputs) {
                g.writeString(i);
            }
            g.writeEndArray();
        });
        JsonReportWriter.io(gen::flush);
    }

    private boolean asMade;
    private final HeldSockets held = new HeldSockets();

    @Override
    public ReportWriter asMade() {
        asMade = true;
        return this;
    }

    @Override
    public void socket(SocketSummary s, List<Finding> findings) {
        if (asMade || allSockets) {
            line("socket", g -> ReportJson.socketFields(g, s, findings)); // every socket: in the order they end
        } else {
            held.add(s, findings);
        }
    }

    @Override
    public void finding(Finding f) {
        if (asMade) {
            line("finding", g -> ReportJson.findingFields(g, f));
        }
    }

    @Override
    public void end(Report r) {
        if (!asMade) {
            for (HeldSockets.Held h : held.inCreationOrder()) {
                line("socket", g -> ReportJson.socketFields(g, h.socket(), h.findings()));
            }
            for (Finding f : r.findings()) {
                line("finding", g -> ReportJson.findingFields(g, f));
            }
        }
        for (String n : r.notes()) {
            line("note", g -> g.writeStringField("message", n));
        }
        for (String w : r.warnings()) {
            line("warning", g -> g.writeStringField("message", w));
        }
        line("stats", g -> ReportJson.statsFields(g, r.stats()));
        JsonReportWriter.io(gen::flush);
        out.flush();
    }
}
