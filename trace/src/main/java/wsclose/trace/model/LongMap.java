package wsclose.trace.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An open-addressing map from long keys to values, for the model's hot lookups by kernel address (endpoint,
 * FILE_OBJECT, TCB). Kernel addresses are aligned and close together, which makes {@code Long.hashCode} collide
 * badly in a HashMap (treeified bins); a key's slot is the high bits of its product with 2^64 / phi instead
 * ({@link #home}), and nothing is boxed. Key 0 marks an empty slot, so a probe reads the key array alone and the
 * value array once, where it ends (key 0 itself is held apart); a null value is not stored (putting one removes the
 * key). The table is at most a quarter full: many lookups are for keys that are not there (a TCB or handle the model
 * does not follow), and with linear probing such a lookup reads 2.5 slots on average at half full and 1.4 at a
 * quarter (Knuth, TAOCP vol. 3, 6.4); the model's maps follow the sockets alive at once, so the room this takes is
 * small beside the sockets' own.
 */
final class LongMap<V> {
    private long[] keys = new long[64];
    private Object[] vals = new Object[64];
    /** The value of key 0, which cannot be in {@link #keys}: 0 marks an empty slot there. */
    private Object zeroVal;
    private int size;

    /** 64 minus the table's bits: {@link #home} takes that many high bits of the product. */
    private int shift = 64 - 6;

    /*
     * Fibonacci hashing (Knuth, TAOCP vol. 3, 6.4): the high bits of the key times 2^64 / phi. Kernel addresses that
     * differ by a stride (0x200 between endpoints) land spread evenly over the table, and it costs one multiply where
     * MurmurHash3's finalizer took two and three shifts, on the model's two lookups per event.
     */
    private int home(long k) {
        return (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** The slot of {@code key} (not 0), or the empty slot where it would go. */
    private int slot(long key) {
        long[] ks = keys;
        int mask = ks.length - 1;
        int i = home(key);
        for (long k; (k = ks[i]) != key && k != 0; ) {
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
        Object v = key == 0 ? zeroVal : vals[slot(key)];
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
        if (key == 0) {
            V old = (V) zeroVal;
            zeroVal = value;
            size += old == null ? 1 : 0;
            if (key == lastKey) {
                lastVal = value;
            }
            return old;
        }
        if (4 * (size + 1) > keys.length) {
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
        if (key == 0) {
            return removeZero();
        }
        int i = slot(key);
        V old = (V) vals[i];
        if (old != null) {
            delete(i);
        }
        return old;
    }

    /** Removes the entry only while it maps to {@code value}. */
    boolean remove(long key, V value) {
        if (key == 0) {
            if (zeroVal == null || zeroVal != value) {
                return false;
            }
            removeZero();
            return true;
        }
        int i = slot(key);
        if (vals[i] == null || vals[i] != value) {
            return false;
        }
        delete(i);
        return true;
    }

    @SuppressWarnings("unchecked")
    private V removeZero() {
        V old = (V) zeroVal;
        if (old != null) {
            zeroVal = null;
            size--;
            if (lastKey == 0) {
                lastVal = null;
            }
        }
        return old;
    }

    /** Backward-shift deletion keeps probe sequences intact without tombstones. */
    private void delete(int i) {
        if (keys[i] == lastKey) {
            lastVal = null;
        }
        int mask = keys.length - 1;
        keys[i] = 0;
        vals[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long kj = keys[j];
            if (kj == 0) {
                return;
            }
            int home = home(kj);
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                keys[i] = kj;
                vals[i] = vals[j];
                keys[j] = 0;
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
        shift--;
        size = zeroVal == null ? 0 : 1;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != 0) {
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
        if (zeroVal != null) {
            out.add((V) zeroVal);
        }
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
        if (zeroVal != null) {
            out[n++] = 0;
        }
        for (int i = 0; i < keys.length; i++) {
            if (vals[i] != null) {
                out[n++] = keys[i];
            }
        }
        return out;
    }

    void clear() {
        lastVal = null;
        zeroVal = null;
        Arrays.fill(keys, 0);
        Arrays.fill(vals, null);
        size = 0;
    }
}
