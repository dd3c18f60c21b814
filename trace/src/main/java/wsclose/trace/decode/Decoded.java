package wsclose.trace.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fields decoded from one payload, in layout order. Values are Long (integers), Double, Boolean,
 * String (strings, GUIDs, SIDs, times as ISO-8601, socket addresses), {@link Hex} (pointers, hex
 * integers, binary), or a List of those for arrays. {@code problem} is non-null when the payload was
 * shorter than its layout (or otherwise did not fit): the fields before the problem are still there.
 */
public final class Decoded implements Fields {
    /** How a number stored unboxed is shown: as a Long, as {@link Hex}, as a Boolean, or as an unsigned 64-bit. */
    static final byte NUM = 1;
    static final byte HEX = 2;
    static final byte BOOL = 3;
    static final byte U64 = 4;

    private String layout;
    private String[] names;
    private Object[] objs;
    /** Numbers are kept unboxed (the decode hot path reads them with {@link #getLong}); 0 = not a number. */
    private long[] nums;
    private byte[] tags;
    private int size;
    private String problem;
    private int consumed;

    public Decoded(String layout) {
        this(layout, 8);
    }

    Decoded(String layout, int fields) {
        this.layout = layout;
        int n = Math.max(fields, 1);
        this.names = new String[n];
        this.objs = new Object[n];
        this.nums = new long[n];
        this.tags = new byte[n];
    }

    /** Empties this instance for the next payload: the socket decoder reuses one per thread, allocating nothing per event. */
    /** The decoder's read position, reused across events (LayoutDecoder). */
    final int[] pos = new int[1];

    Decoded reset(String layoutName) {
        this.layout = layoutName;
        this.size = 0;
        this.problem = null;
        this.consumed = 0;
        return this;
    }

    void add(String name, Object value) {
        int i = slot(name);
        objs[i] = value;
        tags[i] = 0;
    }

    /** Adds a number without boxing it; {@code tag} says how {@link #get} shows it. */
    void addNum(String name, long value, byte tag) {
        int i = slot(name);
        objs[i] = null;
        nums[i] = value;
        tags[i] = tag;
    }

    private int slot(String name) {
        if (size == names.length) {
            int n = size * 2;
            names = java.util.Arrays.copyOf(names, n);
            objs = java.util.Arrays.copyOf(objs, n);
            nums = java.util.Arrays.copyOf(nums, n);
            tags = java.util.Arrays.copyOf(tags, n);
        }
        names[size] = name;
        return size++;
    }

    private Object box(int i) {
        switch (tags[i]) {
            case HEX: return Hex.of(nums[i]);
            case BOOL: return nums[i] != 0;
            case U64: return nums[i] >= 0 ? (Object) nums[i] : Long.toUnsignedString(nums[i]);
            case NUM: return nums[i];
            default: return objs[i];
        }
    }

    void consumed(int n) {
        this.consumed = n;
    }

    /** Payload bytes the layout covered; less than the payload length means the layout ended early. */
    public int consumed() {
        return consumed;
    }

    void problem(String p) {
        this.problem = p;
    }

    public String layout() {
        return layout;
    }

    public List<String> names() {
        return Collections.unmodifiableList(java.util.Arrays.asList(names).subList(0, size));
    }

    public List<Object> values() {
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(box(i));
        }
        return Collections.unmodifiableList(out);
    }

    public int size() {
        return size;
    }

    private int index(String name) {
        // Field names come from string constants, so an identity match is the common case.
        for (int i = 0; i < size; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(String name) {
        int i = index(name);
        return i < 0 ? null : box(i);
    }

    /** An integer field (Long or Hex) as a long, or {@code fallback} when absent. */
    @Override
    public long getLong(String name, long fallback) {
        int i = index(name);
        if (i >= 0 && tags[i] != 0) {
            return nums[i];
        }
        Object v = i < 0 ? null : objs[i];
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Hex) {
            return ((Hex) v).value();
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? 1 : 0;
        }
        return fallback;
    }

    @Override
    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    /** Null when every field decoded. */
    public String problem() {
        return problem;
    }

    /** A number printed in hex ("0xffffa50c3e5f2010"), or bytes printed as hex, never as a JSON number. */
    public record Hex(long value, byte[] bytes) {
        public static Hex of(long v) {
            return new Hex(v, null);
        }

        public static Hex bytes(byte[] b) {
            return new Hex(0, b);
        }

        @Override
        public String toString() {
            if (bytes == null) {
                return "0x" + Long.toHexString(value);
            }
            StringBuilder sb = new StringBuilder(bytes.length * 2);
            for (byte x : bytes) {
                sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return sb.toString();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(layout).append('{');
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(box(i));
        }
        if (problem != null) {
            sb.append(size == 0 ? "" : ", ").append("problem=").append(problem);
        }
        return sb.append('}').toString();
    }
}
