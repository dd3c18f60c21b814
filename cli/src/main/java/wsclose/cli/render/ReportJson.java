package wsclose.cli.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The JSON shape of reports (format 1), shared by {@code analyze}, {@code trace} and the shell: ordered maps,
 * so field order is stable; times ISO-8601 UTC with 100 ns digits or null; addresses and handles as hex.
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static String time(long fileTime) {
        return fileTime < 0 ? null : Times.iso(fileTime);
    }

    public static Map<String, Object> socket(SocketSummary s, List<Finding> findings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", s.endpointText());
        m.put("pid", known(s.pid()));
        m.put("process", s.process());
        m.put("handles", handles(s, s.handles()));
        m.put("local", s.local());
        m.put("remote", s.remote());
        m.put("created", time(s.created()));
        m.put("closeRequested", time(s.closeRequested()));
        m.put("closed", time(s.closed()));
        m.put("freed", time(s.freed()));
        m.put("state", s.state().label());
        List<Map<String, Object>> states = new ArrayList<>();
        for (StateInterval i : s.states()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("state", i.state().label());
            st.put("from", time(i.from()));
            st.put("to", time(i.to()));
            states.add(st);
        }
        m.put("states", states);
        m.put("refcount", s.refcount());
        m.put("refcountSource", s.refcountFromHandles() ? "handles" : "inferred");
        List<List<Object>> rc = new ArrayList<>();
        for (long[] p : s.refcountTimeline()) {
            rc.add(List.of(time(p[0]) == null ? "" : time(p[0]), p[1]));
        }
        m.put("refcountTimeline", rc);
        m.put("bytesSent", s.bytesSent());
        m.put("bytesReceived", s.bytesReceived());
        m.put("bytesAcknowledged", s.bytesAcked() < 0 ? null : s.bytesAcked());
        if (s.lingerOnOff() >= 0) {
            Map<String, Object> linger = new LinkedHashMap<>();
            linger.put("onOff", s.lingerOnOff());
            linger.put("seconds", s.lingerSeconds());
            m.put("linger", linger);
        } else {
            m.put("linger", null);
        }
        m.put("abortReason", s.abortReason() < 0 ? null : s.abortReason());
        m.put("sources", s.sources());
        m.put("findings", findings.stream().map(Finding::kind).distinct().toList());
        return m;
    }

    /** A pid, tid or count, or null when unknown (the model's -1). */
    static Integer known(int v) {
        return v < 0 ? null : v;
    }

    static List<Map<String, Object>> handles(SocketSummary s, List<HandleRef> hs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HandleRef h : hs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", known(h.pid()));
            m.put("handle", s.handleText(h.handle()));
            m.put("how", h.how());
            m.put("opened", time(h.opened()));
            m.put("closed", time(h.closed()));
            out.add(m);
        }
        return out;
    }

    /** The short form of a socket inside a finding. */
    static Map<String, Object> socketRef(SocketSummary s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", s.endpointText());
        m.put("pid", known(s.pid()));
        m.put("process", s.process());
        m.put("handles", handles(s, s.handles())); // the same objects as in "sockets": one shape for a socket's handles
        m.put("local", s.local());
        m.put("remote", s.remote());
        m.put("created", time(s.created())); // which instance: endpoints and handles are reused within milliseconds
        return m;
    }

    public static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind());
        m.put("severity", f.severity().label());
        m.put("time", time(f.time()));
        m.put("message", f.message());
        m.put("socket", socketRef(f.socket()));
        m.put("pid", known(f.pid()));
        m.put("handle", f.handle() < 0 ? null : f.socket() != null ? f.socket().handleText(f.handle()) : Json.hex(f.handle()));
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Finding.Evidence e : f.evidence()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("time", time(e.time()));
            x.put("what", e.what());
            ev.add(x);
        }
        m.put("evidence", ev);
        java.util.TreeMap<String, Object> details = new java.util.TreeMap<>();
        f.details().forEach((k, v) -> details.put(k, v instanceof Number n && !(v instanceof Double) && n.longValue() < 0 ? null : v));
        m.put("details", details); // unknown numbers are null, never -1
        return m;
    }

    public static Map<String, Object> stats(Report.Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", s.events());
        m.put("socketEvents", s.socketEvents());
        m.put("sockets", s.sockets());
        m.put("selectedSockets", s.selectedSockets());
        m.put("peakAliveSockets", s.peakAlive());
        Map<String, Object> sev = new LinkedHashMap<>();
        for (String k : List.of("error", "warning", "info")) {
            sev.put(k, s.bySeverity().getOrDefault(k, 0L));
        }
        m.put("findings", sev);
        m.put("sourcesPresent", s.sourcesPresent());
        m.put("sourcesMissing", s.sourcesMissing());
        m.put("decodeProblems", s.decodeProblems());
        m.put("eventsLost", s.eventsLost() < 0 ? null : s.eventsLost());
        m.put("buffersDamaged", s.buffersDamaged());
        m.put("firstEvent", time(s.firstEvent()));
        m.put("lastEvent", time(s.lastEvent()));
        return m;
    }

    public static Map<String, Object> entry(TimelineEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time(e.time()));
        m.put("what", e.what());
        m.put("pid", known(e.pid()));
        m.put("tid", known(e.tid()));
        m.put("detail", e.detail());
        m.put("refcount", e.refcount());
        return m;
    }
}
