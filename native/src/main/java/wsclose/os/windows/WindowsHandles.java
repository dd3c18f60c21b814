package wsclose.os.windows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import wsclose.os.HandleSource;
import wsclose.os.HandlesSnapshot;
import wsclose.os.LiveException;
import wsclose.os.ProcessSelector;
import wsclose.os.SocketSnapshot;

/**
 * {@code wsclose handles} on Windows (live-mode.md §C.1 "WindowsHandleTableSnapshotter"): enable SeDebugPrivilege
 * when the user has it, read the system handle table, keep File handles of the selected processes, probe each
 * through a short-lived duplicate ({@link SocketProbe}), group the AFD ones into sockets ({@link SocketGrouper}),
 * and add what GetExtendedTcpTable/UdpTable know about processes that could not be opened. Every OS call goes
 * through {@link NtApi}.
 */
public final class WindowsHandles implements HandleSource {
    private static final int MAX_STUCK_PROBES = 8;
    private static final long NAME_TIMEOUT_MS = 200;

    private record HandleKey(int pid, long handle, int access) {
    }

    private final NtApi api;
    private final boolean probe;
    private final long nameTimeoutMs;
    private final LongSupplier fileTimeNow;
    /** Handles whose name query hung once: never probed again in this run (§A.1.2). */
    private final Set<HandleKey> hung = new HashSet<>();

    /**
     * @param probe duplicate handles to tell sockets from other files and read them; false never duplicates
     *              anything and lists only what the connection tables know
     */
    WindowsHandles(NtApi api, boolean probe, long nameTimeoutMs, LongSupplier fileTimeNow) {
        this.api = api;
        this.probe = probe;
        this.nameTimeoutMs = nameTimeoutMs;
        this.fileTimeNow = fileTimeNow;
    }

    static WindowsHandles create(NtApi api, boolean probe) {
        return new WindowsHandles(api, probe, NAME_TIMEOUT_MS,
                () -> System.currentTimeMillis() * 10_000L + 116_444_736_000_000_000L);
    }

    @Override
    public HandlesSnapshot snapshot(ProcessSelector which) throws IOException {
        long now = fileTimeNow.getAsLong();
        List<String> limitations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!probe) {
            return tablesOnly(which, now);
        }
        int p = api.pointerSize();
        if (!api.enableDebugPrivilege()) {
            limitations.add("SeDebugPrivilege is not enabled (run from an elevated prompt for it): processes of other"
                    + " users, services and elevated processes cannot be opened");
        }
        SystemQuery query = new SystemQuery(api);
        HandleTableParser.Table table = HandleTableParser.parse(ByteBuffer.wrap(query.handleTable()), p);
        int fileType = ObjectTypes.fileTypeIndex(ByteBuffer.wrap(query.objectTypes()), p).orElseThrow(() ->
                new LiveException(LiveException.Reason.FACILITY, "the kernel's object type list has no \"File\" type;"
                        + " this Windows version is not supported"));
        Map<Integer, String> names = api.processes();
        int self = api.currentPid();
        List<HandleTableParser.Entry> files = new ArrayList<>();
        List<HandleTableParser.Entry> candidates = new ArrayList<>();
        for (HandleTableParser.Entry e : table.entries()) {
            if (e.typeIndex() != fileType) {
                continue; // the type check comes first: no other handle is ever duplicated or named
            }
            files.add(e);
            if (e.pid() != self && which.matches(e.pid(), names.get(e.pid()))
                    && !hung.contains(new HandleKey(e.pid(), e.handle(), e.grantedAccess()))) {
                candidates.add(e);
            }
        }
        if (!files.isEmpty() && files.stream().allMatch(e -> e.object() == 0)) {
            limitations.add("object addresses are hidden (Windows 11 24H2 without SeDebugPrivilege): handles were"
                    + " grouped into sockets with CompareObjectHandles, and holders in unselected processes are not"
                    + " listed");
        }

        Map<Integer, Long> processes = new LinkedHashMap<>();
        TreeSet<Integer> denied = new TreeSet<>();
        List<SocketProbe.Probed> probed = new ArrayList<>();
        List<List<SocketProbe.Probed>> groups;
        SocketGrouper grouper = new SocketGrouper(api);
        int[] outcomes = new int[SocketProbe.Outcome.values().length];
        try (NameProbe nameProbe = new NameProbe(api, nameTimeoutMs, MAX_STUCK_PROBES)) {
            SocketProbe probe = new SocketProbe(api, nameProbe);
            for (HandleTableParser.Entry e : candidates) {
                long proc = processes.computeIfAbsent(e.pid(), pid -> {
                    long h = api.openProcess(pid);
                    if (h == 0 && api.lastError() == WinConst.ERROR_ACCESS_DENIED) {
                        denied.add(pid);
                    }
                    return h; // any other failure: the process exited since the table was read
                });
                if (proc == 0) {
                    continue;
                }
                SocketProbe.Result r = probe.probe(proc, e);
                outcomes[r.outcome().ordinal()]++;
                r.socket().ifPresent(probed::add);
                if (r.outcome() == SocketProbe.Outcome.NAME_TIMED_OUT) {
                    hung.add(new HandleKey(e.pid(), e.handle(), e.grantedAccess()));
                    warnings.add("pid " + e.pid() + " handle 0x" + Long.toHexString(e.handle()) + ": the name query"
                            + " did not answer within " + nameTimeoutMs + " ms (a synchronous pipe or file); skipped");
                }
            }
            groups = grouper.group(probed, processes);
        } finally {
            processes.values().stream().filter(h -> h != 0).forEach(api::close);
        }
        notes(limitations, warnings, outcomes, denied, grouper, table, names);

