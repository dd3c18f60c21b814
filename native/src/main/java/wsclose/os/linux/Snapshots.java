package wsclose.os.linux;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import wsclose.os.SocketSnapshot;
import wsclose.os.SocketSnapshot.Owner;

/**
 * Joins the fd walk, the socket tables and the SO_LINGER probes on inode into {@link SocketSnapshot}s
 * (live-mode.md §B.1 step 4). One inode is one struct file, so the fds naming it across all processes are its
 * references; a live socket no fd names is held by an SCM_RIGHTS message in flight (or io_uring, or the kernel)
 * and counts one reference, the least it can be. Pure: every input is a value, so tests build them by hand.
 */
final class Snapshots {
    /** The socket tables of one snapshot, keyed by inode. */
    record Tables(Map<Long, DiagEntry> inet, Map<Long, ProcNet.UnixRow> unix, Set<Long> netlink) {
    }

    private Snapshots() {
    }

    /**
     * @param inodes  the sockets to show, in this order
     * @param owners  every (pid, fd) naming each inode, across all processes
     * @param lingers SO_LINGER per inode, null when unknown
     */
    static List<SocketSnapshot> build(List<Long> inodes, Map<Long, List<Owner>> owners, Tables tables,
                                      Function<Long, SocketSnapshot.Linger> lingers) {
        List<SocketSnapshot> out = new ArrayList<>();
        for (long inode : inodes) {
            List<Owner> own = new ArrayList<>(owners.getOrDefault(inode, List.of()));
            own.sort(Comparator.comparingInt(Owner::pid).thenComparingLong(Owner::handle));
            int inFlight = own.isEmpty() ? 1 : 0;
            SocketSnapshot.Linger linger = lingers.apply(inode);
            DiagEntry d = tables.inet().get(inode);
            ProcNet.UnixRow u = tables.unix().get(inode);
            if (d != null) {
                out.add(inet(inode, d, own, inFlight, linger));
            } else if (u != null) {
                out.add(new SocketSnapshot("ino:" + inode, inode, 0, 0, "unix", u.typeName(), u.stateName(), u.path(), "",
                        own, own.size() + inFlight, inFlight, -1, -1, -1, -1, linger, List.of()));
            } else {
                String family = tables.netlink().contains(inode) ? "netlink" : "other";
                out.add(new SocketSnapshot("ino:" + inode, inode, 0, 0, family, "", "", "", "", own, own.size() + inFlight,
                        inFlight, -1, -1, -1, -1, linger, List.of()));
            }
        }
        return out;
    }

    private static SocketSnapshot inet(long inode, DiagEntry d, List<Owner> own, int inFlight, SocketSnapshot.Linger linger) {
        boolean tcp = d.protocol() == 6;
        int state = tcp ? d.state() : 0;
        boolean listen = state == TcpStates.LISTEN;
        long unacked = -1;
        long notSent = -1;
        if (tcp && !listen && d.tcp() != null) {
            unacked = d.tcp().unacked();
            notSent = d.tcp().notSent();
        }
        // For LISTEN, inet_diag's rqueue/wqueue are the accept queue and the backlog limit, not bytes (§B.3).
        long send = listen ? -1 : d.wqueue();
        long recv = listen ? -1 : d.rqueue();
        List<String> risks = tcp ? Risks.of(state, d.wqueue(), d.rqueue(), linger, own.size() + inFlight) : List.of();
        return new SocketSnapshot("ino:" + inode, inode, d.cookie(), 0, d.family() == 10 ? "inet6" : "inet",
                tcp ? "stream" : "dgram", tcp ? TcpStates.name(state) : "", d.local(), d.remote(), own, own.size() + inFlight,
                inFlight, send, recv, unacked, notSent, linger, risks);
    }
}
