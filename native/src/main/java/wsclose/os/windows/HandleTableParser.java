package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffer NtQuerySystemInformation(SystemExtendedHandleInformation = 64) fills (live-mode.md §A.1.1, from
 * Geoff Chappell's handle_ex/handle_table_entry_ex pages, phnt ntexapi.h and a mingw-compiled table):
 * a header {ULONG_PTR NumberOfHandles; ULONG_PTR Reserved} and entries from offset 16 (x64) or 8 (x86) of
 * 40 (x64) or 28 (x86) bytes. NumberOfHandles is bounded by what the buffer holds, since the table grows
 * between the size probe and the copy.
 */
final class HandleTableParser {
    private HandleTableParser() {
    }

    /**
     * One SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX.
     *
     * @param object kernel address of the object; 0 when hidden (Windows 11 24H2 without SeDebugPrivilege, §A.1.4)
     */
    record Entry(long object, int pid, long handle, int grantedAccess, int typeIndex, int attributes) {
    }

    /** @param claimed NumberOfHandles as the header states it; more than {@code entries.size()} when cut short */
    record Table(List<Entry> entries, long claimed) {
    }

    static int headerSize(int pointerSize) {
        return 2 * pointerSize;
    }

    static int entrySize(int pointerSize) {
        return pointerSize == 8 ? 40 : 28;
    }

    static Table parse(ByteBuffer buffer, int pointerSize) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        int length = b.remaining();
        int p = pointerSize;
        if (length < headerSize(p)) {
            return new Table(List.of(), 0);
        }
        long claimed = pointer(b, base, p);
        long fits = (length - headerSize(p)) / entrySize(p);
        int count = (int) Math.min(Long.compareUnsigned(claimed, fits) < 0 ? claimed : fits, Integer.MAX_VALUE);
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int e = base + headerSize(p) + i * entrySize(p);
            out.add(new Entry(
                    pointer(b, e, p),
                    (int) pointer(b, e + p, p),
                    pointer(b, e + 2 * p, p),
                    b.getInt(e + 3 * p),
                    Short.toUnsignedInt(b.getShort(e + 3 * p + 6)),
                    b.getInt(e + 3 * p + 8)));
        }
        return new Table(out, claimed);
    }

    /** A ULONG_PTR/PVOID: 8 bytes, or 4 bytes read unsigned (x86 kernel addresses are above 0x80000000). */
    static long pointer(ByteBuffer b, int at, int pointerSize) {
        return pointerSize == 8 ? b.getLong(at) : Integer.toUnsignedLong(b.getInt(at));
    }
}
