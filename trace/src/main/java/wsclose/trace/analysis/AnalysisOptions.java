package wsclose.trace.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * What a report shows. The filters select sockets and findings for output only: the model still sees
 * every event, because a socket's story depends on events of other processes (a duplicate, a reuse).
 *
 * @param pids      only sockets of these processes (empty: all)
 * @param processes only sockets of processes with these image names, case-insensitive (empty: all)
 * @param ports     only sockets with this local or remote port (empty: all)
 * @param socket    only this socket: an endpoint ("0xffffa50c3e5f2010") or "PID:HANDLE"; null for all
 * @param since     FILETIME; only what happened at or after it (Long.MIN_VALUE: no limit)
 * @param until     FILETIME; only what happened at or before it (Long.MAX_VALUE: no limit)
 * @param allSockets report every socket, not only those with findings (JSON/JSONL/CSV "sockets")
 */
public record AnalysisOptions(Set<Integer> pids, Set<String> processes, Set<Integer> ports, String socket, long since,
                              long until, boolean allSockets) {

    public AnalysisOptions {
        pids = Set.copyOf(pids);
        processes = processes.stream().map(AnalysisOptions::imageKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
        ports = Set.copyOf(ports);
    }

    public static AnalysisOptions all() {
        return new AnalysisOptions(Set.of(), Set.of(), Set.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, true);
    }

    public AnalysisOptions withSocket(String s) {
        return new AnalysisOptions(pids, processes, ports, s, since, until, allSockets);
    }

    /** Whether a socket passes the filters. */
    public boolean selects(SocketSummary s) {
        if (!selectsIdentity(s)) {
            return false;
        }
        long start = s.created() >= 0 ? s.created() : Long.MIN_VALUE;
        long end = s.freed() >= 0 ? s.freed() : s.closed() >= 0 ? s.closed() : Long.MAX_VALUE;
        return end >= since && start <= until;
    }

    /**
     * An image name as Task Manager users type it: case-insensitive, without the extension ("client" matches
     * "client.exe" and "Client.EXE").
     */
    static String imageKey(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Whether any filter other than the time window is set. */
    public boolean filtersSockets() {
        return !pids.isEmpty() || !processes.isEmpty() || !ports.isEmpty() || socket != null;
    }

    /** Whether a time window is set. */
    public boolean filtersTime() {
        return since != Long.MIN_VALUE || until != Long.MAX_VALUE;
    }

    /** The socket filters (pid, process, port, socket) without the time window. */
    private boolean selectsIdentity(SocketSummary s) {
        if (!pids.isEmpty() && !pids.contains(s.pid()) && s.handles().stream().noneMatch(h -> pids.contains(h.pid()))) {
            return false;
        }
        if (!processes.isEmpty() && (s.process() == null || !processes.contains(imageKey(s.process())))) {
            return false;
        }
        if (!ports.isEmpty() && !ports.contains(s.localPort()) && !ports.contains(s.remotePort())) {
            return false;
        }
        return socket == null || SocketSelector.parse(socket).matches(s);
    }

    /** Whether a finding passes the filters (its socket, or its pid when it names no known socket). */
    public boolean selects(Finding f) {
        if (f.time() < since || f.time() > until) {
            return false;
        }
        if (f.socket() != null) {
            // the finding's own time decides the window: a use at 24 ms of a socket freed at 20 ms is in "--since 21ms"
            return selectsIdentity(f.socket());
        }
        return (pids.isEmpty() || pids.contains(f.pid())) && processes.isEmpty() && ports.isEmpty() && socket == null;
    }
}
