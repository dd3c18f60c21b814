package wsclose.trace.decode;

import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;

/**
 * One payload read in place: a field is read only when a mapping asks for it, at an offset computed once
 * per (layout, pointer size) for the fixed-size prefix and once per payload for the fields after the first
 * variable-size one. The socket decoder's hot path: it boxes, copies and formats nothing the mapping does
 * not read (a send's remote address is formatted only if its mapping wants it). Sizes follow the same rules
 * as {@link LayoutDecoder} (etl-format.md §B.0); whenever a payload does not fit its layout, the payload is
 * decoded by {@link LayoutDecoder} instead, so problems read exactly as they do in {@code events}.
 * Layouts with arrays are always decoded that way (no socket event of wsclose has one).
 */
final class PayloadView implements Fields {
    /** A layout compiled for one pointer size. */
    static final class Plan {
        final Layout layout;
        final Field[] fields;
        final int pointerSize;
        /** Offset of field i from the payload's start, for i below {@link #firstVariable}. */
        final int[] fixed;
        /** Where the fixed-size prefix ends: a shorter payload does not fit. */
        final int prefixEnd;
        /** The first field whose size depends on the payload's bytes; fields.length when there is none. */
        final int firstVariable;
        final boolean hasArray;
        /** Field names hashed for {@link #index}: open addressing on String.hashCode (cached in the String). */
        final String[] table;
        final int[] tableIndex;
        /** For each field sized by an earlier one (lengthField), that field's index, resolved once; else -1. */
        final int[] lengthIndex;
        /** How {@link #longAt} reads field i ({@code READ_*}): a switch on bytes, the pointer size resolved here. */
        final byte[] reads;
        /**
         * {@link #fixedSize} of each field at this pointer size, or -1: the walk over the variable part asks it of
         * every field there for every payload (the walk was a tenth of the decoding thread's samples, warm).
         */
        final int[] sizes;

        Plan(Layout layout, int pointerSize) {
            this.layout = layout;
            this.fields = layout.fields().toArray(new Field[0]);
            this.pointerSize = pointerSize;
            this.fixed = new int[fields.length];
            this.sizes = new int[fields.length];
            int p = 0;
            int first = fields.length;
            boolean arrays = false;
            for (int i = 0; i < fields.length; i++) {
                arrays |= fields[i].isArray();
                int size = fixedSize(fields[i], pointerSize);
                sizes[i] = size;
                if (first == fields.length) {
                    fixed[i] = p;
                    if (size < 0) {
                        first = i;
                    } else {
                        p += size;
                    }
                }
            }
            this.prefixEnd = p;
            this.firstVariable = first;
            this.hasArray = arrays;
            int size = Integer.highestOneBit(Math.max(4, fields.length * 4) - 1) << 1;
            this.table = new String[size];
            this.tableIndex = new int[size];
            for (int i = fields.length - 1; i >= 0; i--) { // the first of two fields with one name wins, as in Decoded
                String n = fields[i].name();
                int h = n.hashCode() & (size - 1);
                while (table[h] != null && !table[h].equals(n)) {
                    h = (h + 1) & (size - 1);
                }
                table[h] = n;
                tableIndex[h] = i;
            }
            this.lengthIndex = new int[fields.length];
            this.reads = new byte[fields.length];
            for (int i = 0; i < fields.length; i++) {
                lengthIndex[i] = fields[i].lengthField() == null ? -1 : index(fields[i].lengthField());
                reads[i] = read(fields[i].type(), pointerSize);
            }
            this.byKey = resolved(new int[0]);
        }

        /** Field index by {@link FieldKey#id}, -1 when this layout has no such field: every key known, resolved. */
        private int[] byKey;

        /** {@code known} grown to every key that exists now, the new ones resolved by name. */
        private int[] resolved(int[] known) {
            String[] names = FieldKey.names();
            int[] t = java.util.Arrays.copyOf(known, Math.max(known.length, names.length));
            for (int id = known.length; id < names.length; id++) {
                t[id] = index(names[id]);
            }
            return t;
        }

