package wsclose.cli.render;

import java.io.PrintWriter;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;

/**
 * Renders a report in one format. Sockets and findings may arrive while the analysis runs ({@link ReportListener});
 * {@link #end} gets the finished report. Formats that stream (JSON, JSON Lines, CSV) write as they go, so output
 * for a huge trace needs no memory for the sockets already written.
 */
public interface ReportWriter extends ReportListener {
    enum Format { table, json, jsonl, csv }

    /** @param inputs the files read (in the order given), or the one live source */
    void begin(java.util.List<String> inputs);

    void end(Report report);

    /**
     * Writes sockets and findings as the analysis makes them (a live trace, where waiting for the end would hide
     * them), instead of in the report's order at the end: creation order for sockets, time then endpoint for
     * findings ({@code Analyzer.ORDER}). Formats that always stream (JSON with --all-sockets) ignore it.
     */
    default ReportWriter asMade() {
        return this;
    }

    /** Whether this format lists every socket, not only those with findings. */
    default boolean wantsAllSockets() {
        return false;
    }

    static ReportWriter of(Format format, PrintWriter out, TimeFormat time, Colors colors, int width) {
        return of(format, out, time, colors, width, false, false);
    }

    /**
     * @param allSockets JSON and JSONL list every socket, not only those with findings (--all-sockets)
     * @param pretty     JSON is indented (--pretty)
     */
    static ReportWriter of(Format format, PrintWriter out, TimeFormat time, Colors colors, int width, boolean allSockets,
                           boolean pretty) {
        switch (format) {
            case json: return new JsonReportWriter(out, allSockets, pretty);
            case jsonl: return new JsonlReportWriter(out, allSockets);
            case csv: return new CsvReportWriter(out);
            default: return new TableReportWriter(out, time, colors, width);
        }
    }
}
