package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.etw.Times;
import wsclose.trace.model.HandleRef;
import wsclose.trace.model.StateInterval;
import wsclose.trace.model.TimelineEntry;

/**
 * The JSON shape of reports (format 1), shared by {@code analyze}, {@code trace}, {@code timeline} and the shell:
 * field order fixed here; times ISO-8601 UTC with 100 ns digits or null; addresses and handles as hex. Written
 * straight to a streaming generator (a report of tens of thousands of findings built no map per finding: issue
 * "analyze at the reader's speed").
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static String time(long fileTime) {
        return fileTime < 0 ? null : Times.iso(fileTime);
    }

    interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** {@code fields} as an object. */
    static void object(JsonGenerator g, Fields fields) throws IOException {
        g.writeStartObject();
        fields.write(g);
        g.writeEndObject();
    }

    /** A time's characters, written straight into the generator (a report writes some 25 per socket). */
    private static final ThreadLocal<char[]> ISO = ThreadLocal.withInitial(() -> new char[Times.ISO_CHARS]);

    private static void time(JsonGenerator g, String name, long fileTime) throws IOException {
        if (fileTime < 0) {
            g.writeNullField(name);
        } else {
            g.writeFieldName(name);
            timeValue(g, fileTime);
        }
    }

    /** A known time as a string value. */
    private static void timeValue(JsonGenerator g, long fileTime) throws IOException {
        char[] c = ISO.get();
        if (Times.isoInto(fileTime, c)) {
            g.writeString(c, 0, Times.ISO_CHARS);
        } else {
            g.writeString(Times.iso(fileTime));
        }
    }

    private static void known(JsonGenerator g, String name, long v) throws IOException {
        if (v < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void stringOrNull(JsonGenerator g, String name, String v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v);
        }
    }

    static void strings(JsonGenerator g, String name, List<String> vs) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : vs) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** The fields of a socket in {@code sockets[]}. */
    static void socketFields(JsonGenerator g, SocketSummary s, List<Finding> findings) throws IOException {
        identity(g, s);
        time(g, "closeRequested", s.closeRequested());
        time(g, "closed", s.closed());
        time(g, "freed", s.freed());
        g.writeStringField("state", s.state().label());
        g.writeArrayFieldStart("states");
        for (StateInterval i : s.states()) {
            g.writeStartObject();
            g.writeStringField("state", i.state().label());
            time(g, "from", i.from());
            time(g, "to", i.to());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("refcount", s.refcount());
        g.writeStringField("refcountSource", s.refcountFromHandles() ? "handles" : "inferred");
        g.writeArrayFieldStart("refcountTimeline");
        for (long[] p : s.refcountTimeline()) {
            g.writeStartArray();
            if (p[0] < 0) {
                g.writeString("");
            } else {
                timeValue(g, p[0]);
            }
            g.writeNumber(p[1]);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeNumberField("bytesSent", s.bytesSent());
        g.writeNumberField("bytesReceived", s.bytesReceived());
        known(g, "bytesAcknowledged", s.bytesAcked());
        if (s.lingerOnOff() >= 0) {
            g.writeObjectFieldStart("linger");
            g.writeNumberField("onOff", s.lingerOnOff());
            g.writeNumberField("seconds", s.lingerSeconds());
            g.writeEndObject();
        } else {
            g.writeNullField("linger");
        }
        known(g, "abortReason", s.abortReason());
        strings(g, "sources", s.sources());
        strings(g, "findings", findings.stream().map(Finding::kind).distinct().toList());
    }

    static void socket(JsonGenerator g, SocketSummary s, List<Finding> findings) throws IOException {
        object(g, x -> socketFields(x, s, findings));
    }

    /** The same objects in sockets[] and in a finding's socket: one shape for a socket's handles. */
    private static void handles(JsonGenerator g, SocketSummary s, List<HandleRef> hs) throws IOException {
        g.writeArrayFieldStart("handles");
        for (HandleRef h : hs) {
            g.writeStartObject();
            known(g, "pid", h.pid());
            g.writeStringField("handle", s.handleText(h.handle()));
            stringOrNull(g, "how", h.how());
            time(g, "opened", h.opened());
            time(g, "closed", h.closed());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The short form of a socket inside a finding. */
    private static void socketRef(JsonGenerator g, SocketSummary s) throws IOException {
        if (s == null) {
            g.writeNullField("socket");
            return;
        }
        g.writeObjectFieldStart("socket");
        identity(g, s);
        g.writeEndObject();
    }

    /** What names a socket, first in both of its shapes; "created" tells instances apart (values are reused within ms). */
    private static void identity(JsonGenerator g, SocketSummary s) throws IOException {
        g.writeStringField("endpoint", s.endpointText());
        known(g, "pid", s.pid());
        stringOrNull(g, "process", s.process());
        handles(g, s, s.handles());
        stringOrNull(g, "local", s.local());
        stringOrNull(g, "remote", s.remote());
        time(g, "created", s.created());
    }

    static void findingFields(JsonGenerator g, Finding f) throws IOException {
        g.writeStringField("kind", f.kind());
        g.writeStringField("severity", f.severity().label());
        time(g, "time", f.time());
        g.writeStringField("message", f.message());
        socketRef(g, f.socket());
        known(g, "pid", f.pid());
        if (f.handle() < 0) {
            g.writeNullField("handle");
        } else {
            g.writeStringField("handle", f.socket() != null ? f.socket().handleText(f.handle()) : Json.hex(f.handle()));
        }
        g.writeArrayFieldStart("evidence");
        for (Finding.Evidence e : f.evidence()) {
            g.writeStartObject();
            time(g, "time", e.time());
            g.writeStringField("what", e.what());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("details"); // in key order (Finding's); unknown numbers are null, never -1
        for (Map.Entry<String, Object> d : f.details().entrySet()) {
            Object v = d.getValue();
            g.writeFieldName(d.getKey());
            if (v instanceof Number n && !(v instanceof Double) && n.longValue() < 0) {
                g.writeNull();
            } else {
                value(g, v);
            }
        }
        g.writeEndObject();
    }

    /**
     * A detail's value as Jackson's mapper would write it (numbers, booleans, text, null), without a mapper: the
     * report's JSON is streamed by the factory alone. Anything else is written as its text.
     */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float x) {
            g.writeNumber(x);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else {
            g.writeString(v.toString());
        }
    }

    static void finding(JsonGenerator g, Finding f) throws IOException {
        object(g, x -> findingFields(x, f));
    }

    static void statsFields(JsonGenerator g, Report.Stats s) throws IOException {
        g.writeNumberField("events", s.events());
        g.writeNumberField("socketEvents", s.socketEvents());
        g.writeNumberField("sockets", s.sockets());
        g.writeNumberField("selectedSockets", s.selectedSockets());
        g.writeNumberField("peakAliveSockets", s.peakAlive());
        g.writeObjectFieldStart("findings");
        for (String k : List.of("error", "warning", "info")) {
            g.writeNumberField(k, s.bySeverity().getOrDefault(k, 0L));
        }
        g.writeEndObject();
        strings(g, "sourcesPresent", s.sourcesPresent());
        strings(g, "sourcesMissing", s.sourcesMissing());
        g.writeNumberField("decodeProblems", s.decodeProblems());
        known(g, "eventsLost", s.eventsLost());
        g.writeNumberField("buffersDamaged", s.buffersDamaged());
        time(g, "firstEvent", s.firstEvent());
        time(g, "lastEvent", s.lastEvent());
    }

    static void entryFields(JsonGenerator g, TimelineEntry e) throws IOException {
        time(g, "time", e.time());
        g.writeStringField("what", e.what());
        known(g, "pid", e.pid());
        known(g, "tid", e.tid());
        stringOrNull(g, "detail", e.detail());
        g.writeNumberField("refcount", e.refcount());
    }
}
