package wsclose.os.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the items of several producers (two trace_pipes, the sampler, the start snapshot) into one time order.
 * Each trace_pipe is itself in time order, but the pipes are read by different threads: the caller releases items
 * only up to the point every producer has delivered (its watermark), and never younger than {@code delayNanos}.
 */
final class Reorder {
    private final PriorityQueue<Item> queue = new PriorityQueue<>((a, b) -> a.mono != b.mono
            ? Long.compare(a.mono, b.mono) : Long.compare(a.seq, b.seq));
    private final long delayNanos;
    private long seq;
    private long late;
    private long released = Long.MIN_VALUE;

    Reorder(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    synchronized void add(Item i) {
        i.seq = seq++;
        if (i.mono < released) {
            late++; // older than what was already released: a producer fell behind by more than the delay
        }
        queue.add(i);
    }

    synchronized void addAll(List<? extends Item> items) {
        for (Item i : items) {
            add(i);
        }
    }

    /**
     * Items at least the delay old at {@code nowMono} and no younger than {@code upTo}, oldest first; everything
     * when {@code all}.
     */
    synchronized List<Item> take(long nowMono, long upTo, boolean all) {
        List<Item> out = new ArrayList<>();
        long limit = all ? Long.MAX_VALUE : Math.min(upTo, nowMono - delayNanos);
        while (!queue.isEmpty() && queue.peek().mono <= limit) {
            Item i = queue.poll();
            released = Math.max(released, i.mono);
            out.add(i);
        }
        return out;
    }

    synchronized int size() {
        return queue.size();
    }

    /** Items that arrived after younger ones had been released (they are still delivered, out of order). */
    synchronized long late() {
        return late;
    }
}
