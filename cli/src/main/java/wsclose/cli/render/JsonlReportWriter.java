package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code --format jsonl}: one JSON object per line, each with a "type": a "report" header (format, source),
 * then "socket" lines in creation order and "finding" lines in the report's order (time, then endpoint), then
 * "note", "warning" and a final "stats". With --all-sockets the socket lines stream as sockets end (memory stays
 * flat); a live trace writes both as they are made ({@link #asMade}).
 */
final class JsonlReportWriter implements ReportWriter {
    private final PrintWriter out;

    private final boolean allSockets;

    /** @param allSockets a line for every socket (--all-sockets), not only for those with findings */
    JsonlReportWriter(PrintWriter out, boolean allSockets) {
        this.out = out;
        this.allSockets = allSockets;
    }

    @Override
    public boolean wantsAllSockets() {
        return allSockets;
    }

    private static Map<String, Object> typed(String type, Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.putAll(body);
        return m;
    }

    @Override
    public void begin(List<String> inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "report");
        m.put("format", Json.FORMAT);
        m.put("source", List.copyOf(inputs)); // always an array: one file, several, or the live source
        Json.line(out, m);
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
            Json.line(out, typed("socket", ReportJson.socket(s, findings))); // every socket: in the order they end
        } else {
            held.add(s, findings);
        }
    }

    @Override
    public void finding(Finding f) {
        if (asMade) {
            Json.line(out, typed("finding", ReportJson.finding(f)));
        }
    }

    @Override
    public void end(Report r) {
        if (!asMade) {
            for (HeldSockets.Held h : held.inCreationOrder()) {
                Json.line(out, typed("socket", ReportJson.socket(h.socket(), h.findings())));
            }
            for (Finding f : r.findings()) {
                Json.line(out, typed("finding", ReportJson.finding(f)));
            }
        }
        for (String n : r.notes()) {
            Json.line(out, typed("note", Map.of("message", n)));
        }
        for (String w : r.warnings()) {
            Json.line(out, typed("warning", Map.of("message", w)));
        }
        Json.line(out, typed("stats", ReportJson.stats(r.stats())));
        out.flush();
    }
}
