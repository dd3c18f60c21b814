package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * NtQueryObject answers about one handle (live-mode.md §A.1.2, §A.1.3; phnt ntobapi.h):
 * OBJECT_BASIC_INFORMATION (56 bytes on both: HandleCount @8, PointerCount @12) and OBJECT_NAME_INFORMATION
 * (a UNICODE_STRING, 16 bytes on x64 and 8 on x86, followed by the text).
 */
final class ObjectInfo {
    static final int BASIC_SIZE = 56;
    static final String AFD_DEVICE = "\\Device\\Afd";

    private ObjectInfo() {
    }

    /**
     * @param handleCount handles to the object in every process, our own duplicate included (§A.1.3)
     * @param pointerCount handles plus kernel references such as pending IRPs
     */
    record Basic(int attributes, int grantedAccess, int handleCount, int pointerCount) {
    }

    static Basic basic(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int o = b.position();
        if (b.remaining() < 16) {
            throw new IllegalArgumentException("OBJECT_BASIC_INFORMATION needs 16 bytes, got " + b.remaining());
        }
        return new Basic(b.getInt(o), b.getInt(o + 4), b.getInt(o + 8), b.getInt(o + 12));
    }

    /** The object name, or "" for an unnamed object. */
    static String name(ByteBuffer buffer, int pointerSize) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int o = b.position();
        int header = 2 * pointerSize;
        if (b.remaining() < header) {
            throw new IllegalArgumentException("OBJECT_NAME_INFORMATION needs " + header + " bytes, got " + b.remaining());
        }
        int length = Math.min(Short.toUnsignedInt(b.getShort(o)), b.remaining() - header) & ~1;
        byte[] text = new byte[length];
        b.get(o + header, text);
        return new String(text, StandardCharsets.UTF_16LE);
    }

    /** {@code \Device\Afd} itself or a name below it, as System Informer and AfdSocketViewer test it. */
    static boolean isAfd(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String afd = AFD_DEVICE.toLowerCase(Locale.ROOT);
        return n.equals(afd) || n.startsWith(afd + "\\");
    }
}
