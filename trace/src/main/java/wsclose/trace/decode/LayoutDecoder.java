package wsclose.trace.decode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Times;

/**
 * Decodes a payload by a {@link Layout}: packed fields in order, pointer-sized fields at the event's
 * pointer size, lengths and counts taken from earlier fields (etl-format.md §B.0). A payload shorter
 * than its layout yields the fields that fit plus a problem, never an exception.
 */
public final class LayoutDecoder {
    /** Arrays longer than this are cut: a lying count must not make the output grow without bound. */
    private static final int MAX_ARRAY = 4096;

    private LayoutDecoder() {
    }

    public static Decoded decode(Layout layout, EtwEvent ev) {
        return decode(layout, ev.array(), ev.payloadOffset(), ev.payloadLength(), ev.pointerSize());
    }

    public static Decoded decode(Layout layout, byte[] b, int off, int len, int pointerSize) {
        return decode(layout, b, off, len, pointerSize, new Decoded(layout.name(), layout.fields().size()));
    }

    /** Decodes into {@code out} (emptied first): lets a hot loop reuse one instance instead of allocating per event. */
    static Decoded decode(Layout layout, EtwEvent ev, Decoded out) {
        return decode(layout, ev.array(), ev.payloadOffset(), ev.payloadLength(), ev.pointerSize(), out.reset(layout.name()));
    }

    private static Decoded decode(Layout layout, byte[] b, int off, int len, int pointerSize, Decoded out) {
        int[] pos = out.pos;
        pos[0] = off;
        int end = off + len;
        for (Field f : layout.fields()) {
            try {
                if (f.isArray()) {
                    long n = f.countField() != null ? out.getLong(f.countField(), -1) : f.count();
                    if (n < 0) {
                        throw new Short(f.name() + ": count field " + f.countField() + " is missing");
                    }
                    List<Object> items = new ArrayList<>();
                    for (long i = 0; i < Math.min(n, MAX_ARRAY); i++) {
                        items.add(value(f, out, b, pos, end, pointerSize, off));
                    }
                    out.add(f.name(), items);
                } else if (!number(f, out, b, pos, end, pointerSize, off)) {
                    out.add(f.name(), value(f, out, b, pos, end, pointerSize, off));
                }
            } catch (Short s) {
                out.problem(layout.name() + ": " + s.getMessage());
                out.consumed(pos[0] - off);
                return out;
            }
        }
        out.consumed(pos[0] - off);
        return out;
    }

    /** A field that does not fit the payload; thrown inside this class only. */
    private static final class Short extends Exception {
        private static final long serialVersionUID = 1L;

        Short(String message) {
            super(message, null, false, false);
        }
    }

    private static int need(Field f, int[] pos, int end, int n, int off) throws Short {
        if (n < 0 || end - pos[0] < n) {
            throw new Short("need " + n + " bytes for " + f.name() + " at payload offset " + (pos[0] - off)
                    + ", have " + Math.max(0, end - pos[0]));
        }
        int p = pos[0];
        pos[0] += n;
        return p;
    }

    /** Integer-like scalar fields go into {@code out} unboxed; false when {@code f} is not one. */
    private static boolean number(Field f, Decoded out, byte[] b, int[] pos, int end, int ptr, int base) throws Short {
        long v;
        byte tag = Decoded.NUM;
        switch (f.type()) {
            case INT8: v = b[need(f, pos, end, 1, base)]; break;
            case UINT8: v = b[need(f, pos, end, 1, base)] & 0xFF; break;
            case INT16: v = (short) Bytes.u16(b, need(f, pos, end, 2, base)); break;
            case UINT16: v = Bytes.u16(b, need(f, pos, end, 2, base)); break;
            case INT32: v = Bytes.i32(b, need(f, pos, end, 4, base)); break;
            case UINT32: v = Bytes.u32(b, need(f, pos, end, 4, base)); break;
            case INT64: v = Bytes.i64(b, need(f, pos, end, 8, base)); break;
            case UINT64: v = Bytes.i64(b, need(f, pos, end, 8, base)); tag = Decoded.U64; break;
            case BOOLEAN: v = Bytes.i32(b, need(f, pos, end, 4, base)) != 0 ? 1 : 0; tag = Decoded.BOOL; break;
            case HEXINT32: v = Bytes.u32(b, need(f, pos, end, 4, base)); tag = Decoded.HEX; break;
            case HEXINT64: v = Bytes.i64(b, need(f, pos, end, 8, base)); tag = Decoded.HEX; break;
            case POINTER: v = pointer(f, b, pos, end, ptr, base); tag = Decoded.HEX; break;
            case SIZET: v = pointer(f, b, pos, end, ptr, base); break;
            default: return false;
        }
        out.addNum(f.name(), v, tag);
        return true;
    }

