package wsclose.trace.analysis;

import java.util.List;
import wsclose.trace.model.HandleRef;
import wsclose.trace.model.PendingOp;
import wsclose.trace.model.SocketState;
import wsclose.trace.model.SocketTimeline;
import wsclose.trace.model.StateInterval;
import wsclose.trace.model.TimelineEntry;

/**
 * An immutable snapshot of a retired socket timeline: what reports and renderers show. Times are FILETIME,
 * -1 when unknown.
 *
 * @param refcountTimeline [time, count] pairs
 * @param sources          names of the sources that reported on this socket
 */
public record SocketSummary(long id, long endpoint, int pid, String process, List<HandleRef> handles, String local,
                            String remote, long created, long closeRequested, long closed, long freed, int refcount,
                            List<long[]> refcountTimeline, boolean refcountFromHandles, List<StateInterval> states,
                            SocketState state, long bytesSent, long bytesReceived, long bytesArrived, long bytesAcked,
                            long abortReason, int lingerOnOff, int lingerSeconds, List<PendingOp> abortedOps,
                            List<TimelineEntry> entries, int droppedEntries, List<String> sources) {

    public static SocketSummary of(SocketTimeline t) {
        return new SocketSummary(t.id(), t.endpoint(), t.pid(), t.process(), List.copyOf(t.handles()), t.local(), t.remote(),
                t.created(), t.closeRequested(), t.closed(), t.freed(), t.refcount(), t.refcountTimeline(),
                t.handleAccounting(), t.states(), t.state(), t.bytesSent(), t.bytesReceived(),
                t.bytesArrived(), t.bytesAcked(), t.abortReason(), t.lingerOnOff(), t.lingerSeconds(),
                List.copyOf(t.aborted()), List.copyOf(t.entries()), t.droppedEntries(),
                sourceNames(t));
    }

    private static final wsclose.trace.model.SocketEvent.Source[] SOURCES = wsclose.trace.model.SocketEvent.Source.values();
    /** The sorted source names of each set of sources, by bit mask: a trace has a few such sets, shared by summaries. */
    @SuppressWarnings("unchecked")
    private static final List<String>[] SOURCE_NAMES = new List[1 << SOURCES.length];

    private static List<String> sourceNames(SocketTimeline t) {
        int mask = 0;
        for (int i = 0; i < SOURCES.length; i++) {
            if (t.hasSource(SOURCES[i])) {
                mask |= 1 << i;
            }
        }
        List<String> names = SOURCE_NAMES[mask];
        if (names == null) {
            names = t.sources().stream().map(Enum::name).sorted().toList();
            SOURCE_NAMES[mask] = names; // immutable, and equal whoever makes it first: a race is harmless
        }
        return names;
    }

    /** "0x1a4" style names of the handles (pid:handle) that referred to this socket. */
    public String handleList() {
        StringBuilder sb = new StringBuilder();
        for (HandleRef h : handles) {
            sb.append(sb.length() == 0 ? "" : ",").append(h.pid()).append(':').append(handleText(h.handle()));
        }
        return sb.toString();
    }

    private static final java.util.Set<String> WINDOWS = java.util.Set.of("AFD", "TCPIP", "SOCKETS", "HANDLES", "PROCESSES");

    /**
     * Whether this is a Linux socket: seen by the Linux live trace, or only by its start snapshot (which only the
     * Linux trace takes). Its identity is then an inode and its handles fds, written as Linux writes them.
     */
    public boolean linux() {
        return sources.contains("LINUX") || sources.contains("SNAPSHOT") && sources.stream().noneMatch(WINDOWS::contains);
    }

    /** The socket's identity as its platform writes it: a decimal inode on Linux, a hex AFD endpoint on Windows. */
    public String endpointText() {
        return linux() ? wsclose.trace.model.LinuxIds.text(endpoint) : Words.hex(endpoint);
    }

    /** A handle value of this socket: a decimal fd on Linux (as /proc/PID/fd), hex SOCKET/HANDLE on Windows. */
    public String handleText(long handle) {
        return linux() ? Long.toString(handle) : Words.hex(handle);
    }

    /** The port of the local address, or -1. */
    public int localPort() {
        return port(local);
    }

    public int remotePort() {
        return port(remote);
    }

    private static int port(String addr) {
        if (addr == null) {
            return -1;
        }
        int i = addr.lastIndexOf(':');
        try {
            return i < 0 ? -1 : Integer.parseInt(addr.substring(i + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
