package wsclose.os.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import wsclose.os.ProcessSelector;
import wsclose.trace.etw.Providers;

/**
 * Decides the session for {@code wsclose trace} (live-mode.md §A.3.3): the per-pid session name, the providers
 * with their levels and keywords, and the PID filter.
 *
 * <ul>
 * <li>Microsoft-Windows-Winsock-AFD: level 5, every keyword, as Microsoft's own network scripts enable it
 *     (etl-format.md §B.1). Required.</li>
 * <li>Microsoft-Windows-TCPIP: level 5 with the connection-lifetime, close, send/receive-path and summary
 *     keywords of §B.2 (not the per-packet ones), plus a capture-state request so TcpConnectionRundown (1300)
 *     describes connections that existed before the session. TCPIP logs from DPCs in whatever process context is
 *     current, so it gets no PID filter: the model ties it to sockets by Tcb and addresses.</li>
 * <li>Microsoft-Windows-Winsock-Sockets: Windows 11 (build 22000) and later only (§B.3).</li>
 * <li>Kernel process events through the session's SystemTraceProvider flags ({@link SessionSpec}).</li>
 * </ul>
 */
final class SessionPlanner {
    static final int WINDOWS_11_BUILD = 22000;

    /** TCPIP keywords (etl-format.md §B.2): TcpipEndpoint, TcpipListener, TcpipTcb, TcpipDiagnosis, Endpoint,
     * SendPath, ReceivePath, ConnectPath, ClosePath, Global, 0x200000000000 (connection summaries) and
     * 0x400000000000 (SendPosted v1+ on 24H2). */
    static final long TCPIP_KEYWORDS = 0x1L | 0x2L | 0x4L | 0x80L | 0x400L | 0x100000000L | 0x200000000L
            | 0x400000000L | 0x1000000000L | 0x8000000000L | 0x200000000000L | 0x400000000000L;

    private SessionPlanner() {
    }

    /**
     * @param running  pid to image name of the processes running now (to resolve a name selector)
     * @param saveEtl  absolute path of an .etl to write as well, or null
     * @param osBuild  the Windows build number, 0 when unknown
     * @param command  wsclose starts the traced command itself once the session runs: its pid is not known yet
     */
    static EtwPlan plan(ProcessSelector which, Map<Integer, String> running, String saveEtl, int osBuild, long ownPid,
                        boolean command) {
        List<String> notes = new ArrayList<>();
        if (command) {
            notes.add("tracing COMMAND: its pid is known only once it runs, so no ETW PID filter is set; wsclose keeps"
                    + " the events of COMMAND and the processes it starts");
        }
        TreeSet<Integer> pids = new TreeSet<>(which.pids());
        String name = which.processName();
        if (name != null && !name.isEmpty()) {
            running.forEach((pid, image) -> {
                if (name.equalsIgnoreCase(image)) {
                    pids.add(pid);
                }
            });
            if (pids.isEmpty()) {
                notes.add("no running process is named " + name + ": the session records every process");
            }
        }
        int[] filter = new int[0];
        if (!command && !pids.isEmpty() && pids.size() <= WinConst.MAX_EVENT_FILTER_PID_COUNT) {
            filter = pids.stream().mapToInt(Integer::intValue).toArray();
        } else if (pids.size() > WinConst.MAX_EVENT_FILTER_PID_COUNT) {
            notes.add(String.format(Locale.ROOT, "the ETW PID filter takes at most %d pids and %d were given: the"
                    + " session records every process and wsclose keeps the events of the given pids",
                    WinConst.MAX_EVENT_FILTER_PID_COUNT, pids.size()));
        }
        List<ProviderPlan> providers = new ArrayList<>();
        providers.add(new ProviderPlan("Microsoft-Windows-Winsock-AFD", Providers.WINSOCK_AFD,
                WinConst.TRACE_LEVEL_VERBOSE, -1L, true, true, false));
        providers.add(new ProviderPlan("Microsoft-Windows-TCPIP", Providers.TCPIP, WinConst.TRACE_LEVEL_VERBOSE,
                TCPIP_KEYWORDS, false, false, true));
        if (osBuild == 0 || osBuild >= WINDOWS_11_BUILD) {
            providers.add(new ProviderPlan("Microsoft-Windows-Winsock-Sockets", Providers.WINSOCK_SOCKETS,
                    WinConst.TRACE_LEVEL_VERBOSE, -1L, false, true, false));
        } else {
            notes.add("Microsoft-Windows-Winsock-Sockets needs Windows 11 (build " + WINDOWS_11_BUILD + "+) and this is"
                    + " build " + osBuild + ": calls that fail before reaching AFD (closesocket on a closed socket,"
                    + " setsockopt SO_LINGER) are not seen");
        }
        SessionSpec spec = SessionSpec.of("wsclose-" + ownPid, saveEtl);
        boolean everything = !command && pids.isEmpty();
        int parent = command ? (int) ownPid : -1;
        return new EtwPlan(spec, providers, filter, pids, everything, parent, notes);
    }
}
