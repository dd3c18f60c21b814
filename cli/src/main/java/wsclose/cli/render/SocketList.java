package wsclose.cli.render;

import java.io.PrintWriter;
import wsclose.trace.analysis.SocketSummary;

/** The one-line-per-socket table of {@code wsclose sockets} and of the shell's {@code sockets}. */
public final class SocketList {
    private final Table table = new Table("ENDPOINT", "PID", "PROCESS", "HANDLES", "LOCAL", "REMOTE", "CREATED", "CLOSED", "STATE",
            "FINDINGS").numeric(1, 9).droppable(6, 3, 4).shrinkable(2).droppable(7).shrinkable(5);
    private final TimeFormat time;

    public SocketList(TimeFormat time) {
        this.time = time;
    }

    public void add(SocketSummary x, int findings) {
        table.row(x.endpointText(), x.pid(), x.process(), x.handleList(), x.local(), x.remote(), time.format(x.created()),
                time.format(x.closed()), x.state().label(), findings);
    }

    public static final String CSV_HEADER = "endpoint,pid,process,handles,local,remote,created,closed,state,findings";

    /** One socket as a CSV line under {@link #CSV_HEADER}, quoted as the report's CSV is. */
    public static String csv(SocketSummary x, int findings) {
        return String.join(",", x.endpointText(), x.pid() < 0 ? "" : Integer.toString(x.pid()), CsvReportWriter.q(x.process()),
                CsvReportWriter.q(x.handleList()), CsvReportWriter.q(x.local()), CsvReportWriter.q(x.remote()),
                CsvReportWriter.q(ReportJson.time(x.created())), CsvReportWriter.q(ReportJson.time(x.closed())), x.state().label(),
                Integer.toString(findings));
    }

    /** The table, then "N of M sockets". */
    public void print(PrintWriter out, int width, long total) {
        table.print(out, "", width);
        out.println(Human.count(table.size()) + " of " + Human.count(total) + " socket" + (total == 1 ? "" : "s"));
    }
}
