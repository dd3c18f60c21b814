package wsclose.os.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small fake Windows kernel behind {@link NtApi}: processes, kernel objects (AFD sockets, pipes, other files),
 * a handle table, and our duplicates. Every buffer it answers is written at the documented offsets for its
 * pointer size (live-mode.md §A.1-A.2), so the code under test parses exactly what it would parse on Windows.
 */
final class FakeNtApi implements NtApi {
    static final int FILE = 42;
    static final int EVENT = 43;

    static final class Obj {
        final long address;
        final int type;
        String name = "";
        boolean hangs;
        byte[] shared;
        byte[] local;
        byte[] remote;
        byte[] tcpInfo;

        Obj(long address, int type) {
            this.address = address;
            this.type = type;
        }
    }

    record Handle(int pid, long value, Obj obj, int access) {
    }

    final int p;
    boolean debug = true;
    boolean hideObjects;
    int tableMismatches;
    int mismatchHint;
    int tableStatus = WinConst.STATUS_SUCCESS;
    final List<Integer> tableQuerySizes = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, String> processes = new TreeMap<>();
    final Set<Integer> denied = new HashSet<>();
    final List<Handle> table = new ArrayList<>();
    final Map<Long, Obj> dups = new ConcurrentHashMap<>();
    final Map<Long, Integer> openProcesses = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch hang = new CountDownLatch(1);
    final List<ConnectionTables.Row> tcpRows = new ArrayList<>();
    int sameObjectCalls;
    private final AtomicLong next = new AtomicLong(0x7000);

    FakeNtApi(int pointerSize) {
        this.p = pointerSize;
    }

    Obj socket(long address) {
        Obj o = new Obj(address, FILE);
        o.name = "\\Device\\Afd";
        return o;
    }

    Obj file(long address, String name, boolean hangs) {
        Obj o = new Obj(address, FILE);
        o.name = name;
        o.hangs = hangs;
        return o;
    }

    FakeNtApi hold(int pid, long handle, Obj o) {
        table.add(new Handle(pid, handle, o, 0x0012019f));
        processes.putIfAbsent(pid, "app" + pid + ".exe");
        return this;
    }

    @Override public int pointerSize() { return p; }
    @Override public int currentPid() { return 1; }
    @Override public boolean enableDebugPrivilege() { return debug; }
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

    @Override public int lastError() { return lastError.get(); }
    @Override public Map<Integer, String> processes() { return new HashMap<>(processes); }

    @Override
    public int querySystemInformation(int infoClass, byte[] buffer, int[] returnLength) {
        if (infoClass != WinConst.SYSTEM_EXTENDED_HANDLE_INFORMATION) {
            return WinConst.STATUS_NOT_SUPPORTED;
        }
        tableQuerySizes.add(buffer.length);
        if (tableStatus != WinConst.STATUS_SUCCESS) {
            return tableStatus;
        }
        int es = HandleTableParser.entrySize(p);
        int need = HandleTableParser.headerSize(p) + table.size() * es;
        if (tableMismatches > 0 || buffer.length < need) {
            tableMismatches--;
            returnLength[0] = Math.max(mismatchHint, need + 100 * es); // the table grows between calls
            return WinConst.STATUS_INFO_LENGTH_MISMATCH;
        }
        Bin b = new Bin(need).ptr(0, table.size(), p);
        for (int i = 0; i < table.size(); i++) {
            Handle h = table.get(i);
            int e = HandleTableParser.headerSize(p) + i * es;
            b.ptr(e, hideObjects ? 0 : h.obj().address, p).ptr(e + p, h.pid(), p).ptr(e + 2 * p, h.value(), p)
                    .u32(e + 3 * p, h.access()).u16(e + 3 * p + 6, h.obj().type);
        }
        System.arraycopy(b.b, 0, buffer, 0, need);
        returnLength[0] = need;
        return WinConst.STATUS_SUCCESS;
    }

