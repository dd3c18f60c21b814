package wsclose.cli.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import wsclose.cli.Main;

/**
 * A shell command that runs the wsclose command of the same name with the same options: {@code events} on the
 * loaded files (raw events are too many to keep in memory, so it reads the files again), and the live commands
 * {@code handles} and {@code trace}, which read no file at all. Their options and Tab completion are those of
 * the wsclose command.
 */
abstract class Passthrough implements Callable<Integer> {
    /** The shell commands that pass their arguments on. */
    static final Set<String> NAMES = Set.of("events", "handles", "trace");

    final Context ctx;

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args = new ArrayList<>();

    Passthrough(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<String> words = new ArrayList<>();
        words.add(spec.name());
        words.addAll(args);
        return run(ctx, words);
    }

    /**
     * Runs a line whose first word is one of {@link #NAMES} as that wsclose command, words untouched: the shell's
     * own parser would take the "--" before a command to trace for itself.
     */
    static int run(Context ctx, List<String> words) {
        List<String> line = new ArrayList<>(words);
        boolean help = words.contains("-h") || words.contains("--help");
        if (words.get(0).equals("events") && !help) {
            for (Path p : ctx.session().files()) {
                line.add(p.toString());
            }
        }
        CommandLine cl = Main.commandLine();
        cl.setOut(ctx.out());
        cl.setErr(ctx.out());
        // one line for a usage error, as for every shell command (wsclose itself adds the whole usage)
        cl.setParameterExceptionHandler((e, a) -> {
            ctx.out().println("error: " + e.getMessage() + " (try: help " + words.get(0) + ")");
            return 2;
        });
        int code = cl.execute(line.toArray(String[]::new));
        ctx.out().flush();
        return code;
    }
}
