package wsclose.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import wsclose.cli.render.Utf8Out;
import wsclose.trace.etl.EtlFormatException;

/**
 * Entry point. {@link #run} builds the command line and wires the error handling in one place:
 * stdout carries data only, stderr carries one-line errors ("wsclose summary: FILE: ..."), and a
 * stack trace appears only with --verbose.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // stdout straight on fd 1, not System.out: a PrintStream swallows EPIPE, and `wsclose events big.etl | head -1`
        // must stop when head has gone (StdoutClosed ends the command quietly with exit 0)
        // one UTF-8 buffer for text and for the JSON generator's bytes (Utf8Out)
        PrintWriter out = new Utf8Out(new StdoutClosed.Guard(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
                1 << 16).printer();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        try {
            out.flush();
        } catch (StdoutClosed e) {
            // nothing left to say to a reader that has gone
        }
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine(args);
        cmd.setOut(out);
        cmd.setErr(err);
        int code;
        try {
            code = cmd.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to handle(); an Error (out of heap, too deep) still ends in one line, exit 3
            code = error(e, cmd, err, java.util.Arrays.asList(args).contains("--verbose"));
        }
        try {
            out.flush();
        } catch (StdoutClosed e) {
            // the reader has gone; the exit code stands
        }
        err.flush();
        return code;
    }

    /**
     * The subcommands in the order --help lists them, by name: {@link #commandLine(String...)} builds only the one a
     * command line names. picocli reads a command's options by reflection when it is added: building all eleven
     * for every run took about 0.1 s of the 0.3 s `wsclose --version` took here (issue: analyze at the reader's speed,
     * start-up). MainTest checks the names against the commands' own.
     */
    static final java.util.List<String> SUBCOMMANDS = java.util.List.of("analyze", "sockets", "timeline", "summary",
            "events", "handles", "trace", "explain", "shell", "completion", "native-dump", "help");

    /** A new instance of the subcommand {@code name} (a switch, not method references: those load every class). */
    static Object newCommand(String name) {
        switch (name) {
            case "analyze": return new AnalyzeCommand();
            case "sockets": return new SocketsCommand();
            case "timeline": return new TimelineCommand();
            case "summary": return new SummaryCommand();
            case "events": return new EventsCommand();
            case "handles": return new HandlesCommand();
            case "trace": return new TraceCommand();
            case "explain": return new ExplainCommand();
            case "shell": return new ShellCommand();
            case "completion": return new CompletionCommand();
            case "native-dump": return new NativeDumpCommand();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException(name);
        }
    }

    /** The configured command tree, every subcommand (also used by completion generators and man pages). */
    public static CommandLine commandLine() {
        return configure(SUBCOMMANDS);
    }

    /**
     * The tree {@code args} need: the top command and the subcommand {@code args[0]} names (its own subcommands
     * included), or the top alone for a lone --version; every subcommand for anything else (--help lists them, and
     * a usage error suggests among them). What runs, and what it prints, is the same as with the whole tree.
     */
    static CommandLine commandLine(String... args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return configure(java.util.List.of());
        }
        if (args.length > 0 && SUBCOMMANDS.contains(args[0]) && !"help".equals(args[0])) {
            return configure(java.util.List.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine configure(java.util.Collection<String> names) {
        CommandLine cmd = new CommandLine(new WsClose());
        for (String n : names) {
            cmd.addSubcommand(n, newCommand(n)); // before the settings below: picocli hands them down
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(Main::handle);
        // --help and --version pages are printed by picocli itself, outside the commands (so outside handle()):
        // a reader that has gone (`wsclose --help | head -0`) would otherwise end in a stack trace and exit 1
        CommandLine.IExecutionStrategy commands = new CommandLine.RunLast();
        cmd.setExecutionStrategy(parsed -> {
            try {
                return commands.execute(parsed);
            } catch (StdoutClosed e) {
                return ExitCodes.OK;
            }
        });
        cmd.setParameterExceptionHandler(Main::usage);
        return cmd;
    }

    private static int error(Error e, CommandLine cmd, PrintWriter err, boolean verbose) {
        String name = cmd.getParseResult() != null && cmd.getParseResult().subcommand() != null
                ? cmd.getParseResult().subcommand().commandSpec().name() : "";
        String what = e instanceof OutOfMemoryError ? "out of memory (" + e.getMessage() + "); the input needs more heap than"
                + " the JVM has: give it more with JAVA_OPTS=-Xmx4g, or report the file if it is small"
                : e instanceof StackOverflowError ? "the input nests too deeply (stack overflow); report the file"
                : "internal error: " + e + " (run with --verbose for details and report it)";
        err.println("wsclose" + (name.isEmpty() ? "" : " " + name) + ": " + what);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INPUT;
    }

    /**
     * A usage error: one line naming the command and what was wrong, then where the help is; exit 2. The help page
     * itself is for --help, not for every typo.
     */
    private static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String path = cmd.getCommandSpec().qualifiedName();
        err.println(path + ": " + e.getMessage());
        err.println("try '" + path + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    static boolean matched(CommandLine.ParseResult p, String option) {
        for (; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StdoutClosed) {
                return ExitCodes.OK; // the reader of stdout has gone (head, less quit): stop quietly, as cat does
            }
        }
        boolean verbose = matched(parsed, "--verbose");
        String prefix = "wsclose " + cmd.getCommandName() + ": ";
        int code;
        String message;
        if (e instanceof UserException) {
            code = ((UserException) e).exitCode();
            message = e.getMessage();
        } else if (e instanceof EtlFormatException) {
            code = ExitCodes.INPUT;
            message = e.getMessage();
        } else if (e instanceof NoSuchFileException) {
            code = ExitCodes.INPUT;
            message = e.getMessage() + ": no such file";
        } else if (e instanceof IOException) {
            code = ExitCodes.INPUT;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        } else if (e instanceof CommandLine.ParameterException) {
            code = ExitCodes.USAGE;
            message = e.getMessage();
        } else {
            code = ExitCodes.INPUT;
            message = "internal error: " + e + " (run with --verbose for details and report it)";
        }
        err.println(prefix + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
