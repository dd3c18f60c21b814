package wsclose.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import wsclose.cli.shell.Repl;

/**
 * {@code wsclose shell [FILE...]}: an interactive session that loads a trace once and answers many questions
 * from memory. Without a terminal (input piped in) it reads commands line by line, so it can also be scripted.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Interactive shell: loads a trace once and answers many questions about it from memory.",
            "Commands: load, analyze, timeline, sockets, summary, events, explain, help, exit. It keeps a history, and Tab"
                + " completes commands, options, and the sockets, pids and processes of the loaded trace."})
public final class ShellCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--history", paramLabel = "PATH", description = "History file (default: .wsclose_history in the home directory).")
    String history;

    @Option(names = "--no-history", description = "Keep no history file.")
    boolean noHistory;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Trace files (.etl) or one event log (.jsonl) to load first.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path h = noHistory ? null : history != null ? Path.of(history) : Path.of(System.getProperty("user.home"), ".wsclose_history");
        try (org.jline.terminal.Terminal t = TerminalBuilder.builder().system(true).dumb(true).name("wsclose").build()) {
            new Repl(t, h, global.color(true), global.verbose()).run(files);
        }
        return ExitCodes.OK;
    }
}