    @Override
    public int queryObject(long handle, int infoClass, byte[] buffer, int[] returnLength) {
        if (handle == 0 && infoClass == WinConst.OBJECT_TYPES_INFORMATION) {
            byte[] t = ObjectTypesTest.types(p, true, "Type", "Directory", "File", "Event").b;
            System.arraycopy(t, 0, buffer, 0, Math.min(t.length, buffer.length));
            return WinConst.STATUS_SUCCESS;
        }
        Obj o = dups.get(handle);
        if (o == null) {
            return WinConst.STATUS_INVALID_HANDLE;
        }
        if (infoClass == WinConst.OBJECT_BASIC_INFORMATION) {
            log.add("basic " + Long.toHexString(o.address));
            int count = (int) (table.stream().filter(h -> h.obj() == o).count() + dups.values().stream().filter(d -> d == o).count());
            System.arraycopy(new Bin(56).u32(8, count).u32(12, count + 1).b, 0, buffer, 0, 56);
            return WinConst.STATUS_SUCCESS;
        }
        if (infoClass == WinConst.OBJECT_NAME_INFORMATION) {
            log.add("name " + Long.toHexString(o.address));
            if (o.hangs) {
                try {
                    hang.await(); // a synchronous pipe with a read pending: never answers until the test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return WinConst.STATUS_INVALID_HANDLE;
            }
            int len = Bin.utf16Length(o.name);
            if (buffer.length < 2 * p + len + 2) {
                returnLength[0] = 2 * p + len + 2;
                return WinConst.STATUS_INFO_LENGTH_MISMATCH;
            }
            byte[] b = new Bin(2 * p + len + 2).u16(0, len).u16(2, len + 2).ptr(p, 0x10000, p).utf16(2 * p, o.name).b;
            System.arraycopy(b, 0, buffer, 0, b.length);
            return WinConst.STATUS_SUCCESS;
        }
        return WinConst.STATUS_NOT_SUPPORTED;
    }

    @Override
    public long openProcess(int pid) {
        if (denied.contains(pid)) {
            lastError.set(WinConst.ERROR_ACCESS_DENIED);
            return 0;
        }
        if (!processes.containsKey(pid)) {
            lastError.set(WinConst.ERROR_INVALID_PARAMETER); // what OpenProcess says for a pid that is gone
            return 0;
        }
        long h = next.addAndGet(4);
        openProcesses.put(h, pid);
        return h;
    }

    @Override
    public long duplicate(long process, long handle) {
        Integer pid = openProcesses.get(process);
        for (Handle h : table) {
            if (pid != null && h.pid() == pid && h.value() == handle) {
                log.add("dup " + pid + " 0x" + Long.toHexString(handle));
                long d = next.addAndGet(4);
                dups.put(d, h.obj());
                return d;
            }
        }
        return 0;
    }

    @Override
    public void close(long handle) {
        if (dups.remove(handle) == null && openProcesses.remove(handle) == null) {
            throw new IllegalStateException("closing a handle that is not open: 0x" + Long.toHexString(handle));
        }
    }

    @Override
    public boolean sameObject(long first, long second) {
        sameObjectCalls++;
        return dups.get(first) != null && dups.get(first) == dups.get(second);
    }

    @Override
    public int afdIoctl(long handle, int code, byte[] out, int outLength, int[] returned, int timeoutMs) {
        Obj o = dups.get(handle);
        if (o == null) {
            return WinConst.STATUS_INVALID_HANDLE;
        }
        byte[] answer = code == WinConst.IOCTL_AFD_GET_CONTEXT ? o.shared
                : code == WinConst.IOCTL_AFD_GET_ADDRESS ? o.local
                : code == WinConst.IOCTL_AFD_GET_REMOTE_ADDRESS ? o.remote : null;
        if (code == WinConst.IOCTL_AFD_GET_REMOTE_ADDRESS && outLength == 0) {
            return answer == null ? WinConst.STATUS_SUCCESS : WinConst.STATUS_BUFFER_TOO_SMALL;
        }
        if (answer == null) {
            return WinConst.STATUS_NOT_SUPPORTED;
        }
        int n = Math.min(answer.length, outLength);
        System.arraycopy(answer, 0, out, 0, n);
        returned[0] = n;
        return n < answer.length ? WinConst.STATUS_BUFFER_OVERFLOW : WinConst.STATUS_SUCCESS;
    }

    @Override
    public int afdTcpInfo(long handle, int version, byte[] out, int[] returned, int timeoutMs) {
        Obj o = dups.get(handle);
        if (o == null || o.tcpInfo == null || version != 1) {
            return WinConst.STATUS_NOT_SUPPORTED;
        }
        System.arraycopy(o.tcpInfo, 0, out, 0, Math.min(out.length, o.tcpInfo.length));
        returned[0] = Math.min(out.length, o.tcpInfo.length);
        return WinConst.STATUS_SUCCESS;
    }

    @Override
    public int tcpTable(int family, byte[] buffer, int[] size) {
        if (family != 2) {
            return WinConst.ERROR_INVALID_PARAMETER;
        }
        int need = 4 + 24 * tcpRows.size();
        if (buffer.length < need) {
            size[0] = need;
            return WinConst.ERROR_INSUFFICIENT_BUFFER;
        }
        Bin b = new Bin(need).u32(0, tcpRows.size());
        for (int i = 0; i < tcpRows.size(); i++) {
            ConnectionTables.Row r = tcpRows.get(i);
            int at = 4 + 24 * i;
            b.u32(at, r.mibState()).u32(at + 20, r.pid());
            v4(b, at + 4, r.local());
            v4(b, at + 12, r.remote());
        }
        System.arraycopy(b.b, 0, buffer, 0, need);
        return WinConst.ERROR_SUCCESS;
    }

    private static void v4(Bin b, int at, String addr) {
        String[] hp = addr.split(":");
        String[] q = hp[0].split("\\.");
        for (int i = 0; i < 4; i++) {
            b.u8(at + i, Integer.parseInt(q[i]));
        }
        int port = Integer.parseInt(hp[1]);
        b.u8(at + 4, port >>> 8).u8(at + 5, port & 0xFF);
    }

    @Override
    public int udpTable(int family, byte[] buffer, int[] size) {
        return WinConst.ERROR_INVALID_PARAMETER;
    }

    /** SOCK_SHARED_INFO at live-mode.md §A.2.3 offsets. */
    static byte[] shared(int state, int family, int type, int protocol, int lingerOn, int lingerSeconds, int flags) {
        return new Bin(120).u32(0, state).u32(4, family).u32(8, type).u32(12, protocol).u16(24, lingerOn)
                .u16(26, lingerSeconds).u16(44, flags).b;
    }

    static byte[] sockaddr4(int a, int b, int c, int d, int port) {
        return new Bin(16).u16(0, 2).u8(2, port >>> 8).u8(3, port & 0xFF).u8(4, a).u8(5, b).u8(6, c).u8(7, d).b;
    }

    /** TCP_INFO_v1 with State and BytesInFlight set (§A.2.2). */
    static byte[] tcpInfo(int state, long bytesInFlight, long bytesOut) {
        return new Bin(136).u32(0, state).u32(28, bytesInFlight).u64(48, bytesOut).b;
    }
}
