package wsclose.trace.model;

/**
 * Status codes that matter at close (etl-format.md §C.5): NTSTATUS values in AFD completions, Winsock
 * errors at the API boundary, and Linux errno values from live traces.
 */
public final class Codes {
    public static final long STATUS_CANCELLED = 0xC0000120L;
    public static final long STATUS_INVALID_HANDLE = 0xC0000008L;
    public static final long STATUS_LOCAL_DISCONNECT = 0xC000013BL;
    public static final long STATUS_REMOTE_DISCONNECT = 0xC000013CL;
    public static final long STATUS_CONNECTION_RESET = 0xC000020DL;
    public static final long STATUS_CONNECTION_ABORTED = 0xC0000241L;

    public static final long WSAEWOULDBLOCK = 10035;
    public static final long WSAENOTSOCK = 10038;
    public static final long WSA_OPERATION_ABORTED = 995;

    public static final long EBADF = 9;
    public static final long ENOTSOCK = 88;

    private Codes() {
    }

    /** The value no longer names a socket: WSAENOTSOCK, STATUS_INVALID_HANDLE, EBADF, ENOTSOCK. */
    public static boolean deadHandle(long status) {
        return status == WSAENOTSOCK || status == STATUS_INVALID_HANDLE || status == EBADF || status == ENOTSOCK;
    }

    /** A completion that failed because the socket was closed or aborted under it. */
    public static boolean abortedByClose(long status) {
        return status == STATUS_CANCELLED || status == STATUS_LOCAL_DISCONNECT || status == STATUS_CONNECTION_ABORTED
                || status == WSA_OPERATION_ABORTED;
    }

    /** AFD_ABORT_ValueMap of the Win7 manifest (etl-format.md §B.1 value maps); Win10+ logs the same numbers, unmapped. */
    public static String afdAbortReason(long r) {
        switch ((int) r) {
            case 1: return "flush of pending receives failed";
            case 2: return "abortive disconnect requested on endpoint";
            case 3: return "shutdown(SD_RECEIVE) with receive data pending";
            case 4: return "transport indicated abortive disconnect";
            case 5: return "error on accepted connection";
            case 6: return "disconnect failed";
            case 7: return "pending data on connection when disconnect called";
            case 8: return "invalid buffer on fast-I/O receive";
            case 9: return "accept failed";
            case 10: return "buffer allocation failed";
            case 11: return "counter overflow";
            case 12: return "data arrived after receive shutdown";
            case 13: return "data arrived during endpoint cleanup";
            case 14: return "receive request failed";
            case 15: return "send request failed";
            case 16: return "send request cancelled";
            case 17: return "TransmitPackets/TransmitFile cancelled";
            case 18: return "abort indicated during connection request";
            case 19: return "plug-and-play event";
            default: return "reason " + r;
        }
    }

    public static String name(long status) {
        if (status == STATUS_CANCELLED) return "STATUS_CANCELLED (WSA_OPERATION_ABORTED)";
        if (status == STATUS_INVALID_HANDLE) return "STATUS_INVALID_HANDLE";
        if (status == STATUS_LOCAL_DISCONNECT) return "STATUS_LOCAL_DISCONNECT (WSAECONNABORTED)";
        if (status == STATUS_REMOTE_DISCONNECT) return "STATUS_REMOTE_DISCONNECT (WSAECONNRESET)";
        if (status == STATUS_CONNECTION_RESET) return "STATUS_CONNECTION_RESET (WSAECONNRESET)";
        if (status == STATUS_CONNECTION_ABORTED) return "STATUS_CONNECTION_ABORTED (WSAECONNABORTED)";
        if (status == WSAEWOULDBLOCK) return "WSAEWOULDBLOCK";
        if (status == WSAENOTSOCK) return "WSAENOTSOCK";
        if (status == WSA_OPERATION_ABORTED) return "WSA_OPERATION_ABORTED";
        if (status == EBADF) return "EBADF";
        if (status == ENOTSOCK) return "ENOTSOCK";
        return status > 0xFFFF ? String.format("0x%08X", status) : Long.toString(status);
    }
}
