package wsclose.trace.decode;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Times;

/**
 * Decodes TraceLogging (self-describing, manifest-free) events: EVENT_HEADER events that carry their
 * own schema in an extended-data item of type 0x0B EVENT_SCHEMA_TL (etl-format.md §A.5.3). .NET
 * EventSource in self-describing mode writes the same format.
 *
 * <p>The schema (TraceLoggingProvider.h "EventMetadata"): u16 total size; extension (tag) bytes, the
 * last one with its high bit clear; the NUL-terminated UTF-8 event name; then per field: NUL-terminated
 * UTF-8 name, u8 InType (low 5 bits the type, 0x20 constant-count array with a u16 count in the
 * metadata, 0x40 variable-count array with a u16 count in the payload, both = custom-serialized, 0x80 an
 * OutType byte follows), the OutType byte (0x80: tag bytes follow, again until a byte with the high bit
 * clear), then the u16 constant count, or for a custom field a u16 size and that many type-info bytes.
 * A struct (InType 24) has no data of its own: it groups the next N fields, N = OutType &amp; 0x7F.
 *
 * <p>The payload is packed: fixed-size values end to end; NUL-terminated strings; Binary, counted
 * strings and counted binary as a u16 byte count then the bytes; a variable-count array as a u16 count
 * then the values; a custom field as a u16 size then the bytes.
 *
 * <p>Values follow {@link Decoded}'s conventions (Long, Double, Boolean, String, {@link Decoded.Hex},
 * List for arrays), refined by the OutType where it changes the meaning: Boolean on UInt8/UInt32,
 * Hex, IPv4 on UInt32, big-endian Port on UInt16, IPv6 and SocketAddress on binaries, UTF-8 on ANSI
 * strings. Struct members are named {@code Struct.Member}, arrays of structs {@code Struct[i].Member}.
 * Nothing here throws: bad metadata or a short payload gives a {@link Decoded} whose {@code problem()}
 * says what, with the fields decoded before it.
 */
public final class TraceLogging {
    /** EVENT_HEADER_EXT_TYPE_EVENT_SCHEMA_TL. */
    public static final int EXT_SCHEMA_TL = 0x0B;
    /** EVENT_HEADER_EXT_TYPE_PROV_TRAITS. */
    public static final int EXT_PROV_TRAITS = 0x0C;

    private static final int IN_TYPE_MASK = 0x1F;
    private static final int IN_CCOUNT = 0x20;
    private static final int IN_VCOUNT = 0x40;
    private static final int IN_CUSTOM = 0x60;
    private static final int IN_CHAIN = 0x80;

    private static final int STRUCT = 24;
    private static final int OUT_STRING = 2;
    private static final int OUT_BOOLEAN = 3;
    private static final int OUT_HEX = 4;
    private static final int OUT_PORT = 7;
    private static final int OUT_IPV4 = 8;
    private static final int OUT_IPV6 = 9;
    private static final int OUT_SOCKETADDRESS = 10;
    private static final int OUT_NTSTATUS = 14;
    private static final int OUT_HRESULT = 15;
    private static final int OUT_FILETIME = 16;
    private static final int OUT_UTF8 = 35;
    private static final int OUT_CODEPOINTER = 37;

    /** Structs nested deeper than this are refused (metadata is untrusted). */
    private static final int MAX_DEPTH = 32;
    /** At most this many values per event, whatever the counts say. */
    private static final int MAX_VALUES = 100_000;

    private static final Charset WINDOWS_1252 = windows1252();

    private TraceLogging() {
    }

    /**
     * The event's fields decoded by its TraceLogging schema, or null when the event has no schema item
     * (not an EVENT_HEADER event, or a manifest event).
     */
    public static Decoded decode(EtwEvent ev) {
        if (ev.kind() != HeaderKind.EVENT) {
            return null;
        }
        int[] item = findItem(ev, EXT_SCHEMA_TL);
        if (item == null) {
            return null;
        }
        return decode(ev.array(), item[0], item[1], ev.array(), ev.payloadOffset(), ev.payloadLength(), ev.pointerSize());
    }

    /** Decodes a payload by a schema blob (the data of a 0x0B item). */
    public static Decoded decode(byte[] schema, int schemaOff, int schemaLen, byte[] payload, int off, int len, int pointerSize) {
        Meta meta = new Meta(schema, schemaOff, schemaLen);
        String name;
        List<Node> fields;
        try {
            name = meta.header();
        } catch (Bad e) {
            Decoded d = new Decoded("TraceLogging");
            d.problem("TraceLogging schema: " + e.getMessage());
            return d;
        }
        Decoded out = new Decoded(name);
        try {
            fields = meta.fields();
        } catch (Bad e) {
            out.problem(name + ": TraceLogging schema: " + e.getMessage());
            return out;
        }
        Reader r = new Reader(payload, off, len, pointerSize, out);
        try {
            for (Node f : fields) {
                r.field(f, "");
            }
        } catch (Bad e) {
            out.problem(name + ": " + e.getMessage());
        }
        out.consumed(r.pos - off);
        return out;
    }

