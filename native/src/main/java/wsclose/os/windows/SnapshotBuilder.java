package wsclose.os.windows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wsclose.os.SocketSnapshot;

/**
 * Turns grouped probes (and connection-table rows nobody's handle explained) into the {@link SocketSnapshot}
 * records both platforms print (live-mode.md §C.1). Windows has no receive-queue or not-yet-sent counters on
 * this path (TCP_INFO has no tcpi_notsent_bytes, §A.2.2): those stay -1 and the snapshot says so once.
 */
final class SnapshotBuilder {
    private final Map<Integer, String> processNames;
    private final List<HandleTableParser.Entry> table;
    private final List<ConnectionTables.Row> rows;

    SnapshotBuilder(Map<Integer, String> processNames, List<HandleTableParser.Entry> fileHandles,
                    List<ConnectionTables.Row> rows) {
        this.processNames = processNames;
        this.table = fileHandles;
        this.rows = rows;
    }

    SocketSnapshot socket(List<SocketProbe.Probed> group, int ordinal) {
        SocketProbe.Probed first = group.get(0);
        long object = first.entry().object();
        List<SocketSnapshot.Owner> owners = new ArrayList<>();
        if (object != 0) {
            // The table shows every holder, also in processes not selected or not probed.
            table.stream().filter(e -> e.object() == object).forEach(e -> owners.add(owner(e.pid(), e.handle())));
        } else {
            group.forEach(p -> owners.add(owner(p.entry().pid(), p.entry().handle())));
        }
        owners.sort(Comparator.comparingInt(SocketSnapshot.Owner::pid).thenComparingLong(SocketSnapshot.Owner::handle));
        int refcount = group.stream().mapToInt(SocketProbe.Probed::handleCount).max().orElse(-1);
        int inFlight = object != 0 && refcount >= 0 ? Math.max(0, refcount - owners.size()) : -1;
        SockSharedInfo s = group.stream().map(SocketProbe.Probed::shared).filter(x -> x != null).findFirst().orElse(null);
        TcpInfo tcp = group.stream().map(SocketProbe.Probed::tcp).filter(x -> x != null).findFirst().orElse(null);
        String local = first.local();
        String remote = first.remote();
        boolean isTcp = tcp != null || s != null && s.protocol() == 6;
        String state = "";
        if (tcp != null) {
            state = TcpStates.ofTcpState(tcp.state());
        } else if (isTcp) {
            ConnectionTables.Row row = row(local, remote);
            state = row != null ? TcpStates.ofMib(row.mibState()) : s != null && s.listening() ? "LISTEN" : "";
        }
        SocketSnapshot.Linger linger = s == null ? null : new SocketSnapshot.Linger(s.lingerOn(), s.lingerSeconds());
        long unacked = tcp == null ? -1 : tcp.bytesInFlight();
        String id = object != 0 ? "obj:0x" + Long.toHexString(object) : "grp:" + ordinal;
        return new SocketSnapshot(id, 0, 0, object, family(s, local), type(s, isTcp), state, local, remote, owners,
                refcount, inFlight, -1, -1, unacked, -1, linger,
                Risks.of(state, unacked, -1, linger));
    }

    /** A connection-table row of a process wsclose could not open: what the table knows, no handles. */
    SocketSnapshot fromRow(ConnectionTables.Row r) {
        List<SocketSnapshot.Owner> owners = List.of(owner(r.pid(), -1));
        String state = "tcp".equals(r.protocol()) ? TcpStates.ofMib(r.mibState()) : "";
        String id = r.protocol() + ":" + r.pid() + ":" + r.local() + (r.remote() == null ? "" : "->" + r.remote());
        String family = r.local().startsWith("[") ? "inet6" : "inet";
        return new SocketSnapshot(id, 0, 0, 0, family, "tcp".equals(r.protocol()) ? "stream" : "dgram", state,
                r.local(), r.remote(), owners, -1, -1, -1, -1, -1, -1, null,
                Risks.of(state, -1, -1, null));
    }

    /** The TCP row of this address pair; a listener's remote is the zero address in the table. */
    ConnectionTables.Row row(String local, String remote) {
        if (local == null) {
            return null;
        }
        for (ConnectionTables.Row r : rows) {
            if (!"tcp".equals(r.protocol()) || !local.equals(r.local())) {
                continue;
            }
            if (remote == null ? "0.0.0.0:0".equals(r.remote()) || "[::]:0".equals(r.remote()) : remote.equals(r.remote())) {
                return r;
            }
        }
        return null;
    }

    private SocketSnapshot.Owner owner(int pid, long handle) {
        return new SocketSnapshot.Owner(pid, handle, processNames.getOrDefault(pid, ""));
    }

    private static String family(SockSharedInfo s, String local) {
        if (s != null) {
            switch (s.family()) {
                case 2: return "inet";
                case 23: return "inet6";
                case 1: return "unix";
                case 32: return "bluetooth";
                case 34: return "hyperv";
                default: return "af" + s.family();
            }
        }
        return local == null ? "" : local.startsWith("[") ? "inet6" : "inet";
    }

    private static String type(SockSharedInfo s, boolean tcp) {
        int t = s != null ? s.type() : tcp ? 1 : 0;
        switch (t) {
            case 1: return "stream";
            case 2: return "dgram";
            case 3: return "raw";
            case 5: return "seqpacket";
            default: return t == 0 ? "" : String.format(Locale.ROOT, "type%d", t);
        }
    }
}
