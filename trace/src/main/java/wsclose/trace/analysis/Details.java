package wsclose.trace.analysis;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A finding's details: an immutable map of a few entries in two arrays, keys in sorted order (as the JSON writes
 * them; every {@link Finding} holds its details this way), null values allowed (unknown numbers are null). A report keeps every finding until it is written; a
 * LinkedHashMap with its wrapper, table and entries was four objects and about 300 bytes per finding (issue:
 * analyze at the reader's speed, memory and collector time).
 */
final class Details extends AbstractMap<String, Object> {
    private static final Details EMPTY = new Details(new String[0], new Object[0]);
    private final String[] keys;
    private final Object[] values;

    private Details(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Key, value, key, value...: keys are distinct strings, values any object or null. */
    static Map<String, Object> of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("details need key, value pairs");
        }
        int n = keyValues.length / 2;
        if (n == 0) {
            return EMPTY;
        }
        String[] k = new String[n];
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) { // insertion sort by key: a finding has a handful of details
            String key = (String) java.util.Objects.requireNonNull(keyValues[2 * i], "key");
            int j = i;
            for (; j > 0 && k[j - 1].compareTo(key) > 0; j--) {
                k[j] = k[j - 1];
                v[j] = v[j - 1];
            }
            if (j > 0 && k[j - 1].equals(key)) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
            k[j] = key;
            v[j] = keyValues[2 * i + 1];
        }
        return new Details(k, v);
    }

    /** {@code m} as details (itself when it is): in key order, immutable. */
    static Map<String, Object> copyOf(Map<String, Object> m) {
        if (m instanceof Details) {
            return m;
        }
        Object[] kv = new Object[2 * m.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return of(kv);
    }

    @Override
    public int size() {
        return keys.length;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
