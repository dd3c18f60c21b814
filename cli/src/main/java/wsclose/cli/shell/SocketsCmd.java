package wsclose.cli.shell;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import wsclose.cli.AnalysisFilters;
import wsclose.cli.render.SocketList;
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

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    SocketsCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session s = ctx.session();
        AnalysisOptions o = filters.options(s.start(), true);
        SocketList list = new SocketList(new TimeFormat(time).origin(s.report().stats().firstEvent()));
        for (SocketSummary x : s.sockets()) {
            if (o.selects(x)) {
                List<Finding> fs = s.findingsOf(x.id()).stream().filter(o::selects).toList();
                list.add(x, fs.size());
            }
        }
        list.print(ctx.out(), ctx.width(), s.sockets().size());
        return 0;
    }
}
