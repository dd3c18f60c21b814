package wsclose.cli.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import wsclose.cli.Main;

/**
 * {@code events [options]}: {@code wsclose events} on the loaded files, with the same options. The one shell
 * command that reads the files again: raw events are far too many to keep in memory.
 */
@Command(name = "events", description = "Raw events of the loaded .etl files (same options as wsclose events); reads the files again.")
final class EventsCmd implements Callable<Integer> {
    private final Context ctx;

    @Unmatched
    List<String> args = new ArrayList<>();

    EventsCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session s = ctx.session();
        List<String> line = new ArrayList<>();
        line.add("events");
        line.addAll(args);
        if (!args.contains("-h") && !args.contains("--help")) {
            for (Path p : s.files()) {
                line.add(p.toString());
            }
        }
        Main.run(ctx.out(), ctx.out(), line.toArray(String[]::new));
        return 0;
    }
}
