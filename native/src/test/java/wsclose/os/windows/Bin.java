package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import wsclose.trace.etw.Bytes;

/** A little-endian test buffer written field by field at documented offsets. */
final class Bin {
    final byte[] b;

    Bin(int size) {
        b = new byte[size];
    }

    Bin u8(int off, int v) {
        b[off] = (byte) v;
        return this;
    }

    Bin u16(int off, int v) {
        Bytes.put16(b, off, v);
        return this;
    }

    Bin u32(int off, long v) {
        Bytes.put32(b, off, (int) v);
        return this;
    }

    Bin u64(int off, long v) {
        Bytes.put64(b, off, v);
        return this;
    }

    /** A pointer-sized field: 8 bytes, or the low 4 bytes for x86. */
    Bin ptr(int off, long v, int pointerSize) {
        return pointerSize == 8 ? u64(off, v) : u32(off, v);
    }

    Bin utf16(int off, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(t, 0, b, off, t.length);
        return this;
    }

    Bin raw(int off, byte[] bytes) {
        System.arraycopy(bytes, 0, b, off, bytes.length);
        return this;
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(b);
    }

    static int utf16Length(String s) {
        return 2 * s.length();
    }
}
