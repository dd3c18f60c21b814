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

    private final Stack<byte[]> kinds = new Stack<>(STATES, byte[]::new, a -> a.length);
    private final Stack<long[]> from = new Stack<>(STATES, long[]::new, a -> a.length);
    private final Stack<long[]> pending = new Stack<>(PENDING, long[]::new, a -> a.length);
    private final Stack<long[]> refcounts = new Stack<>(REFCOUNTS, long[]::new, a -> a.length);

    /** A stack of arrays of one length: a new one when it is empty. */
    private static final class Stack<A> {
        private final int length;
        private final java.util.function.IntFunction<A> make;
        private final java.util.function.ToIntFunction<A> lengthOf;
        private final Object[] free = new Object[MAX];
        private int n;

        Stack(int length, java.util.function.IntFunction<A> make, java.util.function.ToIntFunction<A> lengthOf) {
            this.length = length;
            this.make = make;
            this.lengthOf = lengthOf;
        }

        @SuppressWarnings("unchecked")
        A take() {
            if (n == 0) {
                return make.apply(length);
            }
            A a = (A) free[--n];
            free[n] = null;
            return a;
        }

        void give(A a) {
            if (a != null && lengthOf.applyAsInt(a) == length && n < MAX) {
                free[n++] = a;
            }
        }
    }

    byte[] stateKinds() { return kinds.take(); }
    long[] stateFrom() { return from.take(); }
    long[] pending() { return pending.take(); }
    long[] refcounts() { return refcounts.take(); }

    /** Takes back a retired timeline's arrays (any of them may be null or of another length: those are dropped). */
    void give(byte[] stateKinds, long[] stateFrom, long[] pend, long[] refs) {
        kinds.give(stateKinds);
        from.give(stateFrom);
        pending.give(pend);
        refcounts.give(refs);
    }
}
