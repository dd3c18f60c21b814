package wsclose.trace.etl;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import wsclose.trace.etw.EtwEvent;

/**
 * The time-ordered walk's merge of the per-processor buffer streams (etl-format.md §A.9): a binary heap of cursors,
 * each holding its stream's next event, keyed by raw timestamp within one file and by UTC time across files; ties
 * keep file order (file, buffer, record offset), so a walk is deterministic.
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
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, keys, n, i);
        }
        while (n > 0) {
            StreamCursor top = heap[0];
            consumer.accept(top.event);
            if (!top.advance()) {
                n--;
                heap[0] = heap[n];
                keys[0] = keys[n];
                heap[n] = null;
            } else {
                top.key = byUtc ? top.event.fileTime() : top.event.timestamp();
                keys[0] = top.key;
            }
            siftDown(heap, keys, n, 0);
        }
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
