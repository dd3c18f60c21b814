package wsclose.trace.etl;

import wsclose.trace.etw.Guid;

/**
 * Canonical {@link Guid} instances for the provider GUIDs of one file, so that the event walk does not
 * allocate a GUID per EVENT_HEADER record. A trace has few distinct providers; the cache is bounded,
 * and past its bound (a corrupt file) it simply allocates.
 */
final class GuidCache {
    private static final int CAPACITY = 4096;
    private final long[] msbs = new long[CAPACITY * 2];
    private final long[] lsbs = new long[CAPACITY * 2];
    private final Guid[] guids = new Guid[CAPACITY * 2];
    private int size;
    private Guid last = Guid.ZERO;

    Guid get(byte[] b, int off) {
        long msb = Guid.msbFromLittleEndian(b, off);
        long lsb = Guid.lsbFromLittleEndian(b, off);
        if (last.msb() == msb && last.lsb() == lsb) {
            return last;
        }
        int mask = guids.length - 1;
        int i = (int) mix(msb ^ lsb) & mask;
        while (guids[i] != null) {
            if (msbs[i] == msb && lsbs[i] == lsb) {
                return last = guids[i];
            }
            i = (i + 1) & mask;
        }
        Guid g = new Guid(msb, lsb);
        if (size < CAPACITY) {
            msbs[i] = msb;
            lsbs[i] = lsb;
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
