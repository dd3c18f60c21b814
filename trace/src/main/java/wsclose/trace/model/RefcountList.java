package wsclose.trace.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A socket's reference count over time as an immutable list of [time, count] pairs read from one packed copy, as
 * {@link StateList} does for states: every socket with a finding keeps its summary until the report is written, and
 * an array per pair (with the list's own array) was most of what a summary's count history cost. Each {@link #get}
 * makes a fresh pair, so a caller that writes into one changes nothing here.
 */
final class RefcountList extends AbstractList<long[]> implements RandomAccess {
    private final long[] pairs;

    /** The first {@code n} pairs of {@code packed} (time, count, time, count, ...), copied. */
    RefcountList(long[] packed, int n) {
        this.pairs = java.util.Arrays.copyOf(packed, n * 2);
    }

    @Override
    public long[] get(int i) {
        java.util.Objects.checkIndex(i, size());
        return new long[] {pairs[i * 2], pairs[i * 2 + 1]};
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }
}
