package wsclose.cli.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import wsclose.cli.render.Human;
import wsclose.trace.analysis.Report;

/** {@code load FILE...}: reads a trace once (replacing the loaded one) and says what it holds. */
@Command(name = "load", description = "Loads .etl files (merged in time order) or one .jsonl event log; later commands answer from memory.")
final class LoadCmd implements Callable<Integer> {
    private final Context ctx;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files (.etl), or one event log (.jsonl).")
    List<Path> files;

    LoadCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.load(files);
        Session s = ctx.session();
        Report.Stats st = s.report().stats();
        ctx.out().println("loaded " + s.source() + ": " + Human.count(st.events()) + " events, " + Human.count(st.sockets())
                + " sockets, " + Human.count(s.report().findings().size()) + " findings"
                + (s.report().warnings().isEmpty() ? "" : ", " + s.report().warnings().size() + " read warnings (see analyze)"));
        return 0;
    }
}
