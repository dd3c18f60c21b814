package wsclose.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
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
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command tree (also used by completion generators and man pages). */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new WsClose());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(Main::handle);
        return cmd;
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
