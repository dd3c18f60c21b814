package wsclose.trace.model;

/**
 * The fixed-size arrays a socket timeline starts with (its states, pending requests and reference counts), taken
 * back from each retired timeline and handed to the next new one. A big trace creates and retires sockets all the
 * time, and these arrays were a fifth of what the analysis allocated per input event (JFR allocation samples on
 * the 1.1 GB mixed trace: about 192 bytes per socket).
 *
 * <p>An array has one owner at a time: {@link SocketTimeline#trim} gives its arrays back and keeps none of them (a
 * retired timeline that the handle table still names gets small arrays of its own), so a late event for a retired
 * socket can never write into a live one's state. Only arrays of the starting sizes are taken (a grown one is left to
 * the collector), and at most {@link #MAX} of each: the pool is bounded whatever the trace.
 */
final class ArrayPool {
    /** States per timeline before the array grows: eight fit nearly every socket of the mixed scenario. */
    static final int STATES = 8;
    /** Three longs per pending request, two requests. */
    static final int PENDING = 6;
    /** Two longs per (time, count) pair, two pairs. */
    static final int REFCOUNTS = 4;
    static final int MAX = 1024;

    private final byte[][] kinds = new byte[MAX][];
    private int nKinds;
    private final Longs from = new Longs(STATES);
    private final Longs pending = new Longs(PENDING);
    private final Longs refcounts = new Longs(REFCOUNTS);

    /** A stack of long arrays of one length. */
    private static final class Longs {
        private final int length;
        private final long[][] free = new long[MAX][];
        private int n;

        Longs(int length) {
            this.length = length;
        }

        long[] take() {
            if (n == 0) {
                return new long[length];
            }
            long[] a = free[--n];
            free[n] = null;
            return a;
        }

        void give(long[] a) {
            if (a != null && a.length == length && n < MAX) {
                free[n++] = a;
            }
        }
    }

    byte[] stateKinds() {
        if (nKinds == 0) {
            return new byte[STATES];
        }
        byte[] a = kinds[--nKinds];
        kinds[nKinds] = null;
        return a;
    }

    long[] stateFrom() { return from.take(); }
    long[] pending() { return pending.take(); }
    long[] refcounts() { return refcounts.take(); }

    /** Takes back a retired timeline's arrays (any of them may be null or of another length: those are dropped). */
    void give(byte[] stateKinds, long[] stateFrom, long[] pend, long[] refs) {
        if (stateKinds != null && stateKinds.length == STATES && nKinds < MAX) {
            kinds[nKinds++] = stateKinds;
        }
        from.give(stateFrom);
        pending.give(pend);
        refcounts.give(refs);
    }
}
