package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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

    /*
     * The field names of sockets, handles and findings, quoted and encoded once: a report writes some sixty names per
     * socket, and a name given as a String is escaped character by character every time it is written (the
     * generator's escaping loop, names and values together, was a third of the JSON tail's samples).
     */
    private static SerializedString k(String name) {
        return new SerializedString(name);
    }

    private static final SerializedString ENDPOINT = k("endpoint"), PID = k("pid"), PROCESS = k("process"),
            HANDLES = k("handles"), HANDLE = k("handle"), HOW = k("how"), OPENED = k("opened"), CLOSED = k("closed"),
            LOCAL = k("local"), REMOTE = k("remote"), CREATED = k("created"), CLOSE_REQUESTED = k("closeRequested"),
            FREED = k("freed"), STATE = k("state"), STATES = k("states"), FROM = k("from"), TO = k("to"),
            REFCOUNT = k("refcount"), REFCOUNT_SOURCE = k("refcountSource"), REFCOUNT_TIMELINE = k("refcountTimeline"),
            BYTES_SENT = k("bytesSent"), BYTES_RECEIVED = k("bytesReceived"), BYTES_ACKED = k("bytesAcknowledged"),
            LINGER = k("linger"), ON_OFF = k("onOff"), SECONDS = k("seconds"), ABORT_REASON = k("abortReason"),
            SOURCES = k("sources"), FINDINGS = k("findings"), KIND = k("kind"), SEVERITY = k("severity"),
            TIME = k("time"), MESSAGE = k("message"), SOCKET = k("socket"), EVIDENCE = k("evidence"), WHAT = k("what"),
            DETAILS = k("details");

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

    /** The same for a name written once per report (stats) or per timeline entry. */
    private static void time(JsonGenerator g, String name, long fileTime) throws IOException {
        time(g, k(name), fileTime);
    }

    private static void time(JsonGenerator g, SerializableString name, long fileTime) throws IOException {
        g.writeFieldName(name);
        if (fileTime < 0) {
            g.writeNull();
        } else {
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
        known(g, k(name), v);
    }

    private static void known(JsonGenerator g, SerializableString name, long v) throws IOException {
        g.writeFieldName(name);
        if (v < 0) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void number(JsonGenerator g, SerializableString name, long v) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(v);
    }

    private static void string(JsonGenerator g, SerializableString name, String v) throws IOException {
        g.writeFieldName(name);
        g.writeString(v);
    }

    private static void stringOrNull(JsonGenerator g, String name, String v) throws IOException {
        stringOrNull(g, k(name), v);
    }

    private static void stringOrNull(JsonGenerator g, SerializableString name, String v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v);
        }
    }

    static void strings(JsonGenerator g, String name, List<String> vs) throws IOException {
        strings(g, k(name), vs);
    }

    private static void strings(JsonGenerator g, SerializableString name, List<String> vs) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (String v : vs) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** The fields of a socket in {@code sockets[]}. */
    static void socketFields(JsonGenerator g, SocketSummary s, List<Finding> findings) throws IOException {
        identity(g, s);
        time(g, CLOSE_REQUESTED, s.closeRequested());
        time(g, CLOSED, s.closed());
        time(g, FREED, s.freed());
        string(g, STATE, s.state().label());
        g.writeFieldName(STATES);
        g.writeStartArray();
        for (StateInterval i : s.states()) {
            g.writeStartObject();
            string(g, STATE, i.state().label());
            time(g, FROM, i.from());
            time(g, TO, i.to());
            g.writeEndObject();
        }
        g.writeEndArray();
        number(g, REFCOUNT, s.refcount());
        string(g, REFCOUNT_SOURCE, s.refcountFromHandles() ? "handles" : "inferred");
        g.writeFieldName(REFCOUNT_TIMELINE);
        g.writeStartArray();
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
        number(g, BYTES_SENT, s.bytesSent());
        number(g, BYTES_RECEIVED, s.bytesReceived());
        known(g, BYTES_ACKED, s.bytesAcked());
        g.writeFieldName(LINGER);
        if (s.lingerOnOff() >= 0) {
            g.writeStartObject();
            number(g, ON_OFF, s.lingerOnOff());
            number(g, SECONDS, s.lingerSeconds());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        known(g, ABORT_REASON, s.abortReason());
        strings(g, SOURCES, s.sources());
        strings(g, FINDINGS, findings.stream().map(Finding::kind).distinct().toList());
    }

    static void socket(JsonGenerator g, SocketSummary s, List<Finding> findings) throws IOException {
        object(g, x -> socketFields(x, s, findings));
    }

    /** The same objects in sockets[] and in a finding's socket: one shape for a socket's handles. */
    private static void handles(JsonGenerator g, SocketSummary s, List<HandleRef> hs) throws IOException {
        g.writeFieldName(HANDLES);
        g.writeStartArray();
        for (HandleRef h : hs) {
            g.writeStartObject();
            known(g, PID, h.pid());
            string(g, HANDLE, s.handleText(h.handle()));
            stringOrNull(g, HOW, h.how());
            time(g, OPENED, h.opened());
            time(g, CLOSED, h.closed());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The short form of a socket inside a finding. */
    private static void socketRef(JsonGenerator g, SocketSummary s) throws IOException {
        g.writeFieldName(SOCKET);
        if (s == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        identity(g, s);
        g.writeEndObject();
    }

    /** What names a socket, first in both of its shapes; "created" tells instances apart (values are reused within ms). */
    private static void identity(JsonGenerator g, SocketSummary s) throws IOException {
        string(g, ENDPOINT, s.endpointText());
        known(g, PID, s.pid());
        stringOrNull(g, PROCESS, s.process());
        handles(g, s, s.handles());
        stringOrNull(g, LOCAL, s.local());
        stringOrNull(g, REMOTE, s.remote());
        time(g, CREATED, s.created());
    }

    static void findingFields(JsonGenerator g, Finding f) throws IOException {
        string(g, KIND, f.kind());
        string(g, SEVERITY, f.severity().label());
        time(g, TIME, f.time());
        string(g, MESSAGE, f.message());
        socketRef(g, f.socket());
        known(g, PID, f.pid());
        g.writeFieldName(HANDLE);
        if (f.handle() < 0) {
            g.writeNull();
        } else {
            g.writeString(f.socket() != null ? f.socket().handleText(f.handle()) : Json.hex(f.handle()));
        }
        g.writeFieldName(EVIDENCE);
        g.writeStartArray();
        for (Finding.Evidence e : f.evidence()) {
            g.writeStartObject();
            time(g, TIME, e.time());
            string(g, WHAT, e.what());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(DETAILS); // in key order (Finding's); unknown numbers are null, never -1
        g.writeStartObject();
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
