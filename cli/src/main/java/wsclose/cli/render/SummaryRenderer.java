package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wsclose.trace.etl.EtlSummary;
import wsclose.trace.etl.LogfileHeader;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Times;

/** Renders {@link EtlSummary} as a table for people or a JSON document for scripts. */
public final class SummaryRenderer {
    private SummaryRenderer() {
    }

    /** {@code summary --format json}: one shape for any number of files, {@code {"format": 1, "files": [...]}}. */
    public static Map<String, Object> document(List<Map<String, Object>> files) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", Json.FORMAT);
        doc.put("files", files);
        return doc;
    }

    /** One file's part of the document: stable field names, times ISO-8601 UTC with 100 ns digits. */
    public static Map<String, Object> toJson(EtlSummary s) {
        LogfileHeader h = s.header();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", s.path());
        m.put("size", s.fileSize());
        m.put("osVersion", h.osVersion());
        m.put("build", h.build());
        m.put("pointerSize", h.pointerSize());
        m.put("processors", h.processors());
        m.put("clock", h.clockName());
        m.put("clockType", h.clockType());
        m.put("perfFreq", h.perfFreq());
        m.put("cpuSpeedMhz", h.cpuSpeedMhz());
        m.put("timerResolution", h.timerResolution());
        m.put("logFileMode", String.format("0x%08x", h.logFileMode()));
        m.put("bufferSize", h.bufferSize());
        m.put("loggerName", h.loggerName());
        m.put("logFileName", h.logFileName());
        m.put("startTime", Times.iso(h.startTime()));
        m.put("endTime", h.endTime() == 0 ? null : Times.iso(h.endTime()));
        m.put("bootTime", Times.iso(h.bootTime()));
        m.put("compressed", s.compressed());
        m.put("buffers", s.buffers());
        m.put("compressedBuffers", s.compressedBuffers());
        m.put("buffersWritten", h.buffersWritten());
        m.put("events", s.events());
        m.put("firstEvent", s.events() == 0 ? null : Times.iso(s.firstEvent()));
        m.put("lastEvent", s.events() == 0 ? null : Times.iso(s.lastEvent()));
        m.put("eventsLost", h.eventsLost());
        m.put("buffersLost", h.buffersLost());
        m.put("buffersFlaggedLost", s.buffersFlaggedLost());
        m.put("buffersFlaggedEventsLost", s.buffersFlaggedEventsLost());
        m.put("headerKinds", s.headerKinds());
        List<Map<String, Object>> providers = new ArrayList<>();
        for (Map.Entry<Guid, Long> e : providerTotals(s).entrySet()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("guid", e.getKey().toString());
            p.put("name", s.providerNames().get(e.getKey()));
            p.put("events", e.getValue());
            providers.add(p);
        }
        m.put("providers", providers);
        List<Map<String, Object>> counts = new ArrayList<>();
        for (EtlSummary.Count c : s.counts()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("provider", c.provider().toString());
            r.put("key", c.key());
            r.put("count", c.count());
            r.put("versions", c.versions());
            counts.add(r);
        }
        m.put("counts", counts);
        m.put("incomplete", s.incomplete());
        m.put("warnings", s.warnings());
        return m;
    }

    private static Map<Guid, Long> providerTotals(EtlSummary s) {
        Map<Guid, Long> totals = new TreeMap<>();
        for (EtlSummary.Count c : s.counts()) {
            totals.merge(c.provider(), c.count(), Long::sum);
        }
        return totals;
    }

    /** "label       text", the text wrapped under itself when the terminal is narrower than the line. */
    private static void fact(PrintWriter out, String label, String text, int width) {
        String pad = " ".repeat(12);
        List<String> lines = width > 0 ? TableReportWriter.wrap(text, width - pad.length()) : List.of(text);
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? (label + pad).substring(0, pad.length()) : pad) + lines.get(i));
        }
    }

    public static void table(PrintWriter out, EtlSummary s, int width, TimeFormat time) {
        LogfileHeader h = s.header();
        fact(out, "file", s.path() + " (" + Human.bytes(s.fileSize()) + ")", width);
        fact(out, "recorded", "Windows " + h.osVersion() + " build " + h.build() + ", pointer size " + h.pointerSize()
                + ", " + h.processors() + " processors; logger \"" + h.loggerName() + "\"", width);
        fact(out, "clock", h.clockName() + (h.clockType() == 1 ? " at " + Human.count(h.perfFreq()) + " Hz" : ""), width);
        if (s.events() > 0) {
            fact(out, "time", time.format(s.firstEvent()) + " .. " + time.format(s.lastEvent())
                    + " (" + Human.duration(s.lastEvent() - s.firstEvent()) + ")", width);
        }
        fact(out, "buffers", Human.count(s.buffers()) + (s.compressed() ? " (" + Human.count(s.compressedBuffers())
                + " compressed)" : " (not compressed)") + ", " + Human.count(h.buffersLost()) + " lost", width);
        fact(out, "events", Human.count(s.events()) + ", " + Human.count(h.eventsLost()) + " lost", width);
        if (s.incomplete()) {
            fact(out, "status", "INCOMPLETE: part of the file could not be read (see warnings)", width);
        }
        out.println();
        Map<Guid, Long> totals = providerTotals(s);
        Table providers = new Table("PROVIDER", "NAME", "EVENTS").numeric(2).shrinkable(1).droppable(1);
        totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> providers.row(e.getKey(), s.providerNames().getOrDefault(e.getKey(), ""), Human.count(e.getValue())));
        providers.print(out, "", width);
        out.println();
        Table counts = new Table("PROVIDER", "KEY", "VERSIONS", "COUNT").numeric(3).shrinkable(0, 1, 2);
        for (EtlSummary.Count c : s.counts()) {
            String name = s.providerNames().get(c.provider());
            counts.row(name != null ? name : c.provider().toString(), c.key(), versions(c.versions()), Human.count(c.count()));
        }
        counts.print(out, "", width);
    }

    /** "0,2": joined by hand, where a regular expression per row (made anew by replaceAll) cost a one-shot run 10-20 ms. */
    private static String versions(List<Integer> vs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < vs.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(vs.get(i));
        }
        return b.toString();
    }
}
