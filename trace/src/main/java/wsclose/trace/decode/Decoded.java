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
public final class Decoded {
    private final String layout;
    private final List<String> names;
    private final List<Object> values;
    private String problem;
    private int consumed;

    public Decoded(String layout) {
        this(layout, 8);
    }

    Decoded(String layout, int fields) {
        this.layout = layout;
        this.names = new ArrayList<>(fields);
        this.values = new ArrayList<>(fields);
    }

    void add(String name, Object value) {
        names.add(name);
        values.add(value);
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
        return Collections.unmodifiableList(names);
    }

    public List<Object> values() {
        return Collections.unmodifiableList(values);
    }

    public int size() {
        return names.size();
    }

    public Object get(String name) {
        // Field names come from string constants, so an identity match is the common case.
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == name) {
                return values.get(i);
            }
        }
        int i = names.indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /** An integer field (Long or Hex) as a long, or {@code fallback} when absent. */
    public long getLong(String name, long fallback) {
        Object v = get(name);
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
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values.get(i));
        }
        if (problem != null) {
            sb.append(i(names.size())).append("problem=").append(problem);
        }
        return sb.append('}').toString();
    }

    private static String i(int n) {
        return n == 0 ? "" : ", ";
    }
}