        List<ConnectionTables.Row> rows = connectionRows(query);
        SnapshotBuilder builder = new SnapshotBuilder(names, files, rows);
        List<SocketSnapshot> sockets = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            sockets.add(builder.socket(groups.get(i), i + 1));
        }
        for (ConnectionTables.Row r : rows) {
            if (denied.contains(r.pid())) {
                sockets.add(builder.fromRow(r));
            }
        }
        limitations.add("receive queue and not-yet-sent bytes are not available on Windows; unacked bytes come"
                + " from SIO_TCP_INFO BytesInFlight, linger from the Winsock shared context");
        return new HandlesSnapshot(now, "windows", sockets, limitations, warnings);
    }

    /** Without duplicates (--no-probe) only the connection tables can be read (§A.2.4). */
    private HandlesSnapshot tablesOnly(ProcessSelector which, long now) {
        Map<Integer, String> names = api.processes();
        List<ConnectionTables.Row> rows = connectionRows(new SystemQuery(api));
        SnapshotBuilder builder = new SnapshotBuilder(names, List.of(), rows);
        List<SocketSnapshot> sockets = new ArrayList<>();
        for (ConnectionTables.Row r : rows) {
            if (which.matches(r.pid(), names.get(r.pid()))) {
                sockets.add(builder.fromRow(r));
            }
        }
        return new HandlesSnapshot(now, "windows", sockets, List.of("handles were not examined (--no-probe): on"
                + " Windows a socket handle is told from other files only through a duplicate, so this lists the"
                + " TCP/UDP connection tables, without handles, reference counts or SO_LINGER"), List.of());
    }

    private static void notes(List<String> limitations, List<String> warnings, int[] outcomes, TreeSet<Integer> denied,
                              SocketGrouper grouper, HandleTableParser.Table table, Map<Integer, String> names) {
        if (!denied.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            denied.stream().limit(10).forEach(pid -> sb.append(sb.length() == 0 ? "" : ", ").append(pid)
                    .append(names.containsKey(pid) ? " (" + names.get(pid) + ")" : ""));
            limitations.add(denied.size() + " process(es) could not be opened to duplicate handles (access denied): "
                    + sb + (denied.size() > 10 ? ", ..." : "") + "; their TCP/UDP endpoints come from the connection"
                    + " tables only");
        }
        int skipped = outcomes[SocketProbe.Outcome.NAME_SKIPPED.ordinal()];
        if (skipped > 0) {
            limitations.add(skipped + " file handle(s) were not examined: " + MAX_STUCK_PROBES + " name queries were"
                    + " already stuck");
        }
        int dupFailed = outcomes[SocketProbe.Outcome.DUPLICATE_FAILED.ordinal()];
        if (dupFailed > 0) {
            warnings.add(dupFailed + " handle(s) could not be duplicated (closed meanwhile, or protected)");
        }
        if (grouper.compareFailures() > 0) {
            warnings.add(grouper.compareFailures() + " handle comparison(s) failed; those handles are listed as"
                    + " separate sockets");
        }
        if (Long.compareUnsigned(table.claimed(), table.entries().size()) > 0) {
            warnings.add("the handle table said " + table.claimed() + " handles but the buffer held "
                    + table.entries().size());
        }
    }

    private static List<ConnectionTables.Row> connectionRows(SystemQuery query) {
        List<ConnectionTables.Row> rows = new ArrayList<>();
        byte[] b;
        if ((b = query.connectionTable(true, 2)) != null) {
            rows.addAll(ConnectionTables.tcp4(ByteBuffer.wrap(b)));
        }
        if ((b = query.connectionTable(true, 23)) != null) {
            rows.addAll(ConnectionTables.tcp6(ByteBuffer.wrap(b)));
        }
        if ((b = query.connectionTable(false, 2)) != null) {
            rows.addAll(ConnectionTables.udp4(ByteBuffer.wrap(b)));
        }
        if ((b = query.connectionTable(false, 23)) != null) {
            rows.addAll(ConnectionTables.udp6(ByteBuffer.wrap(b)));
        }
        return rows;
    }
}
