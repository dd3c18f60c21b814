package wsclose.cli.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import wsclose.cli.Main;
import wsclose.cli.complete.CommandTree;

/**
 * Tab completion in the shell, from the same {@link CommandTree} walk the completion scripts use: commands,
 * options, option values (formats, --time, finding kinds), files of the kinds each file argument names (trace
 * files for {@code load}), and values from the loaded trace for --pid, --process, --port and --socket.
 */
final class ShellCompleter implements Completer {
    private final Context ctx;
    private final CommandTree tree;
    /** Directories, and files with one of {@code extensions} (any file when there are none). */
    private static Completer files(List<String> extensions) {
        return new Completers.FileNameCompleter() {
            @Override
            protected boolean accept(Path path) {
                String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isDirectory(path) || extensions.isEmpty() || extensions.stream().anyMatch(e -> name.endsWith("." + e));
            }
        };
    }

    ShellCompleter(Context ctx) {
        this.ctx = ctx;
        this.tree = tree(ctx);
    }

    /**
     * The shell's tree, with the passthrough commands given the options (and, but for the files the shell adds
     * to events, the arguments) of the wsclose command they run.
     */
    static CommandTree tree(Context ctx) {
        CommandTree shell = CommandTree.of(ShellRoot.commandLine(ctx));
        CommandTree cli = CommandTree.of(Main.commandLine());
        List<CommandTree> subs = new ArrayList<>();
        for (CommandTree c : shell.subcommands()) {
            if (Passthrough.NAMES.contains(c.name())) {
                String name = c.name();
                CommandTree w = cli.subcommands().stream().filter(x -> x.name().equals(name)).findFirst().orElse(c);
                c = new CommandTree(c.path(), name, c.description(), w.options(),
                        name.equals("events") ? List.of() : w.positionals(), List.of());
            }
            subs.add(c);
        }
        return new CommandTree(shell.path(), shell.name(), shell.description(), shell.options(), shell.positionals(), subs);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int at = line.wordIndex();
        if (at == 0) {
            for (CommandTree c : tree.subcommands()) {
                candidates.add(new Candidate(c.name(), c.name(), null, c.description(), null, null, true));
            }
            return;
        }
        CommandTree cmd = tree.subcommands().stream().filter(c -> c.name().equals(words.get(0))).findFirst().orElse(null);
        if (cmd == null) {
            return;
        }
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        String previous = words.get(at - 1);
        CommandTree.Opt valueOf = cmd.options().stream().filter(o -> o.takesValue() && o.names().contains(previous))
                .findFirst().orElse(null);
        if (valueOf != null) {
            values(valueOf, reader, line, candidates);
        } else if (word.startsWith("-")) {
            for (CommandTree.Opt o : cmd.options()) {
                for (String n : o.names()) {
                    candidates.add(new Candidate(n, n, null, o.description(), null, o.longest(), true));
                }
            }
        } else if (cmd.name().equals("help")) {
            tree.subcommands().forEach(c -> candidates.add(new Candidate(c.name())));
        } else {
            for (CommandTree.Arg a : cmd.positionals()) {
                a.values().forEach(v -> candidates.add(new Candidate(v)));
                if (a.files()) {
                    files(a.extensions()).complete(reader, line, candidates);
                }
            }
        }
    }

    private void values(CommandTree.Opt o, LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (o.files()) {
            files(o.extensions()).complete(reader, line, candidates);
            return;
        }
        List<String> fixed = o.values();
        if (fixed.isEmpty() && ctx.loaded()) {
            Values v = ctx.session().values();
            fixed = switch (o.longest()) {
                case "--pid" -> v.pids();
                case "--process" -> v.processes();
                case "--port" -> v.ports();
                case "--socket" -> v.sockets();
                default -> List.of();
            };
        }
        int order = 0;
        for (String value : fixed) {
            // keep the sorted order the values come in (pids numerically), not jline's alphabetical one
            candidates.add(new Candidate(value, value, null, null, null, null, true, order++));
        }
    }
}
