package wsclose.os.windows;

import java.util.Map;

/**
 * Every OS call {@code wsclose handles} makes on Windows, kept thin so that all logic around it runs against
 * fakes on Linux (live-mode.md §C.2.1). The JNA implementation is {@link JnaNtApi}. Handles are longs, 0 meaning
 * none; NTSTATUS and Win32 error codes come back as ints, never as exceptions. Calls may come from the name-probe
 * worker threads, so implementations must be thread-safe.
 */
interface NtApi {
    /** 8 on x64, 4 on x86: the layout of every variable-length buffer below. */
    int pointerSize();

    int currentPid();

    /** Enables SeDebugPrivilege in our token; true only when it is enabled now (the user has it, elevated). */
    boolean enableDebugPrivilege();

    /** NtQuerySystemInformation; {@code returnLength[0]} receives the length written or needed. */
    int querySystemInformation(int infoClass, byte[] buffer, int[] returnLength);

    /** NtQueryObject on {@code handle} (0 for ObjectTypesInformation). */
    int queryObject(long handle, int infoClass, byte[] buffer, int[] returnLength);

    /** OpenProcess(PROCESS_DUP_HANDLE); 0 on failure, with {@link #lastError()} set. */
    long openProcess(int pid);

    int lastError();

    /**
     * DuplicateHandle(process, handle, GetCurrentProcess(), DUPLICATE_SAME_ACCESS); 0 on failure. There is no
     * options parameter on purpose: DUPLICATE_CLOSE_SOURCE would close the target's socket (§A.2.1).
     */
    long duplicate(long process, long handle);

    void close(long handle);

    /** CompareObjectHandles: both handles name the same kernel object (Windows 10 1607+). */
    boolean sameObject(long first, long second);

    /**
     * An AFD IOCTL without input (GET_CONTEXT, GET_ADDRESS, GET_REMOTE_ADDRESS) with {@code outLength} bytes of
     * output (0 is allowed), waiting at most {@code timeoutMs}; STATUS_TIMEOUT when it did not complete.
     */
    int afdIoctl(long handle, int code, byte[] out, int outLength, int[] returned, int timeoutMs);

    /** SIO_TCP_INFO (TCP_INFO_v{@code version}) through IOCTL_AFD_TRANSPORT_IOCTL, as {@link #afdIoctl}. */
    int afdTcpInfo(long handle, int version, byte[] out, int[] returned, int timeoutMs);

    /** GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) for AF_INET (2) or AF_INET6 (23); {@code size[0]} in/out. */
    int tcpTable(int family, byte[] buffer, int[] size);

    /** GetExtendedUdpTable(UDP_TABLE_OWNER_PID), as {@link #tcpTable}. */
    int udpTable(int family, byte[] buffer, int[] size);

    /** Running processes: pid to image name. */
    Map<Integer, String> processes();
}
