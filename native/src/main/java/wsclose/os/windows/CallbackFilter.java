package wsclose.os.windows;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;

/**
 * The pid filter applied again in the callback (live-mode.md §A.3.3 step 3): the kernel filter is absent beyond 8
 * pids, and kernel providers log in whatever thread context is current. AFD events carry their owner's EPROCESS
 * address at payload offset 8 on both x86 and x64 (etl-format.md §B.1, "reliable"); the kernel Process
 * Start/DCStart events (§B.5.4: UniqueProcessKey @0, ProcessId @P) map it to a pid. Without a mapping the header
 * pid decides. TCPIP and kernel events always pass: they are needed to follow connections and processes.
 * Processes started by a selected process (Process Start's ParentId @P+4), or by {@code followParent}, join the
 * selection, as on Linux where children of a traced process are traced.
 */
final class CallbackFilter {
    private static final int PROCESS_START = 1;
    private static final int PROCESS_DC_START = 3;

    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final boolean everything;
    private final int followParent;
    private final Map<Long, Integer> processKeys = new ConcurrentHashMap<>();

    CallbackFilter(Set<Integer> pids, boolean everything, int followParent) {
        this.pids.addAll(pids);
        this.everything = everything;
        this.followParent = followParent;
    }

    /** Adds a process to the selection (the command wsclose started). */
    void add(int pid) {
        pids.add(pid);
    }

    boolean keep(EtwEvent ev) {
        if (Providers.KERNEL_PROCESS.equals(ev.provider()) && ev.kind() == HeaderKind.SYSTEM) {
            learn(ev);
            return true;
        }
        if (everything) {
            return true;
        }
        if (Providers.WINSOCK_AFD.equals(ev.provider())) {
            if (ev.payloadLength() >= 8 + ev.pointerSize()) {
                var p = ev.payload();
                long process = ev.pointerSize() == 8 ? p.getLong(8) : Integer.toUnsignedLong(p.getInt(8));
                Integer owner = processKeys.get(process);
                if (owner != null) {
                    return pids.contains(owner);
                }
            }
            return pids.contains(ev.pid());
        }
        if (Providers.WINSOCK_SOCKETS.equals(ev.provider())) {
            return pids.contains(ev.pid());
        }
        return true;
    }

    private void learn(EtwEvent ev) {
        int op = ev.opcode();
        int p = ev.pointerSize();
        if ((op == PROCESS_START || op == PROCESS_DC_START) && ev.payloadLength() >= p + 4) {
            var b = ev.payload();
            long key = p == 8 ? b.getLong(0) : Integer.toUnsignedLong(b.getInt(0));
            int pid = b.getInt(p);
            processKeys.put(key, pid);
            if (op == PROCESS_START && ev.payloadLength() >= p + 8) {
                int parent = b.getInt(p + 4);
                if (parent == followParent || pids.contains(parent)) {
                    pids.add(pid);
                }
            }
        }
    }
}