    /** Reads one value of field {@code f}; {@code base} is where the payload starts, for problem messages. */
    private static Object value(Field f, Fields out, byte[] b, int[] pos, int end, int ptr, int base) throws Short {
        switch (f.type()) {
            case INT8: return (long) b[need(f, pos, end, 1, base)];
            case UINT8: return (long) (b[need(f, pos, end, 1, base)] & 0xFF);
            case INT16: return (long) (short) Bytes.u16(b, need(f, pos, end, 2, base));
            case UINT16: return (long) Bytes.u16(b, need(f, pos, end, 2, base));
            case INT32: return (long) Bytes.i32(b, need(f, pos, end, 4, base));
            case UINT32: return Bytes.u32(b, need(f, pos, end, 4, base));
            case INT64: return Bytes.i64(b, need(f, pos, end, 8, base));
            case UINT64: {
                long v = Bytes.i64(b, need(f, pos, end, 8, base));
                return v >= 0 ? (Object) v : Long.toUnsignedString(v);
            }
            case FLOAT: return (double) Float.intBitsToFloat(Bytes.i32(b, need(f, pos, end, 4, base)));
            case DOUBLE: return Double.longBitsToDouble(Bytes.i64(b, need(f, pos, end, 8, base)));
            case BOOLEAN: return Bytes.i32(b, need(f, pos, end, 4, base)) != 0;
            case HEXINT32: return Decoded.Hex.of(Bytes.u32(b, need(f, pos, end, 4, base)));
            case HEXINT64: return Decoded.Hex.of(Bytes.i64(b, need(f, pos, end, 8, base)));
            case POINTER: return Decoded.Hex.of(pointer(f, b, pos, end, ptr, base));
            case SIZET: return pointer(f, b, pos, end, ptr, base);
            case GUID: return Guid.fromLittleEndian(b, need(f, pos, end, 16, base)).toString();
            case FILETIME: return Times.iso(Bytes.i64(b, need(f, pos, end, 8, base)));
            case SYSTEMTIME: return systemTime(b, need(f, pos, end, 16, base));
            case SID: return sid(f, b, pos, end, base);
            case KERNEL_SID: {
                if (end - pos[0] >= 4 && Bytes.i32(b, pos[0]) == 0) {
                    pos[0] += 4; // no user: four zero bytes
                    return "";
                }
                need(f, pos, end, 2 * ptr, base); // TOKEN_USER: PSID and attributes, pointer-aligned
                return sid(f, b, pos, end, base);
            }
            case UNICODE_STRING: return f.lengthField() != null || f.length() > 0
                    ? untilNul(new String(b, need(f, pos, end, length(f, out), base), length(f, out), StandardCharsets.UTF_16LE))
                    : utf16z(b, pos, end);
            case ANSI_STRING: return f.lengthField() != null || f.length() > 0
                    ? untilNul(new String(b, need(f, pos, end, length(f, out), base), length(f, out), StandardCharsets.ISO_8859_1))
                    : ansiz(b, pos, end);
            case BINARY: {
                int n = length(f, out);
                int p = need(f, pos, end, n, base);
                return Decoded.Hex.bytes(java.util.Arrays.copyOfRange(b, p, p + n));
            }
            case SOCKADDR: {
                int n = length(f, out);
                return Sockaddrs.format(b, need(f, pos, end, n, base), n);
            }
            case PORT_BE: {
                int p = need(f, pos, end, 2, base);
                return (long) ((b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF));
            }
            case IPV4: return Sockaddrs.ipv4(b, need(f, pos, end, 4, base));
            case IPV6: return Sockaddrs.ipv6(b, need(f, pos, end, 16, base));
            default: throw new IllegalStateException("unhandled type " + f.type());
        }
    }

    /**
     * One field's value at {@code pos[0]} (PayloadView: the caller has checked that the field fits), with lengths
     * from {@code lengths}; null if it does not fit after all.
     */
    static Object read(Field f, Fields lengths, byte[] b, int[] pos, int end, int ptr, int base) {
        try {
            return value(f, lengths, b, pos, end, ptr, base);
        } catch (Short s) {
            return null;
        }
    }

    private static long pointer(Field f, byte[] b, int[] pos, int end, int ptr, int base) throws Short {
        return ptr == 4 ? Bytes.u32(b, need(f, pos, end, 4, base)) : Bytes.i64(b, need(f, pos, end, 8, base));
    }

    private static int length(Field f, Fields out) throws Short {
        if (f.lengthField() == null) {
            return f.length();
        }
        long n = out.getLong(f.lengthField(), -1);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new Short(f.name() + ": length field " + f.lengthField() + " is " + (n < 0 ? "missing" : n));
        }
        return (int) n;
    }

    private static String sid(Field f, byte[] b, int[] pos, int end, int base) throws Short {
        int p = need(f, pos, end, 8, base);
        need(f, pos, end, 4 * (b[p + 1] & 0xFF), base);
        return sidText(b, p);
    }

    /**
     * A binary SID (revision u8, sub-authority count u8, 48-bit big-endian authority, u32 sub-authorities) as
     * "S-1-5-21-...". The caller has checked that all of it is in {@code b}.
     */
    static String sidText(byte[] b, int p) {
        int subs = b[p + 1] & 0xFF;
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (b[p + i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder("S-").append(b[p] & 0xFF).append('-').append(authority);
        for (int i = 0; i < subs; i++) {
            sb.append('-').append(Bytes.u32(b, p + 8 + 4 * i));
        }
        return sb.toString();
    }

    /** Fixed-size string fields are NUL-padded. */
    private static String untilNul(String s) {
        int i = s.indexOf('\0');
        return i < 0 ? s : s.substring(0, i);
    }

    private static String utf16z(byte[] b, int[] pos, int end) {
        int s = pos[0];
        int i = s;
        while (i + 1 < end && (b[i] != 0 || b[i + 1] != 0)) {
            i += 2;
        }
        pos[0] = Math.min(i + 2, end);
        return new String(b, s, Math.max(0, Math.min(i, end) - s), StandardCharsets.UTF_16LE);
    }

    private static String ansiz(byte[] b, int[] pos, int end) {
        int s = pos[0];
        int i = s;
        while (i < end && b[i] != 0) {
            i++;
        }
        pos[0] = Math.min(i + 1, end);
        return new String(b, s, i - s, StandardCharsets.ISO_8859_1);
    }

    private static String systemTime(byte[] b, int p) {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", Bytes.u16(b, p), Bytes.u16(b, p + 2), Bytes.u16(b, p + 6),
                Bytes.u16(b, p + 8), Bytes.u16(b, p + 10), Bytes.u16(b, p + 12), Bytes.u16(b, p + 14));
    }
}
