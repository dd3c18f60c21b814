package wsclose.trace.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import wsclose.trace.model.Anomaly;
import wsclose.trace.model.ModelListener;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketModel;
import wsclose.trace.model.SocketTimeline;

/**
 * Runs the checks over the socket model: the analysis stage of the pipeline (source → events → timelines
 * → findings → renderers). Feed it {@link SocketEvent}s in time order with {@link #accept}, then call
 * {@link #finish}. A file and a live session drive it the same way.
 *
 * <p>Each socket is checked when its timeline is complete and then dropped (only sockets with findings
 * are kept, up to {@link #KEEP_SOCKETS}), so memory follows the sockets alive at once.
 */
public final class Analyzer implements ModelListener {
    /** Sockets with findings kept for the report; beyond this they are still streamed and counted. */
    static final int KEEP_SOCKETS = 10_000;

    private final String source;
    private final AnalysisOptions options;
    private final ReportListener listener;
    private final List<Check> checks = Checks.all();
    /** The same checks as an array: the per-socket and per-anomaly loops make no iterator. */
    private final Check[] checkArray = checks.toArray(new Check[0]);
    private SocketModel model;
    private boolean noEntries;
    /** What the models of earlier sessions (unrelated captures, {@link #newSession}) counted. */
    private final Set<Source> earlierSources = java.util.EnumSet.noneOf(Source.class);
    private long earlierSockets;
    private long earlierProblems;
    /** The last event time of the current session: its open sockets end there. */
    private long sessionLast = -1;
    private final List<SocketSummary> kept = new ArrayList<>();
    /** Selected sockets with findings, kept or not. */
    private long socketsWithFindings;
    private int keepSockets = KEEP_SOCKETS;

    /** Keeps at most {@code n} sockets with findings for the report (tests: the cut without 10,000 stories). */
    Analyzer keepSockets(int n) {
        this.keepSockets = n;
        return this;
    }

    /**
     * The order of findings in every format: time, then endpoint (as an unsigned address), then kind; a finding
     * without a socket (a process's leak growth) before the sockets' findings of the same time.
     */
    public static final Comparator<Finding> ORDER = Analyzer::compare;

    /*
     * Written out, not a chain of Comparator.comparing...thenComparing: each of the chain's compares went through
     * three of the JDK's shared lambdas, whose call sites every comparator of the run shares: sorting the 66,444
     * findings of the 1.1 GB mixed trace in a one-shot run took 32-42 ms, now 23-25 ms (bench/HISTORY.md).
     */
    private static int compare(Finding a, Finding b) {
        int c = Long.compare(a.time(), b.time());
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(a.socket() == null ? 0 : a.socket().endpoint(),
                b.socket() == null ? 0 : b.socket().endpoint());
        return c != 0 ? c : a.kind().compareTo(b.kind());
    }

    private final List<Finding> findings = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Findings raised before their socket retired (anomalies), listed with it when it does. */
    private final java.util.Map<SocketId, List<Finding>> flagged = new java.util.HashMap<>();
    /** The key every lookup reuses: a retired socket's id boxed for the lookup was 0.7 bytes of every input event. */
    private final SocketId probe = new SocketId(0);

    /** A socket id as a map key, mutable only in {@link #probe} (the keys in the map are never changed). */
    private static final class SocketId {
        long id;

        SocketId(long id) {
            this.id = id;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SocketId other && other.id == id;
        }
    }
    /** The start of the one note of a run whose input has none of the events any check needs. */
    public static final String NOTHING_CHECKED = "nothing was checked";

    private final java.util.TreeSet<Integer> tracePids = new java.util.TreeSet<>();
    private final java.util.TreeSet<String> traceProcesses = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private int lastPid = -1;
    private String lastProcess;
    /** Endpoints whose timelines keep every entry (the sockets {@code wsclose timeline} prints). */
    private final Set<Long> verbose = new java.util.HashSet<>();
    private boolean everyEntry;
    /** Findings recorded, by severity ordinal. */
    private final long[] severityCounts = new long[Severity.values().length];
    private long inputEvents;
    private long socketEvents;
    private long selectedSockets;
    private long peakAlive;
    private long decodeProblems;
    private long eventsLost = -1;
    private final List<wsclose.trace.etw.LossWindows> losses = new ArrayList<>(1);
    private long buffersDamaged;
    private long first = -1;
    private long last = -1;

