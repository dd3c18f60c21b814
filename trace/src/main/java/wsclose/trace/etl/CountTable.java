package wsclose.trace.etl;

import java.util.ArrayList;
import java.util.List;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;

/**
 * Event counts per (provider, header kind, id) with the versions seen, in an open-addressing table so
 * that counting a record does not allocate. Versions are kept as a 256-bit set per row.
 */
final class CountTable {
    private Guid[] providers = new Guid[256];
    private int[] keys = new int[256];
    private long[] counts = new long[256];
    private long[] versions = new long[256 * 4];
    private int size;

    void add(Guid provider, HeaderKind kind, int id, int version) {
        int key = (keyClass(kind) << 24) | (kind == HeaderKind.WPP ? 0 : id & 0xFFFFFF);
        int i = slot(provider, key);
        counts[i]++;
        if (kind != HeaderKind.WPP) {
            int v = version & 0xFF;
            versions[i * 4 + (v >>> 6)] |= 1L << (v & 63);
        }
    }

    /** Adds the counts and versions of {@code other} (another part of the same walk). */
    void addAll(CountTable other) {
        for (int j = 0; j < other.providers.length; j++) {
            if (other.providers[j] != null) {
                int i = slot(other.providers[j], other.keys[j]);
                counts[i] += other.counts[j];
                for (int w = 0; w < 4; w++) {
                    versions[i * 4 + w] |= other.versions[j * 4 + w];
                }
            }
        }
    }

    /** The row of (provider, key), made when new. */
    private int slot(Guid provider, int key) {
        int mask = providers.length - 1;
        int i = hash(provider, key) & mask;
        while (true) {
            Guid p = providers[i];
            if (p == null) {
                if ((size + 1) * 2 > providers.length) {
                    grow();
                    return slot(provider, key);
                }
                providers[i] = provider == null ? Guid.ZERO : provider;
                keys[i] = key;
                size++;
                return i;
            }
            if (keys[i] == key && (p == provider || p.equals(provider == null ? Guid.ZERO : provider))) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** Kinds that share a key namespace count together: the three kernel headers all use "op<N>". */
    private static int keyClass(HeaderKind kind) {
        switch (kind) {
            case EVENT: return 0;
            case SYSTEM: case COMPACT: case PERFINFO: return 1;
            case CLASSIC: case INSTANCE: return 2;
            default: return 3;
        }
    }

    private static final String[] PREFIX = {"id", "op", "type", "msg"};

    private static int hash(Guid provider, int key) {
        long h = (provider == null ? 0 : provider.msb() ^ provider.lsb() * 31) * 0x9E3779B97F4A7C15L + key;
        return (int) (h ^ (h >>> 29));
    }

    private void grow() {
        Guid[] op = providers;
        int[] ok = keys;
        long[] oc = counts;
        long[] ov = versions;
        providers = new Guid[op.length * 2];
        keys = new int[op.length * 2];
        counts = new long[op.length * 2];
        versions = new long[op.length * 8];
        size = 0;
        int mask = providers.length - 1;
        for (int j = 0; j < op.length; j++) {
            if (op[j] == null) {
                continue;
            }
            int i = hash(op[j], ok[j]) & mask;
            while (providers[i] != null) {
                i = (i + 1) & mask;
            }
            providers[i] = op[j];
            keys[i] = ok[j];
            counts[i] = oc[j];
            System.arraycopy(ov, j * 4, versions, i * 4, 4);
            size++;
        }
    }

    List<EtlSummary.Count> rows() {
        List<EtlSummary.Count> rows = new ArrayList<>(size);
        for (int i = 0; i < providers.length; i++) {
            if (providers[i] == null) {
                continue;
            }
            int cls = keys[i] >>> 24;
            String key = cls == 3 ? "msg" : PREFIX[cls] + (keys[i] & 0xFFFFFF);
            List<Integer> vs = new ArrayList<>();
            for (int v = 0; v < 256; v++) {
                if ((versions[i * 4 + (v >>> 6)] & (1L << (v & 63))) != 0) {
                    vs.add(v);
                }
            }
            rows.add(new EtlSummary.Count(providers[i], key, counts[i], List.copyOf(vs)));
        }
        rows.sort(EtlSummary.Count.ORDER);
        return rows;
    }
}
