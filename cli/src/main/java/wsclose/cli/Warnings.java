package wsclose.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Read warnings go to stderr, one line each, naming the command and file; --quiet drops them. */
final class Warnings {
    private Warnings() {
    }

    static void print(CommandSpec spec, GlobalOptions global, Path file, List<String> warnings) {
        if (global.quiet() || warnings.isEmpty()) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String w : warnings) {
            err.println("wsclose " + spec.name() + ": " + (file == null ? "" : file + ": ") + "warning: " + w);
        }
        err.flush();
    }
}
