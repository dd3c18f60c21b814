package wsclose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import wsclose.cli.render.HandlesRenderer;
import wsclose.os.HandlesSnapshot;
import wsclose.os.LiveException;
import wsclose.os.Platform;
import wsclose.os.ProcessSelector;

/** {@code wsclose handles}: every socket of live processes, who holds it, its queues, SO_LINGER and close risks. */
@Command(name = "handles", mixinStandardHelpOptions = true,
        description = {"Shows the sockets of running processes and what closing them now would do.",
            "Every owner (pid, fd) with the full reference count (fork, dup, SCM_RIGHTS in flight), state, queues, unacknowledged and unsent bytes, SO_LINGER and what",
            "closing each socket now would do. Reads /proc, sock_diag and, for SO_LINGER, a microseconds-long",
            "duplicate of each TCP socket (pidfd_getfd; needs root or ptrace rights)."})
public final class HandlesCommand implements Callable<Integer> {
    enum Format { table, json, csv }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--pid", split = ",", paramLabel = "PID", description = "Only sockets these processes hold (repeatable).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--process", paramLabel = "NAME", description = "Only sockets of processes with this name (comm).")
    String process;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--no-probe", description = "Never duplicate a socket to read SO_LINGER (the LINGER column stays unknown).")
    boolean noProbe;

    @Override
    public Integer call() {
        for (int pid : pids) {
            if (ProcessHandle.of(pid).isEmpty()) {
                throw new UserException(ExitCodes.INPUT, "no process with pid " + pid);
            }
        }
        HandlesSnapshot snap;
        try {
            snap = Platform.handles(!noProbe).snapshot(new ProcessSelector(new HashSet<>(pids), process));
        } catch (LiveException e) {
            throw new UserException(ExitCodes.INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, "cannot read the socket tables: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json -> HandlesRenderer.json(out, snap);
            case csv -> HandlesRenderer.csv(out, snap);
            default -> HandlesRenderer.table(out, snap, Terminal.width());
        }
        out.flush();
        if (!global.quiet()) {
            PrintWriter err = spec.commandLine().getErr();
            for (String w : snap.warnings()) {
                err.println("wsclose handles: warning: " + w);
            }
            if (format != Format.table) {
                for (String l : snap.limitations()) {
                    err.println("wsclose handles: " + l);
                }
            }
            err.flush();
        }
        return ExitCodes.OK;
    }
}
