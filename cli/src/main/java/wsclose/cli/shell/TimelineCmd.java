package wsclose.cli.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wsclose.cli.ExitCodes;
import wsclose.cli.UserException;
import wsclose.cli.render.TimeFormat;
import wsclose.cli.render.TimelineRenderer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.SocketSelector;
import wsclose.trace.analysis.SocketSummary;

/** {@code timeline --socket ENDPOINT|PID:HANDLE}: one socket's timeline from memory (every step was kept at load). */
@Command(name = "timeline", description = "One socket's close timeline with its reference count at each step.")
final class TimelineCmd implements Callable<Integer> {
    enum Format { text, json }

    private final Context ctx;

    @Option(names = "--socket", required = true, paramLabel = "SOCKET",
            description = "The socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4); Tab lists them.")
    String socket;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    TimelineCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session s = ctx.session();
        SocketSelector sel;
        try {
            sel = SocketSelector.parse(socket);
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
        Map<Long, SocketSummary> found = new LinkedHashMap<>();
        Map<Long, List<Finding>> findings = new LinkedHashMap<>();
        for (SocketSummary x : s.sockets()) {
            if (sel.matches(x)) {
                found.put(x.id(), x);
                findings.put(x.id(), s.findingsOf(x.id()));
            }
        }
        if (found.isEmpty()) {
            throw new UserException(ExitCodes.USAGE, "no socket " + socket + " in " + s.source() + " (list them with: sockets)");
        }
        if (format == Format.json) {
            TimelineRenderer.json(ctx.out(), found.values(), findings);
            return 0;
        }
        TimelineRenderer r = new TimelineRenderer(ctx.out(), new TimeFormat(time).origin(s.start()), ctx.colors(), ctx.width());
        boolean first = true;
        for (SocketSummary x : found.values()) {
            if (!first) {
                ctx.out().println();
            }
            r.print(x, findings.get(x.id()));
            first = false;
        }
        return 0;
    }
}
