package wsclose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wsclose.os.LiveException;
import wsclose.os.ProcessSelector;
import wsclose.os.windows.NativeDump;

/**
 * {@code wsclose native-dump --out DIR}: hidden, Windows only. Records the raw buffers behind {@code handles}
 * and {@code trace} on a real machine so they can become test fixtures (live-mode.md §C.2.2).
 */
@Command(name = "native-dump", hidden = true, mixinStandardHelpOptions = true,
        description = "Windows only: write the raw handle-table, AFD, connection-table and ETW buffers to DIR as test"
                + " fixtures. They hold kernel addresses, pids and IP addresses: review them before sharing.")
public final class NativeDumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path out;

    @Option(names = "--pid", paramLabel = "PID", description = "Only sockets and events of these processes.")
    List<Integer> pids;

    @Option(names = "--seconds", defaultValue = "10", description = "How long to record ETW events (0: none).")
    int seconds;

    @Option(names = "--max-events", defaultValue = "500", description = "At most this many EVENT_RECORDs.")
    int maxEvents;

    @Override
    public Integer call() {
        ProcessSelector which = new ProcessSelector(pids == null ? Set.of() : Set.copyOf(pids), null);
        List<String> written;
        try {
            written = NativeDump.run(out, which, seconds, maxEvents);
        } catch (LiveException e) {
            throw new UserException(ExitCodes.INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, out + ": " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        written.forEach(w::println);
        return ExitCodes.OK;
    }
}