        /**
         * The index of the field {@code key} names, or -1. The decoders call this for every field they read: it is
         * kept under the JIT's inlining limit for hot calls (the launcher's FreqInlineSize of 35 bytes), so every
         * key is resolved when the layout is compiled, and a key made after that is resolved by {@link #resolve}.
         */
        int index(FieldKey key) {
            int[] t = byKey;
            int id = key.id;
            return id < t.length ? t[id] : resolve(key);
        }

        private int resolve(FieldKey key) {
            byKey = resolved(byKey);
            return byKey[key.id];
        }

        /** The index of the field called {@code name}, or -1. */
        int index(String name) {
            int mask = table.length - 1;
            int h = name.hashCode() & mask;
            for (String n; (n = table[h]) != null; h = (h + 1) & mask) {
                if (n == name || n.equals(name)) {
                    return tableIndex[h];
                }
            }
            return -1;
        }
    }

    /** The size of a field that does not depend on the payload's bytes, or -1. */
    static int fixedSize(Field f, int ptr) {
        if (f.isArray() || f.lengthField() != null) {
            return -1;
        }
        int s = f.type().size();
        if (s == -1) {
            return ptr;
        }
        if (s > 0) {
            return s;
        }
        switch (f.type()) {
            case UNICODE_STRING:
            case ANSI_STRING:
            case BINARY:
            case SOCKADDR:
                return f.length() > 0 ? f.length() : f.type() == FieldType.BINARY || f.type() == FieldType.SOCKADDR ? 0 : -1;
            default:
                return -1; // SID, KERNEL_SID: sized by their contents
        }
    }

    private Plan plan;
    private byte[] b;
    private int off;
    private int end;
    /** Offsets of the fields from {@link Plan#firstVariable} on, for this payload. */
    private int[] at = new int[16];
    /** Their sizes, for this payload: a deferred text copies its bytes without sizing the field again. */
    private int[] len = new int[16];
    private final int[] pos = new int[1];
    private final Decoded eager = new Decoded("", 32);
    private boolean useEager;
    private String problem;

    /** Reads {@code ev}'s payload by {@code p} until the next bind. */
    PayloadView bind(Plan p, EtwEvent ev) {
        this.plan = p;
        this.b = ev.array();
        this.off = ev.payloadOffset();
        this.end = off + ev.payloadLength();
        this.problem = null;
        this.useEager = false;
        this.nLaters = 0;
        if (p.hasArray || end - off < p.prefixEnd || !walk()) {
            useEager = true;
            problem = LayoutDecoder.decode(p.layout, ev, eager).problem();
        }
        return this;
    }

    /** Offsets of the variable-size fields; false when one does not fit (LayoutDecoder then says why). */
    private boolean walk() {
        Field[] fs = plan.fields;
        if (plan.firstVariable == fs.length) {
            return true;
        }
        if (at.length < fs.length) {
            at = new int[fs.length];
            len = new int[fs.length];
        }
        int p = off + plan.prefixEnd;
        for (int i = plan.firstVariable; i < fs.length; i++) {
            at[i] = p;
            int size = size(fs[i], i, p);
            if (size < 0 || end - p < size) {
                return false;
            }
            len[i] = size;
            p += size;
        }
        return true;
    }

    /** The size of field {@code f} (number {@code i}) at {@code p} of this payload, or -1 when it cannot be known. */
    private int size(Field f, int i, int p) {
        int ptr = plan.pointerSize;
        int s = plan.sizes[i];
        if (s >= 0) {
            return s;
        }
        switch (f.type()) {
            case UNICODE_STRING:
            case ANSI_STRING:
                if (f.lengthField() != null) {
                    return length(i);
                }
                return f.type() == FieldType.ANSI_STRING ? ansiz(p) : utf16z(p);
            case BINARY:
            case SOCKADDR:
                return length(i);
            case SID:
                return sid(p);
            case KERNEL_SID: {
                if (end - p >= 4 && Bytes.i32(b, p) == 0) {
                    return 4;
                }
                int sid = end - p >= 2 * ptr ? sid(p + 2 * ptr) : -1;
                return sid < 0 ? -1 : 2 * ptr + sid;
            }
            default:
                return -1;
        }
    }

