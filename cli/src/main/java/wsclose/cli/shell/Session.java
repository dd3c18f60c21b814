package wsclose.cli.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.cli.Progress;
import wsclose.cli.TraceInput;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.Severity;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.EtlSummary;
import wsclose.trace.etl.SummaryBuilder;
import wsclose.trace.etw.EtwEvent;

/**
 * A trace loaded into memory for the interactive shell: one pass over the files runs the analysis with every
 * socket kept in full ({@link Analyzer#keepEveryEntry()}, all sockets reported) and builds each file's summary
 * from the same events. Every later question (analyze with filters, a timeline, the summary) is answered by
 * replaying what was recorded, without reading the files again.
 */
final class Session {
    /** What the analysis reported, in the order it reported it, so a replay streams like the real thing. */
    private sealed interface Item permits SocketItem, FindingItem {
    }

    private record SocketItem(SocketSummary socket, List<Finding> findings) implements Item {
    }

    private record FindingItem(Finding finding) implements Item {
    }

    private final List<Path> files;
    private final String source;
    private final long start;
    private final List<Item> items;
    private final Report report;
    private final List<EtlSummary> summaries;
    private Values values;
    private Map<Long, List<Finding>> bySocket;

    private Session(List<Path> files, String source, long start, List<Item> items, Report report, List<EtlSummary> summaries) {
        this.files = List.copyOf(files);
        this.source = source;
        this.start = start;
        this.items = items;
        this.report = report;
        this.summaries = summaries;
    }

    static Session load(List<Path> files, Progress progress) {
        try (TraceInput in = TraceInput.open(files)) {
            List<Item> items = new ArrayList<>();
            Analyzer a = new Analyzer(in.source(), AnalysisOptions.all(), new ReportListener() {
                @Override
                public void socket(SocketSummary s, List<Finding> findings) {
                    items.add(new SocketItem(s, List.copyOf(findings)));
                }

                @Override
                public void finding(Finding f) {
                    items.add(new FindingItem(f));
                }
            }).keepEveryEntry();
            List<EtlFile> etl = in.files();
            SummaryBuilder[] builders = new SummaryBuilder[etl.size()];
            for (int i = 0; i < builders.length; i++) {
                builders[i] = new SummaryBuilder();
            }
            Consumer<EtwEvent> summarise = builders.length == 0 ? null : ev -> builders[fileOf(etl, ev)].accept(ev);
            try (progress) {
                in.feed(a, progress.tap(etl, summarise));
            }
            Report report = a.finish();
            List<EtlSummary> summaries = new ArrayList<>();
            for (int i = 0; i < builders.length; i++) {
                summaries.add(builders[i].build(etl.get(i)));
            }
            return new Session(files, in.source(), in.start(), items, report, summaries);
        }
    }

    /** Each file has its own clock object, so it tells which file of a time-ordered merge an event came from. */
    private static int fileOf(List<EtlFile> files, EtwEvent ev) {
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i).timeBase() == ev.timeBase()) {
                return i;
            }
        }
        return 0;
    }

    List<Path> files() {
        return files;
    }

    String source() {
        return source;
    }

    /** FILETIME relative --since/--until count from. */
    long start() {
        return start;
    }

    /** The summaries of the .etl files (none for an event log). */
    List<EtlSummary> summaries() {
        return summaries;
    }

    /** The full report: every finding, the notes and warnings. */
    Report report() {
        return report;
    }

    /**
     * Replays the analysis through {@code listener} as if it ran with {@code options}, and returns the report
     * it would have made: the same selection rules as {@link Analyzer} (a socket is shown when selected and it
     * has selected findings, or when every socket is asked for).
     */
    Report replay(AnalysisOptions options, ReportListener listener) {
        Set<Long> flagged = new HashSet<>();
        List<SocketSummary> kept = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        long selectedSockets = 0;
        for (Item item : items) {
            if (item instanceof FindingItem fi) {
                Finding f = fi.finding();
                if (options.selects(f)) {
                    findings.add(f);
                    if (f.socket() != null) {
                        flagged.add(f.socket().id());
                    }
                    listener.finding(f);
                }
            } else if (item instanceof SocketItem si) {
                SocketSummary s = si.socket();
                boolean selected = options.selects(s);
                List<Finding> shown = si.findings().stream().filter(options::selects).toList();
                boolean hasFindings = !shown.isEmpty() | flagged.remove(s.id());
                if (selected) {
                    selectedSockets++;
                    if (options.allSockets() || hasFindings) {
                        listener.socket(s, shown);
                    }
                    if (hasFindings) {
                        kept.add(s);
                    }
                }
            }
        }
        findings.sort(wsclose.trace.analysis.Analyzer.ORDER);
        kept.sort(Comparator.comparingLong(SocketSummary::id));
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity sev : Severity.values()) {
            bySeverity.put(sev.label(), findings.stream().filter(f -> f.severity() == sev).count());
        }
        Report.Stats st = report.stats();
        Report.Stats stats = new Report.Stats(st.events(), st.socketEvents(), st.sockets(), selectedSockets, kept.size(), st.peakAlive(),
                Map.copyOf(bySeverity), st.sourcesPresent(), st.sourcesMissing(), st.decodeProblems(), st.eventsLost(),
                st.firstEvent(), st.lastEvent(), st.buffersDamaged());
        return new Report(source, stats, kept, findings, report.notes(), report.warnings());
    }

    /** Every socket of the trace, in the order their timelines completed. */
    List<SocketSummary> sockets() {
        List<SocketSummary> out = new ArrayList<>();
        for (Item i : items) {
            if (i instanceof SocketItem si) {
                out.add(si.socket());
            }
        }
        return out;
    }

    /** Every finding about socket {@code id}, in time order. */
    List<Finding> findingsOf(long id) {
        if (bySocket == null) {
            bySocket = new HashMap<>();
            for (Finding f : report.findings()) {
                if (f.socket() != null) {
                    bySocket.computeIfAbsent(f.socket().id(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        return bySocket.getOrDefault(id, List.of());
    }

    /** Values for completion: pids, process names, ports, endpoints and PID:HANDLE names; made once. */
    Values values() {
        if (values == null) {
            values = Values.of(sockets());
        }
        return values;
    }
}
