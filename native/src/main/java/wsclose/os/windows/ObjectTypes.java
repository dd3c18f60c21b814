package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * NtQueryObject(NULL, ObjectTypesInformation = 3) output (live-mode.md §A.1.2, from phnt ntobapi.h and
 * AfdSocketViewer H2FindKernelTypeIndex): {ULONG NumberOfTypes}, then OBJECT_TYPE_INFORMATION records (104 bytes
 * on x64, 96 on x86) aligned to the pointer size, each followed by its name text of TypeName.MaximumLength
 * bytes. TypeName is a UNICODE_STRING at offset 0 (Length u16 @0). TypeIndex (UCHAR) is at 90 (x64) / 82 (x86),
 * filled since Windows 8.1; before that the index is 2 + the record's position.
 */
final class ObjectTypes {
    private ObjectTypes() {
    }

    static int recordSize(int pointerSize) {
        return pointerSize == 8 ? 104 : 96;
    }

    static int typeIndexOffset(int pointerSize) {
        return pointerSize == 8 ? 90 : 82;
    }

    /** Type name to type index, in the order the kernel lists them; stops quietly at a truncated record. */
    static Map<String, Integer> parse(ByteBuffer buffer, int pointerSize) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int base = b.position();
        int end = b.limit();
        Map<String, Integer> out = new LinkedHashMap<>();
        if (end - base < 4) {
            return out;
        }
        int count = b.getInt(base);
        int size = recordSize(pointerSize);
        int at = base + align(4, pointerSize);
        for (int i = 0; i < count && at + size <= end; i++) {
            int length = Short.toUnsignedInt(b.getShort(at));
            int maximum = Short.toUnsignedInt(b.getShort(at + 2));
            if (at + size + length > end) {
                break;
            }
            byte[] name = new byte[length];
            b.get(at + size, name);
            int index = b.get(at + typeIndexOffset(pointerSize)) & 0xFF;
            out.put(new String(name, StandardCharsets.UTF_16LE), index != 0 ? index : 2 + i);
            at = base + align(at - base + size + Math.max(maximum, length), pointerSize);
        }
        return out;
    }

    /** The index of the "File" type, which AFD socket handles have (§A.1.2 step 1). */
    static OptionalInt fileTypeIndex(ByteBuffer buffer, int pointerSize) {
        Integer i = parse(buffer, pointerSize).get("File");
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    private static int align(int n, int to) {
        return (n + to - 1) & -to;
    }
}