    private int length(int i) {
        int li = plan.lengthIndex[i];
        long n = li < 0 ? -1 : longAt(li, -1);
        return n < 0 || n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private int sid(int p) {
        return end - p < 8 ? -1 : 8 + 4 * (b[p + 1] & 0xFF);
    }

    private int utf16z(int p) {
        int i = p;
        while (i + 1 < end && (b[i] != 0 || b[i + 1] != 0)) {
            i += 2;
        }
        return Math.min(i + 2, end) - p;
    }

    private int ansiz(int p) {
        int i = p;
        while (i < end && b[i] != 0) {
            i++;
        }
        return Math.min(i + 1, end) - p;
    }

    /** Null when the payload fits its layout. */
    String problem() {
        return problem;
    }

    private int index(String name) {
        return plan.index(name);
    }

    private int offset(int i) {
        return i < plan.firstVariable ? off + plan.fixed[i] : at[i];
    }

    @Override
    public long getLong(String name, long fallback) {
        if (useEager) {
            return eager.getLong(name, fallback);
        }
        int i = index(name);
        return i < 0 ? fallback : longAt(i, fallback);
    }

    /*
     * getLong(FieldKey) is called for nearly every field of every event, from some seventy call sites in the mappings:
     * its common case (a field of this layout, read in place) stays under the launcher's inlining limit for hot calls
     * (FreqInlineSize 35 bytes), so that it is inlined into them; the eager and absent cases are calls of their own.
     */
    @Override
    public long getLong(FieldKey key, long fallback) {
        int i = index(key);
        return i >= 0 ? longAt(i, fallback) : notInPlace(key, i, fallback);
    }

    /** The field's index in this payload's plan, -1 when it has none, {@link #EAGER} when the payload was decoded. */
    private int index(FieldKey key) {
        return useEager ? EAGER : plan.index(key);
    }

    /** {@link #getLong(FieldKey, long)}'s index when the payload was decoded eagerly. */
    private static final int EAGER = -2;

    private long notInPlace(FieldKey key, int i, long fallback) {
        return i == EAGER ? eager.getLong(key.name, fallback) : fallback;
    }

    private static final byte READ_NONE = 0;
    private static final byte READ_I8 = 1;
    private static final byte READ_U8 = 2;
    private static final byte READ_I16 = 3;
    private static final byte READ_U16 = 4;
    private static final byte READ_I32 = 5;
    private static final byte READ_U32 = 6;
    private static final byte READ_I64 = 7;
    private static final byte READ_BOOL = 8;
    private static final byte READ_PORT_BE = 9;
    private static final byte READ_ZERO = 10;

    /** How an integer of type {@code t} is read at pointer size {@code ptr}: the cases of Decoded's integers. */
    static byte read(FieldType t, int ptr) {
        switch (t) {
            case INT8: return READ_I8;
            case UINT8: return READ_U8;
            case INT16: return READ_I16;
            case UINT16: return READ_U16;
            case INT32: return READ_I32;
            case UINT32:
            case HEXINT32: return READ_U32;
            case INT64:
            case UINT64:
            case HEXINT64: return READ_I64;
            case BOOLEAN: return READ_BOOL;
            case POINTER:
            case SIZET: return ptr == 4 ? READ_U32 : READ_I64;
            case PORT_BE: return READ_PORT_BE;
            case BINARY: return READ_ZERO; // Decoded holds it as Hex of bytes, whose value is 0
            default: return READ_NONE; // strings, GUIDs, times, floats: not integers (as in Decoded)
        }
    }

    /**
     * Field i as an integer. Small enough to be inlined into the mappings (FreqInlineSize 35): a 64-bit field (a
     * pointer: endpoints, processes, TCBs) read here, the other integers by {@link #otherAt}.
     */
    private long longAt(int i, long fallback) {
        return plan.reads[i] == READ_I64 ? i64At(i) : otherAt(i, fallback);
    }

    private long i64At(int i) {
        return Bytes.i64(b, offset(i));
    }

    private long otherAt(int i, long fallback) {
        int p = offset(i);
        switch (plan.reads[i]) {
            case READ_I8: return b[p];
            case READ_U8: return b[p] & 0xFF;
            case READ_I16: return (short) Bytes.u16(b, p);
            case READ_U16: return Bytes.u16(b, p);
            case READ_I32: return Bytes.i32(b, p);
            case READ_U32: return Bytes.u32(b, p);
            case READ_I64: return Bytes.i64(b, p);
            case READ_BOOL: return Bytes.i32(b, p) != 0 ? 1 : 0;
            case READ_PORT_BE: return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
            case READ_ZERO: return 0;
            default: return fallback;
        }
    }

    @Override
    public Object get(String name) {
        if (useEager) {
            return eager.get(name);
        }
        int i = index(name);
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public Object get(FieldKey key) {
        if (useEager) {
            return eager.get(key.name);
        }
        int i = plan.index(key);
        return i < 0 ? null : valueAt(i);
    }

    private Object valueAt(int i) {
        Field f = plan.fields[i];
        switch (f.type()) {
            case INT8: case UINT8: case INT16: case UINT16: case INT32: case UINT32: case INT64: case SIZET: case PORT_BE:
                return longAt(i, 0);
            default:
                pos[0] = offset(i);
                return LayoutDecoder.read(f, this, b, pos, end, plan.pointerSize, off);
        }
    }

    /** Deferred texts of this payload (a mapping asks for two at most: the addresses); bind() makes them stale. */
    private final Later[] laters = {new Later(), new Later()};
    private int nLaters;

    @Override
    public wsclose.trace.model.SocketEvent.LazyText later(FieldKey key) {
        if (useEager) {
            return Fields.super.later(key);
        }
        int i = plan.index(key);
        if (i < 0) {
            return null;
        }
        if (nLaters == laters.length) {
            return Fields.super.later(key); // not asked for by any mapping: made now
        }
        Later later = laters[nLaters++];
        later.field = i;
        return later;
    }

    private final class Later implements wsclose.trace.model.SocketEvent.LazyText {
        int field;

        @Override
        public String text() {
            Object v = valueAt(field);
            return v == null ? null : v.toString();
        }

        @Override
        public long ip4() {
            Field f = plan.fields[field];
            if (f.type() != FieldType.SOCKADDR) {
                return 0;
            }
            int p = offset(field);
            int n = field >= plan.firstVariable ? len[field] : size(f, field, p);
            return n < 0 || end - p < n ? 0 : Sockaddrs.ip4Key(b, p, n);
        }

        /** A SOCKADDR's bytes copied out (valueAt formats them by {@link Sockaddrs#format} alone); others: null. */
        @Override
        public wsclose.trace.model.SocketEvent.LazyText keep(wsclose.trace.model.SocketEvent.LazyText spare) {
            Field f = plan.fields[field];
            if (f.type() != FieldType.SOCKADDR) {
                return null;
            }
            int p = offset(field);
            int n = field >= plan.firstVariable ? len[field] : size(f, field, p); // walk() sized the variable ones
            if (n < 0 || end - p < n) {
                return null; // bind() found every field in the payload; this is only a guard
            }
            KeptSockaddr k = spare instanceof KeptSockaddr ? (KeptSockaddr) spare : new KeptSockaddr();
            k.set(b, p, n);
            return k;
        }
    }

    /** A socket address's bytes of its own, formatted when read, as {@link LayoutDecoder} formats a SOCKADDR. */
    private static final class KeptSockaddr implements wsclose.trace.model.SocketEvent.LazyText {
        private byte[] bytes = new byte[32];
        private int n;

        void set(byte[] b, int p, int len) {
            if (len > bytes.length) {
                bytes = new byte[len];
            }
            System.arraycopy(b, p, bytes, 0, len);
            n = len;
        }

        @Override
        public String text() {
            return Sockaddrs.format(bytes, 0, n);
        }

        @Override
        public long ip4() {
            return Sockaddrs.ip4Key(bytes, 0, n);
        }
    }
}