    public Analyzer(String source, AnalysisOptions options, ReportListener listener) {
        this.source = source;
        this.options = options;
        this.listener = listener;
        String sel = options.socket();
        SocketSelector selector = sel == null ? null : SocketSelector.parse(sel);
        if (selector != null && selector.pid() < 0) {
            verbose.add(selector.endpoint());
        }
        this.model = newModel(0);
    }

    /** Keeps every timeline entry of sockets with these endpoints; call before the first event. */
    public Analyzer keepAllEntries(java.util.Collection<Long> endpoints) {
        verbose.addAll(endpoints);
        return this;
    }

    /** Keeps no timeline entries (nor builds their text) but for sockets chosen with --socket: nothing prints them. */
    public Analyzer withoutEntries() {
        model.withoutEntries();
        noEntries = true;
        return this;
    }

    /** Keeps every timeline entry of every socket (an interactive session that prints any timeline later). */
    public Analyzer keepEveryEntry() {
        everyEntry = true;
        return this;
    }

    /** One normalized event, in time order. */
    public void accept(SocketEvent e) {
        socketEvents++;
        if (first < 0) {
            first = e.time();
        }
        last = Math.max(last, e.time());
        sessionLast = Math.max(sessionLast, e.time());
        model.apply(e);
        peakAlive = Math.max(peakAlive, model.alive());
    }

    /** Counts one input event (ETW record, tracefs line) whether or not it concerned a socket. */
    public void inputEvent() {
        inputEvents++;
    }

    public void inputEvents(long n) {
        inputEvents += n;
    }

    public void decodeProblems(long n) {
        decodeProblems += n;
    }

    /** Events the source itself says it lost (header EventsLost, ring-buffer overruns). */
    public void eventsLost(long n) {
        eventsLost = Math.max(eventsLost, 0) + n;
    }

    /**
     * Where the input may lack events (an .etl file's flagged or damaged buffers, a loss no buffer places); a
     * socket whose life overlaps one is checked knowing that its figures may miss an event. The windows may grow
     * while the input is fed, ahead of the events after them.
     */
    public void losses(wsclose.trace.etw.LossWindows w) {
        losses.add(w);
    }

    /** Buffers of the input that were damaged: skipped whole or read in part (their warnings say which). */
    public void buffersDamaged(long n) {
        buffersDamaged += n;
    }

    public void warning(String w) {
        warnings.add(w);
    }

    public SocketModel model() {
        return model;
    }

    private SocketModel newModel(long firstId) {
        SocketModel m = new SocketModel(this, t -> everyEntry || !verbose.isEmpty() && verbose.contains(t.endpoint()), firstId);
        return noEntries ? m.withoutEntries() : m;
    }

    /**
     * The events from now on come from an unrelated capture (another machine or another boot): its endpoints,
     * handles, pids and TCBs name other objects even where the values are equal, so every socket of the capture
     * before ends with it (as at the end of the input) and a new model starts. Findings and sockets add up in one
     * report; socket ids keep counting, so the sockets list capture by capture. {@code newLosses} are the new
     * capture's loss windows.
     */
    public void newSession(List<wsclose.trace.etw.LossWindows> newLosses) {
        model.finish(sessionLast);
        earlierSources.addAll(model.sources());
        earlierSockets += model.sockets();
        earlierProblems += model.problems();
        model = newModel(model.nextId());
        sessionLast = -1;
        losses.clear();
        newLosses.forEach(this::losses);
    }

    /** Ends the input: retires every socket still open and returns the report. */
    public Report finish() {
        model.finish(sessionLast);
        return report(true);
    }

    /** The report so far (for a live view); sockets still open are not in it yet. */
    public Report snapshot() {
        return report(false);
    }

