package wsclose.trace.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A socket's states as an immutable list read from two arrays: a summary keeps every state of every socket with a
 * finding until the report is written, and an object per interval was the largest part of what those summaries
 * held (issue: analyze at the reader's speed, memory and collector time). Each {@link #get} makes its interval;
 * a state lasts until the next one starts, the last one while the socket lasts ({@code to} -1).
 */
final class StateList extends AbstractList<StateInterval> implements RandomAccess {
    private final byte[] kinds;
    private final long[] from;

    private static final SocketState[] STATES = SocketState.values();

    /** The first {@code n} states of {@code kinds} (ordinals) and {@code from}, copied. */
    StateList(byte[] kinds, long[] from, int n) {
        this.kinds = java.util.Arrays.copyOf(kinds, n);
        this.from = java.util.Arrays.copyOf(from, n);
    }

    @Override
    public StateInterval get(int i) {
        java.util.Objects.checkIndex(i, kinds.length);
        return new StateInterval(STATES[kinds[i]], from[i], i + 1 < from.length ? from[i + 1] : -1);
    }

    @Override
    public int size() {
        return kinds.length;
    }
}
