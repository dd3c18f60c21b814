package wsclose.os.windows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;

/**
 * The pid filter applied again in the callback (live-mode.md §A.3.3 step 3): the kernel filter is absent beyond 8
 * pids, and kernel providers log in whatever thread context is current. AFD events carry their owner's EPROCESS
 * address at payload offset 8 on both x86 and x64 (etl-format.md §B.1, "reliable"); the kernel Process
 * Start/DCStart events (§B.5.4: UniqueProcessKey @0, ProcessId @P) map it to a pid. Without a mapping the header
 * pid decides. TCPIP and kernel events always pass: they are needed to follow connections and processes.
 */
final class CallbackFilter {
    private static final int PROCESS_START = 1;
    private static final int PROCESS_DC_START = 3;

    private final Set<Integer> pids;
    private final Map<Long, Integer> processKeys = new HashMap<>();

    CallbackFilter(Set<Integer> pids) {
        this.pids = pids;
    }

    boolean keep(EtwEvent ev) {
        if (Providers.KERNEL_PROCESS.equals(ev.provider()) && ev.kind() == HeaderKind.SYSTEM) {
            learn(ev);
            return true;
        }
        if (pids.isEmpty()) {
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
            processKeys.put(key, b.getInt(p));
        }
    }
}
