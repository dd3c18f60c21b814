package wsclose.trace.etl;

import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.Guid;

/**
 * Canonical {@link Guid} instances for the provider GUIDs of one file, so that the event walk does not
 * allocate a GUID per EVENT_HEADER record. A trace has few distinct providers; the cache is bounded,
 * and past its bound (a corrupt file) it simply allocates.
 */
final class GuidCache {
    private static final int CAPACITY = 4096;
    /** The GUID's 16 bytes as they are on disk, read as two little-endian longs: compared without reshuffling. */
    private final long[] los = new long[CAPACITY * 2];
    private final long[] his = new long[CAPACITY * 2];
    private final Guid[] guids = new Guid[CAPACITY * 2];
    private int size;
    private Guid last;
    private long lastLo;
    private long lastHi;

    Guid get(byte[] b, int off) {
        long lo = Bytes.i64(b, off);
        long hi = Bytes.i64(b, off + 8);
        if (last != null && lastLo == lo && lastHi == hi) {
            return last;
        }
        lastLo = lo;
        lastHi = hi;
        int mask = guids.length - 1;
        int i = (int) mix(lo ^ hi) & mask;
        while (guids[i] != null) {
            if (los[i] == lo && his[i] == hi) {
                return last = guids[i];
            }
            i = (i + 1) & mask;
        }
        Guid g = Guid.fromLittleEndian(b, off);
        if (size < CAPACITY) {
            los[i] = lo;
            his[i] = hi;
            guids[i] = g;
            size++;
        }
        return last = g;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        return x ^ (x >>> 33);
    }
}
