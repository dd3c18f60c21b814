package wsclose.trace.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An open-addressing map from long keys to values, for the model's hot lookups by kernel address
 * (endpoint, FILE_OBJECT, TCB). Kernel addresses are aligned and close together, which makes
 * {@code Long.hashCode} collide badly in a HashMap (treeified bins); keys are mixed with the 64-bit
 * finalizer of MurmurHash3 instead, and nothing is boxed. A slot is in use when its value is not null (a null
 * value is not stored: putting one removes the key), so a probe touches two arrays, not three.
 */
final class LongMap<V> {
    private long[] keys = new long[64];
    private Object[] vals = new Object[64];
    private int size;

    static int mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (vals[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /*
     * The last key found and its value: the events of one socket come in runs (a send's start and completion, a
     * TCP segment's events), so a lookup often asks for the key before it. lastVal null: nothing remembered.
     */
    private long lastKey;
    private Object lastVal;

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == lastKey && lastVal != null) {
            return (V) lastVal;
        }
        Object v = vals[slot(key)];
        if (v != null) {
            lastKey = key;
            lastVal = v;
        }
        return (V) v;
    }

    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        if (value == null) {
            return remove(key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int i = slot(key);
        V old = (V) vals[i];
        if (old == null) {
            keys[i] = key;
            size++;
        }
        vals[i] = value;
        if (key == lastKey) {
            lastVal = value;
        }
        return old;
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = slot(key);
        V old = (V) vals[i];
        if (old != null) {
            delete(i);
        }
        return old;
    }

    /** Removes the entry only while it maps to {@code value}. */
    boolean remove(long key, V value) {
        int i = slot(key);
        if (vals[i] == null || vals[i] != value) {
            return false;
        }
        delete(i);
        return true;
    }

    /** Backward-shift deletion keeps probe sequences intact without tombstones. */
    private void delete(int i) {
        if (keys[i] == lastKey) {
            lastVal = null;
        }
        int mask = keys.length - 1;
        vals[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (vals[j] == null) {
                return;
            }
            int home = mix(keys[j]) & mask;
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                keys[i] = keys[j];
                vals[i] = vals[j];
                vals[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        long[] k = keys;
        Object[] v = vals;
        keys = new long[k.length * 2];
        vals = new Object[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (v[i] != null) {
                int s = slot(k[i]);
                keys[s] = k[i];
                vals[s] = v[i];
                size++;
            }
        }
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (vals[i] != null) {
                out.add((V) vals[i]);
            }
        }
        return out;
    }

    /** A copy of the keys (safe to remove while iterating over it). */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (vals[i] != null) {
                out[n++] = keys[i];
            }
        }
        return out;
    }

    void clear() {
        lastVal = null;
        Arrays.fill(vals, null);
        size = 0;
    }
}