    /** The event name from the schema item, or null when there is none or it is malformed. */
    public static String eventName(EtwEvent ev) {
        int[] item = ev.kind() == HeaderKind.EVENT ? findItem(ev, EXT_SCHEMA_TL) : null;
        if (item == null) {
            return null;
        }
        try {
            return new Meta(ev.array(), item[0], item[1]).header();
        } catch (Bad e) {
            return null;
        }
    }

    /**
     * The provider name from a PROV_TRAITS item (0x0C: u16 size, NUL-terminated UTF-8 name, traits),
     * which TraceLogging providers attach to their events; null when absent or malformed.
     */
    public static String providerName(EtwEvent ev) {
        int[] item = ev.kind() == HeaderKind.EVENT ? findItem(ev, EXT_PROV_TRAITS) : null;
        if (item == null || item[1] < 3) {
            return null;
        }
        byte[] b = ev.array();
        int end = item[0] + Math.min(item[1], Math.max(2, Bytes.u16(b, item[0])));
        int s = item[0] + 2;
        int i = s;
        while (i < end && b[i] != 0) {
            i++;
        }
        return i >= end || i == s ? null : new String(b, s, i - s, StandardCharsets.UTF_8);
    }

    /** Offset and length of the data of the first extended item of {@code type}, or null. */
    static int[] findItem(EtwEvent ev, int type) {
        byte[] b = ev.array();
        int p = ev.extendedOffset();
        int end = p + ev.extendedLength();
        while (p + 8 <= end) {
            int size = Bytes.u16(b, p);
            int t = Bytes.u16(b, p + 2);
            int linkage = Bytes.u16(b, p + 4);
            int dataSize = Bytes.u16(b, p + 6);
            if (p + 8 + dataSize > end) {
                return null;
            }
            if (t == type) {
                return new int[] {p + 8, dataSize};
            }
            if ((linkage & 1) == 0) {
                return null;
            }
            int step = Math.max(size, 8 + ((dataSize + 7) & ~7));
            p += step;
        }
        return null;
    }

    // ---------------------------------------------------------------- metadata

    /** Malformed metadata or payload; carries the one-line reason. Never leaves this class. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    /** One field of the schema; a struct has children and no type of its own. */
    private record Node(String name, int type, int outType, int countKind, int count, List<Node> children) {
    }

    private static final class Meta {
        private final byte[] b;
        private final int start;
        private final int end;
        private int pos;

        Meta(byte[] b, int off, int len) {
            this.b = b;
            this.start = off;
            int e = off + len;
            if (len >= 2) {
                int declared = Bytes.u16(b, off);
                if (declared >= 2 && declared < len) {
                    e = off + declared; // the blob may be padded
                }
            }
            this.end = e;
        }

        String header() throws Bad {
            pos = start;
            if (end - pos < 2) {
                throw new Bad("schema item of " + (end - start) + " bytes is too short");
            }
            int declared = Bytes.u16(b, pos);
            if (declared > end - start) {
                throw new Bad("schema size " + declared + " exceeds the item's " + (end - start) + " bytes");
            }
            pos += 2;
            skipTags("event");
            return cstring("event name");
        }

        List<Node> fields() throws Bad {
            List<Node> out = new ArrayList<>();
            while (pos < end) {
                out.add(field(0));
            }
            return out;
        }

        private Node field(int depth) throws Bad {
            int at = pos - start;
            String name = cstring("field name");
            if (pos >= end) {
                throw new Bad("field " + name + " has no InType (schema offset " + at + ")");
            }
            int in = b[pos++] & 0xFF;
            int out = 0;
            if ((in & IN_CHAIN) != 0) {
                if (pos >= end) {
                    throw new Bad("field " + name + " has no OutType");
                }
                out = b[pos++] & 0xFF;
                if ((out & 0x80) != 0) {
                    skipTags("field " + name);
                }
                out &= 0x7F;
            }
            int type = in & IN_TYPE_MASK;
            int countKind = in & IN_CUSTOM;
            int count = 1;
            if (countKind == IN_CCOUNT) {
                count = u16("constant count of " + name);
            } else if (countKind == IN_CUSTOM) {
                int size = u16("type-info size of " + name);
                if (end - pos < size) {
                    throw new Bad("type info of custom field " + name + " (" + size + " bytes) runs past the schema");
                }
                pos += size;
            }
            List<Node> children = List.of();
            if (type == STRUCT && countKind != IN_CUSTOM) {
                if (depth >= MAX_DEPTH) {
                    throw new Bad("structs nested more than " + MAX_DEPTH + " deep at field " + name);
                }
                int n = out;
                if (n == 0) {
                    throw new Bad("struct " + name + " has no fields");
                }
                children = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    if (pos >= end) {
                        throw new Bad("struct " + name + " declares " + n + " fields, the schema ends after " + i);
                    }
                    children.add(field(depth + 1));
                }
            }
            return new Node(name, type, out, countKind, count, children);
        }