    /** The sockets alive now, as summaries (for a live view). */
    public List<SocketSummary> alive() {
        List<SocketSummary> out = new ArrayList<>();
        for (SocketTimeline t : model.aliveSockets()) {
            SocketSummary s = SocketSummary.of(t);
            if (options.selects(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private Report report(boolean done) {
        Set<Source> present = java.util.EnumSet.noneOf(Source.class);
        present.addAll(earlierSources);
        present.addAll(model.sources());
        List<String> notes = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        List<String> notChecked = new ArrayList<>();
        for (Check c : checks) {
            if (c.needs().stream().noneMatch(present::containsAll)) {
                // describeMissing also collects the missing sources for the stats and the "nothing checked" note
                notChecked.add(c.kind() + ": not checked, the input has no " + describeMissing(c, present, missing)
                        + "; to capture it: " + c.capture());
            }
        }
        boolean nothing = notChecked.size() == checks.size();
        if (done && !nothing) {
            notes.addAll(notChecked);
        }
        if (done && nothing) {
            // one note, not one per check: nothing at all could be checked
            notes.add(NOTHING_CHECKED + ": the input has none of the events the checks need (" + String.join(", ", missing) + "). Capture"
                    + " Microsoft-Windows-Winsock-AFD at level 5 (with Microsoft-Windows-TCPIP and the kernel process and"
                    + " handle events for every check), e.g. xperf -start wsclose -on Microsoft-Windows-Winsock-AFD:"
                    + "0xffffffffffffffff:5+Microsoft-Windows-TCPIP:0xffffffffffffffff:5 -f winsock.etl (README, \"Capturing\")");
        }
        if (done && selectedSockets == 0 && earlierSockets + model.sockets() > 0 && (options.filtersSockets() || options.filtersTime())) {
            notes.add(noMatch());
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(ORDER);
        List<SocketSummary> byCreation = new ArrayList<>(kept);
        // the model numbers sockets as it meets them; a lambda of its own, as ORDER is written out (see there)
        byCreation.sort((a, b) -> Long.compare(a.id(), b.id()));
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), severityCounts[s.ordinal()]);
        }
        Report.Stats stats = new Report.Stats(inputEvents, socketEvents, earlierSockets + model.sockets(), selectedSockets,
                socketsWithFindings, peakAlive,
                Map.copyOf(bySeverity), present.stream().map(Source::description).toList(), List.copyOf(missing),
                decodeProblems + earlierProblems + model.problems(), eventsLost, first, last, buffersDamaged);
        return new Report(source, stats, byCreation, sorted, notes, warnings);
    }

    /** Names the sources of the cheapest alternative the check could have used. */
    private static String describeMissing(Check c, Set<Source> present, Set<String> missing) {
        Set<Source> best = null;
        for (Set<Source> alt : c.needs()) {
            Set<Source> lack = EnumSet.noneOf(Source.class);
            lack.addAll(alt);
            lack.removeAll(present);
            if (lack.contains(Source.LINUX)) {
                continue; // a Linux-only alternative is no advice for an ETW trace
            }
            if (best == null || lack.size() < best.size()) {
                best = lack;
            }
        }
        if (best == null || best.isEmpty()) {
            return "events it needs";
        }
        List<String> names = new ArrayList<>();
        for (Source s : best) {
            names.add(s.description());
            missing.add(s.description());
        }
        return String.join(" or ", names) + " events";
    }

    /** "no socket matched --pid 99999; pids in the trace: 880, 2000, ..." */
    private String noMatch() {
        List<String> given = new ArrayList<>();
        if (!options.pids().isEmpty()) {
            given.add("--pid " + String.join(",", options.pids().stream().sorted().map(String::valueOf).toList()));
        }
        if (!options.processes().isEmpty()) {
            given.add("--process " + String.join(",", options.processes().stream().sorted().toList()));
        }
        if (!options.ports().isEmpty()) {
            given.add("--port " + String.join(",", options.ports().stream().sorted().map(String::valueOf).toList()));
        }
        if (options.socket() != null) {
            given.add("--socket " + options.socket());
        }
        if (options.filtersTime()) {
            given.add("the time window");
        }
        StringBuilder sb = new StringBuilder("no socket matched ").append(String.join(" and ", given));
        if (!options.pids().isEmpty()) {
            sb.append("; pids in the trace: ").append(shortList(tracePids.stream().map(String::valueOf).toList()));
        }
        if (!options.processes().isEmpty()) {
            sb.append("; processes in the trace: ").append(shortList(List.copyOf(traceProcesses)));
        }
        return sb.toString();
    }

    private static String shortList(List<String> all) {
        return all.size() <= 20 ? String.join(", ", all) : String.join(", ", all.subList(0, 20)) + " and " + (all.size() - 20) + " more";
    }

    /** The retired socket's summary, made on first use (one holder for every socket: nothing made per socket). */
    private static final class LazySummary implements java.util.function.Supplier<SocketSummary> {
        private SocketTimeline t;
        private SocketSummary s;

        LazySummary of(SocketTimeline timeline) {
            this.t = timeline;
            this.s = null;
            return this;
        }

        @Override
        public SocketSummary get() {
            if (s == null) {
                s = SocketSummary.of(t);
            }
            return s;
        }
    }

    private final LazySummary lazy = new LazySummary();
    private final List<Finding> mine = new ArrayList<>();
    private final Consumer<Finding> toMine = mine::add;

    @Override
    public void retired(SocketTimeline t) {
        LazySummary s = lazy.of(t);
        mine.clear();
        if (!losses.isEmpty()) {
            long end = t.closeRequested() >= 0 ? t.closeRequested() : t.lastActivity();
            for (int i = 0; i < losses.size(); i++) { // per retired socket: no iterator
                if (losses.get(i).overlaps(t.firstSeen(), end)) {
                    t.mayMissEvents(true);
                    break;
                }
            }
        }
        for (Check c : checkArray) {
            c.retired(t, s, toMine);
        }
        List<Finding> earlier = null;
        if (!flagged.isEmpty()) {
            probe.id = t.id();
            earlier = flagged.remove(probe);
        }
        List<Finding> shown = earlier == null ? List.of() : new ArrayList<>(earlier);
        for (int i = 0; i < mine.size(); i++) { // per retired socket: no iterator
            Finding f = mine.get(i);
            if (record(f)) {
                if (shown.isEmpty()) {
                    shown = new ArrayList<>(2);
                }
                shown.add(f);
            }
        }
        boolean hasFindings = !shown.isEmpty();
        // a socket whose finding is in the window is shown with it, even if the socket ended before the window;
        // without filters every socket is selected, and most need no summary at all
        boolean filters = options.filtersSockets() || options.filtersTime();
        boolean selected = hasFindings || !filters || options.selects(s.get());
        if (selected) {
            selectedSockets++;
        }
        // for "no socket matched" (bounded: a note, not an index), which names them only when --pid or --process was
        // given; a process's sockets come in runs, so the last one added is remembered and a run costs one
        // comparison, not a tree search per socket
        if (!options.pids().isEmpty() && t.pid() >= 0 && t.pid() != lastPid && tracePids.size() < 1000) {
            lastPid = t.pid();
            tracePids.add(t.pid());
        }
        if (!options.processes().isEmpty() && t.process() != null && t.process() != lastProcess
                && traceProcesses.size() < 1000) {
            lastProcess = t.process();
            traceProcesses.add(t.process());
        }
        if (selected && (options.allSockets() || hasFindings)) {
            listener.socket(s.get(), shown);
        }
        if (selected && hasFindings) {
            socketsWithFindings++;
            if (kept.size() < keepSockets) {
                kept.add(s.get());
            }
        }
    }

    @Override
    public void anomaly(Anomaly a) {
        Consumer<Finding> sink = f -> {
            if (record(f) && f.socket() != null) {
                probe.id = f.socket().id();
                List<Finding> l = flagged.get(probe);
                if (l == null) {
                    l = new ArrayList<>(2);
                    flagged.put(new SocketId(probe.id), l);
                }
                l.add(f);
            }
        };
        for (Check c : checkArray) {
            c.anomaly(a, sink);
        }
    }

    private boolean record(Finding f) {
        if (!options.selects(f)) {
            return false;
        }
        findings.add(f);
        severityCounts[f.severity().ordinal()]++; // a box per finding in the map: counted here, put at the end
        listener.finding(f);
        return true;
    }
}
