package wsclose.os.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups socket handles into sockets (live-mode.md §A.1.3): by kernel object address where the handle table
 * shows it, otherwise (Windows 11 24H2 without SeDebugPrivilege zeroes it, §A.1.4) by CompareObjectHandles on
 * fresh duplicates. To avoid comparing everything with everything, candidates are first bucketed by what the
 * probe saw (family, type, protocol, addresses, handle count): handles of one socket agree on all of these.
 * Each comparison holds two duplicates for one call and closes both in {@code finally}.
 */
final class SocketGrouper {
    private record Bucket(int family, int type, int protocol, String local, String remote, int handleCount) {
    }

    private final NtApi api;
    private int compareFailures;

    SocketGrouper(NtApi api) {
        this.api = api;
    }

    /** Comparisons that could not be made (a handle went away between probe and comparison). */
    int compareFailures() {
        return compareFailures;
    }

    List<List<SocketProbe.Probed>> group(List<SocketProbe.Probed> probed, Map<Integer, Long> processes) {
        Map<Object, List<List<SocketProbe.Probed>>> byKey = new LinkedHashMap<>();
        for (SocketProbe.Probed p : probed) {
            long object = p.entry().object();
            if (object != 0) {
                List<List<SocketProbe.Probed>> g = byKey.computeIfAbsent(object, k -> new ArrayList<>());
                if (g.isEmpty()) {
                    g.add(new ArrayList<>());
                }
                g.get(0).add(p);
                continue;
            }
            SockSharedInfo s = p.shared();
            Bucket b = new Bucket(s == null ? -1 : s.family(), s == null ? -1 : s.type(), s == null ? -1 : s.protocol(),
                    p.local(), p.remote(), p.handleCount());
            List<List<SocketProbe.Probed>> groups = byKey.computeIfAbsent(b, k -> new ArrayList<>());
            List<SocketProbe.Probed> home = null;
            for (List<SocketProbe.Probed> g : groups) {
                if (same(g.get(0), p, processes)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(p);
        }
        List<List<SocketProbe.Probed>> out = new ArrayList<>();
        byKey.values().forEach(out::addAll);
        return out;
    }

    private boolean same(SocketProbe.Probed a, SocketProbe.Probed b, Map<Integer, Long> processes) {
        if (a.entry().pid() == b.entry().pid() && a.entry().handle() == b.entry().handle()) {
            return true;
        }
        long pa = Objects.requireNonNullElse(processes.get(a.entry().pid()), 0L);
        long pb = Objects.requireNonNullElse(processes.get(b.entry().pid()), 0L);
        long da = pa == 0 ? 0 : api.duplicate(pa, a.entry().handle());
        long db = 0;
        try {
            db = pb == 0 ? 0 : api.duplicate(pb, b.entry().handle());
            if (da == 0 || db == 0) {
                compareFailures++;
                return false;
            }
            return api.sameObject(da, db);
        } finally {
            if (da != 0) {
                api.close(da);
            }
            if (db != 0) {
                api.close(db);
            }
        }
    }
}
