package wsclose.trace.etw;

import java.util.Arrays;

/**
 * Times (FILETIME, 100 ns) in which an input may have lost events: around a buffer the session flagged
 * EVENTS_LOST or BUFFER_LOST (etl-format.md §A.2, §A.10), around a buffer the reader had to skip in part or
 * whole, or the whole input when a loss cannot be placed (a header that counts lost events while no buffer is
 * flagged). A figure built from events, such as the bytes an abortive close discarded, is exact only when no
 * window overlaps the time it depends on. Windows are kept sorted and merged on the first query after an add,
 * so a query is a binary search.
 */
public final class LossWindows {
    private long[] from = new long[8];
    private long[] to = new long[8];
    private int n;

    /**
     * Events may be missing from {@code from} to {@code to}, both inclusive; MIN_VALUE/MAX_VALUE for open ends. The
     * windows stay sorted and disjoint: a walk in time order adds at or near the end, so the shift is short.
     */
    public void add(long from, long to) {
        if (journal != null) {
            journal.add(from, to);
        }
        if (to < from) {
            to = Long.MAX_VALUE; // an end before the start (a damaged or stale timestamp): the end is unknown
        }
        int i = n; // the first window that starts after this one
        while (i > 0 && this.from[i - 1] > from) {
            i--;
        }
        if (i > 0 && this.to[i - 1] >= from) {
            i--; // joins the window before
            this.to[i] = Math.max(this.to[i], to);
        } else {
            if (n == this.from.length) {
                this.from = Arrays.copyOf(this.from, n * 2);
                this.to = Arrays.copyOf(this.to, n * 2);
            }
            System.arraycopy(this.from, i, this.from, i + 1, n - i);
            System.arraycopy(this.to, i, this.to, i + 1, n - i);
            this.from[i] = from;
            this.to[i] = to;
            n++;
        }
        // swallow the windows after it that it now reaches
        int j = i + 1;
        while (j < n && this.from[j] <= this.to[i]) {
            this.to[i] = Math.max(this.to[i], this.to[j]);
            j++;
        }
        if (j > i + 1) {
            System.arraycopy(this.from, j, this.from, i + 1, n - j);
            System.arraycopy(this.to, j, this.to, i + 1, n - j);
            n -= j - i - 1;
        }
    }

    /*
     * A walk that decodes on its own thread ahead of the model hands the model a copy of these windows and, beside
     * the events, each add in order, so the copy grows at the same point of the event order as this one does
     * (DecodeAhead). Replaying the same adds in the same order gives the same windows: add is deterministic.
     */
    private Journal journal;

    /** The adds since {@link #journal()} was first called, in order, read and cleared by the thread that adds. */
    public static final class Journal {
        private long[] pairs = new long[16];
        private int size;

        private void add(long from, long to) {
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = from;
            pairs[size++] = to;
        }

        /** Adds made since the last {@link #clear()}. */
        public int adds() {
            return size / 2;
        }

        public long from(int i) {
            return pairs[2 * i];
        }

        public long to(int i) {
            return pairs[2 * i + 1];
        }

        public void clear() {
            size = 0;
        }
    }

    /** From now on, every add is also written to the returned journal. */
    public Journal journal() {
        if (journal == null) {
            journal = new Journal();
        }
        return journal;
    }

    /** A copy of the windows as they are now, without the journal. */
    public LossWindows copy() {
        LossWindows c = new LossWindows();
        c.from = Arrays.copyOf(from, Math.max(8, n));
        c.to = Arrays.copyOf(to, Math.max(8, n));
        c.n = n;
        return c;
    }

    /** A loss that no buffer places: any time may be missing events. */
    public void everywhere() {
        add(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public boolean isEmpty() {
        return n == 0;
    }

    /** Whether events may be missing anywhere in [a, b]. */
    public boolean overlaps(long a, long b) {
        if (n == 0) {
            return false;
        }
        // the last window starting at or before b; the windows are disjoint, so their ends rise with their starts
        int lo = 0;
        int hi = n - 1;
        int hit = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (from[mid] <= b) {
                hit = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hit >= 0 && to[hit] >= a;
    }

    /** The merged windows as [from, to] pairs, for messages and tests. */
    public long[][] windows() {
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new long[] {from[i], to[i]};
        }
        return out;
    }
}
