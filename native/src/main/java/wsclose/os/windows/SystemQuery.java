package wsclose.os.windows;

import java.io.IOException;
import java.util.Arrays;
import wsclose.os.LiveException;

/**
 * The buffer-size retry loops around the variable-length queries (live-mode.md §A.1.1, after AfdSocketViewer's
 * H2QuerySystemInformation): the handle table grows between the size probe and the copy, so every retry takes
 * at least the hinted length plus half the previous size, and gives up after {@value #ATTEMPTS} tries.
 */
final class SystemQuery {
    static final int ATTEMPTS = 8;
    static final int HANDLE_TABLE_FIRST = 1 << 20;
    static final int OBJECT_TYPES_FIRST = 64 << 10;
    static final int TABLE_FIRST = 16 << 10;
    private static final int LIMIT = 1 << 30;

    private interface Call {
        int call(byte[] buffer, int[] length);
    }

    private final NtApi api;

    SystemQuery(NtApi api) {
        this.api = api;
    }

    /** SystemExtendedHandleInformation: exactly the bytes the kernel wrote. */
    byte[] handleTable() throws IOException {
        return nt("the system handle table", HANDLE_TABLE_FIRST,
                (b, r) -> api.querySystemInformation(WinConst.SYSTEM_EXTENDED_HANDLE_INFORMATION, b, r));
    }

    /** ObjectTypesInformation. */
    byte[] objectTypes() throws IOException {
        return nt("the object type list", OBJECT_TYPES_FIRST,
                (b, r) -> api.queryObject(0, WinConst.OBJECT_TYPES_INFORMATION, b, r));
    }

    private static byte[] nt(String what, int first, Call call) throws IOException {
        int size = first;
        int[] ret = new int[1];
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] buf = new byte[size];
            ret[0] = 0;
            int st = call.call(buf, ret);
            if (st == WinConst.STATUS_SUCCESS) {
                return ret[0] > 0 && ret[0] <= size ? Arrays.copyOf(buf, ret[0]) : buf;
            }
            if (st == WinConst.STATUS_ACCESS_DENIED) {
                throw new LiveException(LiveException.Reason.PRIVILEGE, "reading " + what + " was refused ("
                        + WinConst.ntStatus(st) + "): wsclose runs as a restricted caller (low integrity or an"
                        + " AppContainer); run it from a normal or elevated prompt");
            }
            if (st != WinConst.STATUS_INFO_LENGTH_MISMATCH && st != WinConst.STATUS_BUFFER_TOO_SMALL
                    && st != WinConst.STATUS_BUFFER_OVERFLOW) {
                throw new IOException("reading " + what + " failed: " + WinConst.ntStatus(st));
            }
            size = grow(size, ret[0]);
        }
        throw new IOException(what + " kept outgrowing the buffer (" + ATTEMPTS + " attempts, last " + size
                + " bytes)");
    }

    /** GetExtendedTcpTable / GetExtendedUdpTable, retried on ERROR_INSUFFICIENT_BUFFER; null when it fails. */
    byte[] connectionTable(boolean tcp, int family) {
        int[] size = {TABLE_FIRST};
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] buf = new byte[size[0]];
            int st = tcp ? api.tcpTable(family, buf, size) : api.udpTable(family, buf, size);
            if (st == WinConst.ERROR_SUCCESS) {
                return buf;
            }
            if (st != WinConst.ERROR_INSUFFICIENT_BUFFER) {
                return null;
            }
            size[0] = grow(buf.length, size[0]);
        }
        return null;
    }

    static int grow(int size, int hint) {
        long next = (long) Math.max(size, hint) + (size >> 1);
        if (next > LIMIT) {
            throw new IllegalStateException("a query asked for more than " + (LIMIT >> 20) + " MiB");
        }
        return (int) next;
    }
}
