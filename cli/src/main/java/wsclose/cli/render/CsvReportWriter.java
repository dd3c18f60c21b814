package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.List;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code --format csv}: one row per finding (RFC 4180 quoting), with a header row; for spreadsheets and
 * quick greps. The sockets and statistics are in the JSON formats.
 */
final class CsvReportWriter implements ReportWriter {
    static final String HEADER = "kind,severity,time,endpoint,pid,process,handle,local,remote,message";
    private final PrintWriter out;

    CsvReportWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(List<String> inputs) {
        out.println(HEADER);
    }

    private boolean asMade;

    @Override
    public ReportWriter asMade() {
        asMade = true;
        return this;
    }

    @Override
    public void finding(Finding f) {
        if (asMade) {
            row(f);
        }
    }

    private void row(Finding f) {
        SocketSummary s = f.socket();
        out.println(String.join(",", List.of(f.kind(), f.severity().label(), q(ReportJson.time(f.time())),
                s == null ? "" : s.endpointText(), (s == null ? f.pid() : s.pid()) < 0 ? "" : Integer.toString(s == null ? f.pid() : s.pid()),
                q(s == null ? null : s.process()), f.handle() < 0 ? "" : s != null ? s.handleText(f.handle()) : Human.hex(f.handle()), q(s == null ? null : s.local()),
                q(s == null ? null : s.remote()), q(f.message()))));
    }

    @Override
    public void end(Report report) {
        if (!asMade) {
            for (Finding f : report.findings()) { // the report's order: time, then endpoint
                row(f);
            }
        }
        out.flush();
    }

    static String q(String v) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
