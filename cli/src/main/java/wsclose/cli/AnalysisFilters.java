package wsclose.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Option;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.SocketSelector;

/** The report filters shared by {@code analyze}, {@code timeline}, {@code trace} and the shell. */
public final class AnalysisFilters {
    @Option(names = "--pid", split = ",", paramLabel = "PID", description = "Only sockets of these processes.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--process", split = ",", paramLabel = "NAME", description = "Only sockets of processes with this image name, with or without .exe, in any case.")
    List<String> processes = new ArrayList<>();

    @Option(names = "--port", split = ",", paramLabel = "PORT", description = "Only sockets with this local or remote port.")
    List<Integer> ports = new ArrayList<>();

    @Option(names = "--socket", paramLabel = "SOCKET", description = "Only this socket: an endpoint (0xffffa50c3e5f2010) or a pid and handle (1234:0x1a4).")
    String socket;

    @Option(names = "--since", converter = TimeArg.Converter.class, paramLabel = "TIME",
            description = "Only what happened from this time: ISO-8601 UTC, or an offset from the start (90s, 250ms, 2m).")
    TimeArg since;

    @Option(names = "--until", converter = TimeArg.Converter.class, paramLabel = "TIME", description = "Only what happened up to this time (same forms).")
    TimeArg until;

    /** The options for a trace starting at {@code start} (FILETIME; relative times count from it). */
    public AnalysisOptions options(long start, boolean allSockets) {
        if (socket != null) {
            try {
                SocketSelector.parse(socket);
            } catch (IllegalArgumentException e) {
                throw new UserException(ExitCodes.USAGE, e.getMessage());
            }
        }
        long from = since == null ? Long.MIN_VALUE : since.resolve(start);
        long to = until == null ? Long.MAX_VALUE : until.resolve(start);
        if (from > to) {
            throw new UserException(ExitCodes.USAGE, "--since is after --until: the time window is empty");
        }
        return new AnalysisOptions(new HashSet<>(pids), new HashSet<>(processes), new HashSet<>(ports), socket, from, to,
                allSockets);
    }

    public String socket() {
        return socket;
    }
}
