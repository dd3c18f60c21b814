package wsclose.os.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.IPHlpAPI;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Tlhelp32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NtApi} through JNA: one OS call per method and no logic beyond marshalling (live-mode.md §C.2.1).
 * Runs only on Windows and has never been run there yet; everything it feeds is tested on Linux with fakes.
 */
final class JnaNtApi implements NtApi {
    private static final int TCP_TABLE_OWNER_PID_ALL = 5;
    private static final int UDP_TABLE_OWNER_PID = 1;
    private static final int WAIT_OBJECT_0 = 0;
    /** Buffers of IOCTLs that neither completed nor cancelled: the kernel may still write them, so never freed. */
    private static final List<Object> ABANDONED = new ArrayList<>();

    private final Kernel32 k32 = Kernel32.INSTANCE;
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

    @Override
    public int pointerSize() {
        return Native.POINTER_SIZE;
    }

    @Override
    public int currentPid() {
        return k32.GetCurrentProcessId();
    }

    @Override
    public boolean enableDebugPrivilege() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(k32.GetCurrentProcess(), WinNT.TOKEN_ADJUST_PRIVILEGES | WinNT.TOKEN_QUERY,
                token)) {
            return false;
        }
        try {
            WinNT.LUID luid = new WinNT.LUID();
            if (!Advapi32.INSTANCE.LookupPrivilegeValue(null, WinNT.SE_DEBUG_NAME, luid)) {
                return false;
            }
            WinNT.TOKEN_PRIVILEGES tp = new WinNT.TOKEN_PRIVILEGES(1);
            tp.Privileges[0] = new WinNT.LUID_AND_ATTRIBUTES(luid, new WinDef.DWORD(WinNT.SE_PRIVILEGE_ENABLED));
            // AdjustTokenPrivileges succeeds with ERROR_NOT_ALL_ASSIGNED when the token lacks the privilege.
            return Advapi32.INSTANCE.AdjustTokenPrivileges(token.getValue(), false, tp, 0, null, null)
                    && Native.getLastError() != WinConst.ERROR_NOT_ALL_ASSIGNED;
        } finally {
            k32.CloseHandle(token.getValue());
        }
    }

    @Override
    public int querySystemInformation(int infoClass, byte[] buffer, int[] returnLength) {
        Memory m = new Memory(buffer.length);
        IntByReference r = new IntByReference();
        int st = NtDllX.INSTANCE.NtQuerySystemInformation(infoClass, m, buffer.length, r);
        returnLength[0] = r.getValue();
        if (st == WinConst.STATUS_SUCCESS) {
            m.read(0, buffer, 0, buffer.length);
        }
        return st;
    }

    @Override
    public int queryObject(long handle, int infoClass, byte[] buffer, int[] returnLength) {
        Memory m = new Memory(buffer.length);
        IntByReference r = new IntByReference();
        int st = NtDllX.INSTANCE.NtQueryObject(handle == 0 ? null : new Pointer(handle), infoClass, m, buffer.length, r);
        returnLength[0] = r.getValue();
        if (st == WinConst.STATUS_SUCCESS) {
            m.read(0, buffer, 0, buffer.length);
        }
        return st;
    }

    @Override
    public long openProcess(int pid) {
        HANDLE h = k32.OpenProcess(WinConst.PROCESS_DUP_HANDLE, false, pid);
        lastError.set(Native.getLastError());
        return h == null ? 0 : Pointer.nativeValue(h.getPointer());
    }

    @Override
    public int lastError() {
        return lastError.get();
    }

    @Override
    public long duplicate(long process, long handle) {
        WinNT.HANDLEByReference out = new WinNT.HANDLEByReference();
        boolean ok = k32.DuplicateHandle(handle(process), handle(handle), k32.GetCurrentProcess(), out, 0, false,
                WinConst.DUPLICATE_SAME_ACCESS);
        lastError.set(Native.getLastError());
        return ok && out.getValue() != null ? Pointer.nativeValue(out.getValue().getPointer()) : 0;
    }

    @Override
    public void close(long handle) {
        k32.CloseHandle(handle(handle));
    }

    @Override
    public boolean sameObject(long first, long second) {
        return KernelBase.INSTANCE.CompareObjectHandles(handle(first), handle(second));
    }

    @Override
    public int afdIoctl(long handle, int code, byte[] out, int outLength, int[] returned, int timeoutMs) {
        return ioctl(handle, code, null, 0, out, outLength, returned, timeoutMs);
    }

    @Override
    public int afdTcpInfo(long handle, int version, byte[] out, int[] returned, int timeoutMs) {
        Memory v = new Memory(4);
        v.setInt(0, version);
        AfdStructs.AfdTlIoControlInfo info = new AfdStructs.AfdTlIoControlInfo();
        info.Type = WinConst.TL_SOCKET_IOCONTROL_TYPE;
        info.IoControlCode = WinConst.SIO_TCP_INFO;
        info.EndpointIoctl = 1;
        info.InputBuffer = v;
        info.InputBufferLength = new Pointer(4);
        info.write();
        int st = ioctl(handle, WinConst.IOCTL_AFD_TRANSPORT_IOCTL, info, info.size(), out, out.length, returned, timeoutMs);
        if (st == WinConst.STATUS_TIMEOUT) {
            synchronized (ABANDONED) {
                ABANDONED.add(v);
            }
        }
        return st;
    }

    /** NtDeviceIoControlFile with our own event: the socket handle may lack SYNCHRONIZE (AfdSocketViewer). */
    private int ioctl(long handle, int code, com.sun.jna.Structure input, int inLength, byte[] out, int outLength,
                      int[] returned, int timeoutMs) {
        HANDLE event = k32.CreateEvent(null, true, false, null);
        if (event == null) {
            return WinConst.STATUS_NOT_SUPPORTED;
        }
        Memory iosb = new Memory(2L * Native.POINTER_SIZE);
        iosb.clear();
        Memory outMem = outLength > 0 ? new Memory(outLength) : null;
        boolean abandoned = false;
        try {
            int st = NtDllX.INSTANCE.NtDeviceIoControlFile(new Pointer(handle), event.getPointer(), null, null, iosb, code,
                    input == null ? null : input.getPointer(), inLength, outMem, outLength);
            if (st == WinConst.STATUS_PENDING) {
                if (k32.WaitForSingleObject(event, timeoutMs) != WAIT_OBJECT_0) {
                    KernelBase.INSTANCE.CancelIoEx(handle(handle), null);
                    if (k32.WaitForSingleObject(event, 1000) != WAIT_OBJECT_0) {
                        abandoned = true;
                        synchronized (ABANDONED) {
                            ABANDONED.add(new Object[] {iosb, outMem, input, event});
                        }
                    }
                    return WinConst.STATUS_TIMEOUT;
                }
                st = iosb.getInt(0);
            }
            long information = Native.POINTER_SIZE == 8 ? iosb.getLong(8) : iosb.getInt(4) & 0xFFFFFFFFL;
            returned[0] = (int) Math.min(information, outLength);
            if (outMem != null && (st == WinConst.STATUS_SUCCESS || st == WinConst.STATUS_BUFFER_OVERFLOW)) {
                outMem.read(0, out, 0, returned[0]);
            }
            return st;
        } finally {
            if (!abandoned) {
                k32.CloseHandle(event);
            }
        }
    }

    @Override
    public int tcpTable(int family, byte[] buffer, int[] size) {
        return table(true, family, buffer, size);
    }

    @Override
    public int udpTable(int family, byte[] buffer, int[] size) {
        return table(false, family, buffer, size);
    }

    private static int table(boolean tcp, int family, byte[] buffer, int[] size) {
        Memory m = new Memory(Math.max(1, buffer.length));
        IntByReference n = new IntByReference(buffer.length);
        int st = tcp ? IPHlpAPI.INSTANCE.GetExtendedTcpTable(m, n, false, family, TCP_TABLE_OWNER_PID_ALL, 0)
                : IPHlpAPI.INSTANCE.GetExtendedUdpTable(m, n, false, family, UDP_TABLE_OWNER_PID, 0);
        size[0] = n.getValue();
        if (st == WinConst.ERROR_SUCCESS) {
            m.read(0, buffer, 0, buffer.length);
        }
        return st;
    }

    @Override
    public Map<Integer, String> processes() {
        Map<Integer, String> out = new HashMap<>();
        HANDLE snap = k32.CreateToolhelp32Snapshot(Tlhelp32.TH32CS_SNAPPROCESS, new WinDef.DWORD(0));
        if (snap == null || WinBase.INVALID_HANDLE_VALUE.equals(snap)) {
            return out;
        }
        try {
            Tlhelp32.PROCESSENTRY32.ByReference e = new Tlhelp32.PROCESSENTRY32.ByReference();
            for (boolean more = k32.Process32First(snap, e); more; more = k32.Process32Next(snap, e)) {
                out.put(e.th32ProcessID.intValue(), Native.toString(e.szExeFile));
            }
        } finally {
            k32.CloseHandle(snap);
        }
        return out;
    }

    /** The OS build number (RtlGetVersion), e.g. 22631; 0 when unknown. */
    static int osBuild() {
        Memory info = new Memory(276);
        info.clear();
        info.setInt(0, 276);
        return NtDllX.INSTANCE.RtlGetVersion(info) == WinConst.STATUS_SUCCESS ? info.getInt(12) : 0;
    }

    private static HANDLE handle(long value) {
        return new HANDLE(new Pointer(value));
    }
}
