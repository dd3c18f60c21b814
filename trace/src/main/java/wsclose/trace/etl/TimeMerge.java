package wsclose.trace.etl;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import wsclose.trace.etw.EtwEvent;

/**
 * The time-ordered walk's merge of the per-processor buffer streams (etl-format.md §A.9): a binary heap of cursors,
 * each holding its stream's next event, keyed by raw timestamp within one file and by UTC time across files; ties
 * keep file order (file, buffer, record offset), so a walk is deterministic. One file's walk packs the tie-break
 * into the key while its times fit ({@link #mergePacked}).
 */
final class TimeMerge {
    private TimeMerge() {
    }

    static void merge(List<StreamCursor> live, Consumer<EtwEvent> consumer, boolean byUtc) throws IOException {
        StreamCursor[] heap = live.toArray(new StreamCursor[0]);
        int n = heap.length;
        // the merge keys beside the heap, so that a comparison reads one array and touches a cursor only on a tie
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            StreamCursor c = heap[i];
            c.key = byUtc ? c.event.fileTime() : c.event.timestamp();
            keys[i] = c.key;
        }
        if (!byUtc) {
            n = mergePacked(heap, keys, n, consumer);
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, keys, n, i);
        }
        while (n > 0) {
            StreamCursor top = heap[0];
            consumer.accept(top.event);
            if (!top.advance()) {
                n = dropTop(heap, keys, n);
            } else {
                top.key = byUtc ? top.event.fileTime() : top.event.timestamp();
                keys[0] = top.key;
            }
            siftDown(heap, keys, n, 0);
        }
    }

    /*
     * One file's streams merged by a key that holds the tie-break: (timestamp - base) above the buffer's file-order
     * index (a count from 0, at most the streams' last buffer's, so it fits below the shift). Within one file no two cursors hold the same buffer, so equal timestamps are ordered by buffer index
     * alone (the record offset decides only within one buffer, which one stream reads in order) and the packed keys
     * are all distinct: one comparison per heap level, no tie path. The order is the general merge's. A timestamp
     * outside the range that fits (before the streams' first events, or further than 2^(63 - bits of the buffer
     * count) ticks after them) ends the packed walk: the keys go back to raw timestamps and the general merge goes
     * on from there. Returns the number of streams still live (0 when the walk ended here).
     */
    private static int mergePacked(StreamCursor[] heap, long[] keys, int n, Consumer<EtwEvent> consumer) throws IOException {
        long base = Long.MAX_VALUE;
        long maxIndex = 0;
        for (int i = 0; i < n; i++) {
            base = Math.min(base, heap[i].key);
            maxIndex = Math.max(maxIndex, heap[i].lastBufferIndex());
        }
        int shift = 64 - Long.numberOfLeadingZeros(maxIndex);
        long limit = Long.MAX_VALUE >>> shift;
        // times in [base, ceiling] pack without overflow; compared as times, so that no difference can wrap around
        long ceiling = base > Long.MAX_VALUE - limit ? Long.MAX_VALUE : base + limit;
        for (int i = 0; i < n; i++) {
            if (heap[i].key > ceiling) {
                return n; // the first events already do not fit: the general merge from the start, keys untouched
            }
        }
        for (int i = 0; i < n; i++) {
            keys[i] = (heap[i].key - base) << shift | heap[i].bufferIndex;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDownPacked(heap, keys, n, i);
        }
        while (n > 0) {
            StreamCursor c = heap[0];
            consumer.accept(c.event);
            if (!c.advance()) {
                n = dropTop(heap, keys, n);
            } else {
                long t = c.event.timestamp();
                c.key = t;
                if (t < base || t > ceiling) {
                    for (int i = 0; i < n; i++) {
                        keys[i] = heap[i].key; // every cursor's raw key, the top's new one included
                    }
                    return n;
                }
                keys[0] = (t - base) << shift | c.bufferIndex;
            }
            siftDownPacked(heap, keys, n, 0);
        }
        return 0;
    }

    /** Takes the top cursor, whose stream has ended, out of the heap (the last one takes its place); the new size. */
    private static int dropTop(StreamCursor[] heap, long[] keys, int n) {
        int last = n - 1;
        heap[0] = heap[last];
        keys[0] = keys[last];
        heap[last] = null;
        return last;
    }

    /** {@link #siftDown} for packed keys: all distinct, so a comparison decides without a tie path. */
    private static void siftDownPacked(StreamCursor[] heap, long[] keys, int n, int i) {
        StreamCursor x = heap[i];
        long xk = keys[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                break;
            }
            int r = l + 1;
            long mk = keys[l];
            int m = l;
            if (r < n) {
                long kr = keys[r];
                m = kr < mk ? r : l; // a select, as in siftDown
                mk = kr < mk ? kr : mk;
            }
            if (mk > xk) {
                break;
            }
            heap[i] = heap[m];
            keys[i] = mk;
            i = m;
        }
        heap[i] = x;
        keys[i] = xk;
    }

    private static void siftDown(StreamCursor[] heap, long[] keys, int n, int i) {
        if (n == 0) {
            return;
        }
        StreamCursor x = heap[i];
        long xk = keys[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                break;
            }
            int r = l + 1;
            // the smaller child, by key, ties by file, buffer and record position: written out here, not a method
            // of its own, which the launcher's inlining limit for hot calls (FreqInlineSize 35) left a call
            int m = l;
            if (r < n) {
                long kr = keys[r];
                long kl = keys[l];
                // a select, which C2 may compile without a branch: which child is smaller is a coin toss when the
                // streams interleave (warm time-ordered walks of the 1.1 GB mixed file: 0.740 s against 0.758 s with
                // the if, means of eight alternating rounds)
                m = kr < kl ? r : l;
                if (kr == kl && tieBefore(heap[r], heap[l])) {
                    m = r;
                }
            }
            // x waits at i while the path moves up: compare against it by value
            long mk = keys[m];
            if (mk > xk || mk == xk && !tieBefore(heap[m], x)) {
                break;
            }
            heap[i] = heap[m];
            keys[i] = mk;
            i = m;
        }
        heap[i] = x;
        keys[i] = xk;
    }

    /** Tie-break of equal keys: file, buffer, record position. */
    private static boolean tieBefore(StreamCursor a, StreamCursor b) {
        if (a.fileIndex != b.fileIndex) {
            return a.fileIndex < b.fileIndex;
        }
        if (a.bufferIndex != b.bufferIndex) {
            return a.bufferIndex < b.bufferIndex;
        }
        return a.event.recordOffset() < b.event.recordOffset();
    }
}
