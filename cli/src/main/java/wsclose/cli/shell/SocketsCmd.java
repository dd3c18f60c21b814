package wsclose.cli.shell;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import wsclose.cli.AnalysisFilters;
import wsclose.cli.render.Json;
import wsclose.cli.render.Table;
import wsclose.cli.render.TimeFormat;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.SocketSummary;

/** {@code sockets [filters]}: every socket of the loaded trace, one line each, to pick one for {@code timeline}. */
@Command(name = "sockets", description = "Lists the sockets of the loaded trace (the same filters as analyze).")
final class SocketsCmd implements Callable<Integer> {
    private final Context ctx;

    @Mixin
    AnalysisFilters filters;

    @Option(names = "--time", defaultValue = "utc", description = "Times: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    SocketsCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session s = ctx.session();
        AnalysisOptions o = filters.options(s.start(), true);
        TimeFormat t = new TimeFormat(time).origin(s.report().stats().firstEvent());
        Table table = new Table("ENDPOINT", "PID", "PROCESS", "HANDLES", "LOCAL", "REMOTE", "CREATED", "CLOSED", "STATE", "FINDINGS")
                .numeric(1, 9).droppable(6, 3, 4).shrinkable(2).droppable(7).shrinkable(5);
        int n = 0;
        for (SocketSummary x : s.sockets()) {
            if (!o.selects(x)) {
                continue;
            }
            List<Finding> fs = s.findingsOf(x.id()).stream().filter(o::selects).toList();
            table.row(x.endpointText(), x.pid(), x.process(), x.handleList(), x.local(), x.remote(), t.format(x.created()),
                    t.format(x.closed()), x.state().label(), fs.size());
            n++;
        }
        table.print(ctx.out(), "", ctx.width());
        ctx.out().println(n + " of " + s.sockets().size() + " sockets");
        return 0;
    }
}
