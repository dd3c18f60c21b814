package wsclose.cli.shell;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.model.HandleRef;

/** What Tab offers for --pid, --process, --port and --socket in the shell: the loaded trace's own values, sorted. */
record Values(List<String> pids, List<String> processes, List<String> ports, List<String> sockets) {
    static Values of(List<SocketSummary> all) {
        Set<String> pids = new TreeSet<>(Comparator.comparingLong(Long::parseLong));
        Set<String> processes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> ports = new TreeSet<>(Comparator.comparingLong(Long::parseLong));
        Set<String> sockets = new TreeSet<>();
        for (SocketSummary s : all) {
            if (s.pid() >= 0) {
                pids.add(Integer.toString(s.pid()));
            }
            if (s.process() != null) {
                processes.add(s.process());
            }
            for (int port : new int[] {s.localPort(), s.remotePort()}) {
                if (port >= 0) {
                    ports.add(Integer.toString(port));
                }
            }
            sockets.add("0x" + Long.toHexString(s.endpoint()));
            for (HandleRef h : s.handles()) {
                pids.add(Integer.toString(h.pid()));
                sockets.add(h.pid() + ":0x" + Long.toHexString(h.handle()));
            }
        }
        return new Values(List.copyOf(pids), List.copyOf(processes), List.copyOf(ports), List.copyOf(sockets));
    }
}
