package wsclose.trace.analysis;

import java.util.List;
import java.util.Map;

/**
 * The result of one analysis: the single input of every renderer (table, JSON, JSON Lines, CSV, live
 * view). Sockets without findings are not kept here; renderers that list every socket receive them through
 * a {@link ReportListener} while the analysis runs.
 *
 * @param source   what was analysed: file names, or "live: pid 1234"
 * @param sockets  the selected sockets that have findings, in the order their timelines completed: the first
 *                 {@value Analyzer#KEEP_SOCKETS} of them ({@link Stats#socketsWithFindings} says how many there were)
 * @param findings the selected findings, in time order
 * @param notes    what the trace lacked for some checks, each with how to capture it
 * @param warnings read problems (truncation, damaged buffers, decode problems, lost events)
 */
public record Report(String source, Stats stats, List<SocketSummary> sockets, List<Finding> findings,
                     List<String> notes, List<String> warnings) {

    public Report {
        sockets = List.copyOf(sockets);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param events          input events (ETW records or live events) seen
     * @param socketEvents    events that said something about a socket
     * @param sockets         socket instances in the model (all, not only selected)
     * @param selectedSockets sockets that passed the filters
     * @param socketsWithFindings selected sockets with a selected finding: all of them, also those past the report's
     *                        {@link #sockets()} list
     * @param peakAlive       most sockets alive at once
     * @param bySeverity      selected findings per severity label
     * @param sourcesPresent  sources that reported something (SocketEvent.Source names, described)
     * @param sourcesMissing  sources some check needs that the input lacked
     * @param decodeProblems  payloads shorter than their layout and similar
     * @param eventsLost      events the input itself reports lost (-1 unknown)
     * @param firstEvent      FILETIME of the first event, -1 when none
     * @param lastEvent       FILETIME of the last event, -1 when none
     */
    public record Stats(long events, long socketEvents, long sockets, long selectedSockets, long socketsWithFindings, long peakAlive,
                        Map<String, Long> bySeverity, List<String> sourcesPresent, List<String> sourcesMissing,
                        long decodeProblems, long eventsLost, long firstEvent, long lastEvent, long buffersDamaged) {
    }

    /** Whether no check could run: the input has none of the events any check needs (one note says which). */
    public boolean nothingChecked() {
        return notes.stream().anyMatch(n -> n.startsWith(Analyzer.NOTHING_CHECKED));
    }

    /** Whether any finding is at or above {@code level}. */
    public boolean hasFindingsAtOrAbove(Severity level) {
        return findings.stream().anyMatch(f -> f.severity().compareTo(level) >= 0);
    }
}
