package wsclose.cli.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import wsclose.cli.UserException;
import wsclose.trace.etl.EtlFormatException;

/**
 * The read-eval-print loop of {@code wsclose shell}: jline reads a line (history, Tab completion), picocli
 * parses it against the shell's commands, and a failing command prints one line and leaves the shell running.
 */
public final class Repl {
    private final Terminal terminal;
    private final Context ctx;
    private final LineReader reader;
    private final boolean verbose;

    /**
     * @param history the history file, or null for none
     * @param color   colours allowed (not --no-color, not NO_COLOR)
     */
    public Repl(Terminal terminal, Path history, boolean color, boolean verbose) {
        this.terminal = terminal;
        this.ctx = new Context(terminal, color);
        this.verbose = verbose;
        // No escape character: Windows paths keep their backslashes; quotes still group words.
        DefaultParser parser = new DefaultParser().escapeChars(new char[0]);
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("wsclose").parser(parser)
                .completer(new ShellCompleter(ctx)).option(LineReader.Option.AUTO_FRESH_LINE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) {
            b.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = b.build();
    }

    /** Loads {@code files} (when given), then reads and runs lines until exit, Ctrl-D or the end of input. */
    public void run(List<Path> files) {
        PrintWriter out = ctx.out();
        if (!files.isEmpty()) {
            execute(java.util.stream.Stream.concat(java.util.stream.Stream.of("load"),
                    files.stream().map(Path::toString)).toList());
        } else {
            out.println("wsclose shell: load a trace with 'load FILE', then ask: analyze, timeline, sockets, summary."
                    + " 'help' lists the commands.");
        }
        while (!ctx.quitting()) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue; // Ctrl-C drops the line, as in other shells
            } catch (EndOfFileException e) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            execute(reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList());
        }
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            out.println("wsclose shell: history not saved: " + e.getMessage());
        }
        out.flush();
    }

    private String prompt() {
        if (!ctx.loaded()) {
            return "wsclose> ";
        }
        List<Path> f = ctx.session().files();
        String name = f.get(0).getFileName().toString() + (f.size() > 1 ? " +" + (f.size() - 1) : "");
        return "wsclose [" + name + "]> ";
    }

    /** Runs one command line; errors are one line, and never end the shell. */
    void execute(List<String> words) {
        PrintWriter out = ctx.out();
        CommandLine cl = ShellRoot.commandLine(ctx);
        cl.setParameterExceptionHandler((ex, args) -> {
            boolean top = ex.getCommandLine().getParent() == null;
            if (top && ex instanceof CommandLine.UnmatchedArgumentException && !words.isEmpty()) {
                out.println("error: unknown command '" + words.get(0) + "' (try: help)");
            } else {
                out.println("error: " + ex.getMessage() + (top ? " (try: help)" : " (try: help " + ex.getCommandLine().getCommandName() + ")"));
            }
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            out.println("error: " + message(ex));
            if (verbose) {
                ex.printStackTrace(out);
            }
            return 1;
        });
        try {
            if (Passthrough.NAMES.contains(words.get(0))) {
                Passthrough.run(ctx, words);
            } else {
                cl.execute(words.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            out.println("error: " + message(e));
        }
        out.flush();
        terminal.flush();
    }

    private static String message(Exception e) {
        if (e instanceof UserException || e instanceof EtlFormatException) {
            return e.getMessage();
        }
        if (e instanceof java.io.IOException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return "internal error: " + e + " (run 'wsclose shell --verbose' for details and report it)";
    }
}