        private void skipTags(String what) throws Bad {
            while (true) {
                if (pos >= end) {
                    throw new Bad("tags of " + what + " run past the schema");
                }
                if ((b[pos++] & 0x80) == 0) {
                    return;
                }
            }
        }

        private int u16(String what) throws Bad {
            if (end - pos < 2) {
                throw new Bad(what + " runs past the schema");
            }
            int v = Bytes.u16(b, pos);
            pos += 2;
            return v;
        }

        private String cstring(String what) throws Bad {
            int s = pos;
            while (pos < end && b[pos] != 0) {
                pos++;
            }
            if (pos >= end) {
                throw new Bad(what + " at schema offset " + (s - start) + " is not NUL-terminated");
            }
            String v = new String(b, s, pos - s, StandardCharsets.UTF_8);
            pos++;
            return v;
        }
    }

    // ---------------------------------------------------------------- payload

    private static final class Reader {
        private final byte[] b;
        private final int off;
        private final int end;
        private final int ptr;
        private final Decoded out;
        int pos;
        private int values;

        Reader(byte[] b, int off, int len, int ptr, Decoded out) {
            this.b = b;
            this.off = off;
            this.end = off + len;
            this.ptr = ptr;
            this.out = out;
            this.pos = off;
        }

        void field(Node f, String prefix) throws Bad {
            String name = prefix + f.name();
            if (f.countKind() == IN_CUSTOM) {
                int n = u16(name);
                add(name, Decoded.Hex.bytes(take(name, n)));
                return;
            }
            boolean array = f.countKind() != 0;
            int count = f.countKind() == IN_VCOUNT ? u16(name) : f.count();
            if (f.type() == STRUCT) {
                for (int i = 0; i < (array ? count : 1); i++) {
                    String p = array ? name + "[" + i + "]." : name + ".";
                    for (Node c : f.children()) {
                        field(c, p);
                    }
                }
                return;
            }
            if (!array) {
                add(name, value(f, name));
                return;
            }
            if (f.outType() == OUT_STRING && (f.type() == 4 || f.type() == 6)) {
                // An array of CHAR or WCHAR is text (TraceLoggingCharArray, TraceLoggingWCharArray).
                int unit = f.type() == 4 ? 1 : 2;
                int p = need(name, count * unit);
                add(name, new String(b, p, count * unit, unit == 1 ? WINDOWS_1252 : StandardCharsets.UTF_16LE));
                return;
            }
            List<Object> items = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                items.add(value(f, name));
                count(name);
            }
            add(name, items);
        }

        private void add(String name, Object v) throws Bad {
            count(name);
            out.add(name, v);
        }

        private void count(String name) throws Bad {
            if (++values > MAX_VALUES) {
                throw new Bad("more than " + MAX_VALUES + " values (at " + name + ")");
            }
        }

        private int need(String name, int n) throws Bad {
            if (end - pos < n) {
                throw new Bad("need " + n + " bytes for " + name + " at payload offset " + (pos - off) + ", have "
                        + Math.max(0, end - pos));
            }
            int p = pos;
            pos += n;
            return p;
        }

        private int u16(String name) throws Bad {
            return Bytes.u16(b, need(name, 2));
        }

        private byte[] take(String name, int n) throws Bad {
            int p = need(name, n);
            return Arrays.copyOfRange(b, p, p + n);
        }

        private Object value(Node f, String name) throws Bad {
            int o = f.outType();
            switch (f.type()) {
                case 0: return "";
                case 1: return utf16z(name);
                case 2: return ansiz(name, o);
                case 3: return (long) b[need(name, 1)];
                case 4: {
                    // OutType String (a CHAR) stays a number, as TraceEvent prints it.
                    long v = b[need(name, 1)] & 0xFF;
                    return o == OUT_BOOLEAN ? (Object) (v != 0) : o == OUT_HEX ? Decoded.Hex.of(v) : v;
                }
                case 5: return (long) (short) Bytes.u16(b, need(name, 2));
                case 6: {
                    int p = need(name, 2);
                    if (o == OUT_PORT) {
                        return (long) ((b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF));
                    }
                    long v = Bytes.u16(b, p);
                    return o == OUT_HEX ? Decoded.Hex.of(v) : v;
                }
                case 7: {
                    int v = Bytes.i32(b, need(name, 4));
                    return o == OUT_HEX || o == OUT_NTSTATUS || o == OUT_HRESULT ? (Object) Decoded.Hex.of(v & 0xFFFF_FFFFL)
                            : o == OUT_BOOLEAN ? (Object) (v != 0) : (Object) (long) v;
                }
                case 8: {
                    int p = need(name, 4);
                    if (o == OUT_IPV4) {
                        return Sockaddrs.ipv4(b, p);
                    }
                    long v = Bytes.u32(b, p);
                    return o == OUT_HEX || o == OUT_NTSTATUS || o == OUT_HRESULT ? (Object) Decoded.Hex.of(v)
                            : o == OUT_BOOLEAN ? (Object) (v != 0) : (Object) v;
                }
                case 9: {
                    long v = Bytes.i64(b, need(name, 8));
                    return o == OUT_HEX || o == OUT_CODEPOINTER ? (Object) Decoded.Hex.of(v)
                            : o == OUT_FILETIME ? (Object) Times.iso(v) : (Object) v;
                }
                case 10: {
                    long v = Bytes.i64(b, need(name, 8));
                    if (o == OUT_HEX || o == OUT_CODEPOINTER) {
                        return Decoded.Hex.of(v);
                    }
                    if (o == OUT_FILETIME) {
                        return Times.iso(v);
                    }
                    return v >= 0 ? (Object) v : Long.toUnsignedString(v);
                }
                case 11: return (double) Float.intBitsToFloat(Bytes.i32(b, need(name, 4)));
                case 12: return Double.longBitsToDouble(Bytes.i64(b, need(name, 8)));
                case 13: return Bytes.i32(b, need(name, 4)) != 0;
                case 14:
                case 25: return binary(name, u16(name), o);
                case 15: return Guid.fromLittleEndian(b, need(name, 16)).toString();
                case 16: {
                    int p = need(name, ptr);
                    return Decoded.Hex.of(ptr == 4 ? Bytes.u32(b, p) : Bytes.i64(b, p));
                }
                case 17: return Times.iso(Bytes.i64(b, need(name, 8)));
                case 18: return systemTime(b, need(name, 16));
                case 19: return sid(name);
                case 20: return Decoded.Hex.of(Bytes.u32(b, need(name, 4)));
                case 21: return Decoded.Hex.of(Bytes.i64(b, need(name, 8)));
                case 22: {
                    int n = u16(name);
                    int p = need(name, n);
                    return new String(b, p, n & ~1, StandardCharsets.UTF_16LE);
                }
                case 23: {
                    int n = u16(name);
                    int p = need(name, n);
                    return new String(b, p, n, ansiCharset(o));
                }
                default:
                    throw new Bad("field " + name + " has unknown TraceLogging InType " + f.type());
            }
        }

        private Object binary(String name, int n, int o) throws Bad {
            int p = need(name, n);
            if (o == OUT_IPV6 && n == 16) {
                return Sockaddrs.ipv6(b, p);
            }
            if (o == OUT_SOCKETADDRESS) {
                return Sockaddrs.format(b, p, n);
            }
            return Decoded.Hex.bytes(Arrays.copyOfRange(b, p, p + n));
        }

        private String utf16z(String name) throws Bad {
            int s = pos;
            int i = s;
            while (i + 1 < end && (b[i] != 0 || b[i + 1] != 0)) {
                i += 2;
            }
            if (i + 1 >= end) {
                throw new Bad("string " + name + " at payload offset " + (s - off) + " is not NUL-terminated");
            }
            pos = i + 2;
            return new String(b, s, i - s, StandardCharsets.UTF_16LE);
        }

        private String ansiz(String name, int outType) throws Bad {
            int s = pos;
            int i = s;
            while (i < end && b[i] != 0) {
                i++;
            }
            if (i >= end) {
                throw new Bad("string " + name + " at payload offset " + (s - off) + " is not NUL-terminated");
            }
            pos = i + 1;
            return new String(b, s, i - s, ansiCharset(outType));
        }

        private String sid(String name) throws Bad {
            int p = need(name, 8);
            need(name, 4 * (b[p + 1] & 0xFF));
            return LayoutDecoder.sidText(b, p);
        }
    }

    /** ANSI strings: UTF-8 when the OutType says so, else the Western code page Windows calls ANSI. */
    private static Charset ansiCharset(int outType) {
        return outType == OUT_UTF8 ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    private static Charset windows1252() {
        try {
            return Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static String systemTime(byte[] b, int p) {
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", Bytes.u16(b, p), Bytes.u16(b, p + 2), Bytes.u16(b, p + 6),
                Bytes.u16(b, p + 8), Bytes.u16(b, p + 10), Bytes.u16(b, p + 12), Bytes.u16(b, p + 14));
    }
}
