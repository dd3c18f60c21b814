package wsclose.os.windows;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wsclose.os.ProcessSelector;

/**
 * Records the raw answers of the calls wsclose makes, on a real Windows machine, as files for test fixtures
 * (live-mode.md §C.2.2): the handle table and object type list, per AFD socket the ObjectBasicInformation,
 * SOCK_SHARED_INFO, address and TCP_INFO buffers, the connection tables, and raw EVENT_RECORDs of a short
 * session (format: {@link EventRecordReader#raw}; in events.bin each blob is preceded by its u32 length).
 * The files hold kernel addresses, pids and IP addresses: review them before sharing or committing.
 */
public final class NativeDump {
    private static final int MAX_SOCKETS = 64;

    private NativeDump() {
    }

    /** Writes into {@code dir}; returns one line per file group written, for the command to print. */
    public static List<String> run(Path dir, ProcessSelector which, int seconds, int maxEvents) throws IOException {
        WindowsLive.require("wsclose native-dump", System.getProperty("os.name", ""));
        Files.createDirectories(dir);
        JnaNtApi api = new JnaNtApi();
        List<String> lines = new ArrayList<>();
        List<String> manifest = new ArrayList<>();
        int p = api.pointerSize();
        int build = JnaNtApi.osBuild();
        manifest.add("os.name=" + System.getProperty("os.name"));
        manifest.add("os.build=" + build);
        manifest.add("pointer.size=" + p);
        manifest.add("sedebug=" + api.enableDebugPrivilege());
        SystemQuery q = new SystemQuery(api);
        byte[] table = q.handleTable();
        byte[] types = q.objectTypes();
        Files.write(dir.resolve("handle-table.bin"), table);
        Files.write(dir.resolve("object-types.bin"), types);
        lines.add("handle-table.bin, object-types.bin");
        int file = ObjectTypes.fileTypeIndex(ByteBuffer.wrap(types), p).orElse(-1);
        manifest.add("file.type.index=" + file);
        Map<Integer, String> names = api.processes();
        int sockets = 0;
        try (NameProbe probe = new NameProbe(api, 200, 4)) {
            for (HandleTableParser.Entry e : HandleTableParser.parse(ByteBuffer.wrap(table), p).entries()) {
                if (sockets >= MAX_SOCKETS || e.typeIndex() != file || e.pid() == api.currentPid()
                        || !which.matches(e.pid(), names.get(e.pid()))) {
                    continue;
                }
                if (socket(api, probe, e, dir)) {
                    sockets++;
                }
            }
        }
        manifest.add("sockets=" + sockets);
        lines.add(sockets + " socket(s): socket-PID-HANDLE-{basic,context,local,remote,tcpinfo0,tcpinfo1}.bin");
        SystemQuery tables = new SystemQuery(api);
        String[] tableNames = {"tcp4", "tcp6", "udp4", "udp6"};
        for (int i = 0; i < 4; i++) {
            byte[] t = tables.connectionTable(i < 2, i % 2 == 0 ? 2 : 23);
            if (t != null) {
                Files.write(dir.resolve(tableNames[i] + "-table.bin"), t);
            }
        }
        lines.add("tcp4/tcp6/udp4/udp6-table.bin");
        int events = seconds > 0 ? events(dir, which, names, build, seconds, maxEvents, manifest) : 0;
        manifest.add("events=" + events);
        lines.add(events + " EVENT_RECORD(s) in events.bin");
        Files.write(dir.resolve("manifest.txt"), manifest);
        lines.add("manifest.txt");
        return lines;
    }

    private static boolean socket(JnaNtApi api, NameProbe probe, HandleTableParser.Entry e, Path dir) throws IOException {
        long proc = api.openProcess(e.pid());
        if (proc == 0) {
            return false;
        }
        try {
            long dup = api.duplicate(proc, e.handle());
            if (dup == 0) {
                return false;
            }
            try {
                NameProbe.Result n = probe.name(dup);
                if (n.outcome() != NameProbe.Outcome.NAMED || !ObjectInfo.isAfd(n.name())) {
                    return false;
                }
                String base = String.format(Locale.ROOT, "socket-%d-%x-", e.pid(), e.handle());
                byte[] basic = new byte[ObjectInfo.BASIC_SIZE];
                api.queryObject(dup, WinConst.OBJECT_BASIC_INFORMATION, basic, new int[1]);
                Files.write(dir.resolve(base + "basic.bin"), basic);
                ioctl(api, dup, WinConst.IOCTL_AFD_GET_CONTEXT, 512, dir.resolve(base + "context.bin"));
                ioctl(api, dup, WinConst.IOCTL_AFD_GET_ADDRESS, 128, dir.resolve(base + "local.bin"));
                ioctl(api, dup, WinConst.IOCTL_AFD_GET_REMOTE_ADDRESS, 128, dir.resolve(base + "remote.bin"));
                for (int v = 0; v <= 1; v++) {
                    byte[] out = new byte[TcpInfo.size(v)];
                    int[] ret = new int[1];
                    if (api.afdTcpInfo(dup, v, out, ret, SocketProbe.IOCTL_TIMEOUT_MS) == WinConst.STATUS_SUCCESS) {
                        Files.write(dir.resolve(base + "tcpinfo" + v + ".bin"), Arrays.copyOf(out, ret[0]));
                    }
                }
                return true;
            } finally {
                api.close(dup);
            }
        } finally {
            api.close(proc);
        }
    }

    private static void ioctl(JnaNtApi api, long dup, int code, int size, Path to) throws IOException {
        byte[] out = new byte[size];
        int[] ret = new int[1];
        int st = api.afdIoctl(dup, code, out, size, ret, SocketProbe.IOCTL_TIMEOUT_MS);
        if (st == WinConst.STATUS_SUCCESS || st == WinConst.STATUS_BUFFER_OVERFLOW) {
            Files.write(to, Arrays.copyOf(out, ret[0]));
        }
    }

    private static int events(Path dir, ProcessSelector which, Map<Integer, String> names, int build, int seconds,
                              int maxEvents, List<String> manifest) throws IOException {
        EtwPlan plan = SessionPlanner.plan(which, names, null, build, ProcessHandle.current().pid(), false);
        JnaEtwApi etw = new JnaEtwApi();
        EtwSession session = new EtwSession(etw, plan, pid -> ProcessHandle.of(pid).isPresent(), 2000);
        int[] count = {0};
        try (OutputStream os = Files.newOutputStream(dir.resolve("events.bin"));
             DataOutputStream out = new DataOutputStream(os)) {
            session.tap(address -> {
                if (count[0] < maxEvents) {
                    byte[] blob = EventRecordReader.raw(etw.memory(), etw.pointerSize(), address);
                    try {
                        out.writeInt(Integer.reverseBytes(blob.length));
                        out.write(blob);
                        count[0]++;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            session.start();
            session.open(ev -> { });
            Thread consumer = new Thread(() -> {
                try {
                    session.run();
                } catch (IOException e) {
                    manifest.add("consumer.error=" + e.getMessage());
                }
            }, "wsclose-native-dump");
            consumer.start();
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                session.close();
            }
            try {
                consumer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        session.notes().forEach(n -> manifest.add("note=" + n));
        return count[0];
    }
}
