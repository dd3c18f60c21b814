package wsclose.os.linux;

/**
 * Something the live trace orders by time before translating it: a trace_pipe record, a queue sample, the
 * start snapshot. {@code mono} is CLOCK_MONOTONIC in ns (the instances run on trace_clock "mono"), {@code seq}
 * the arrival order, which keeps records of one ring buffer with equal microsecond stamps in their order.
 */
abstract class Item {
    final long mono;
    long seq;

    Item(long mono) {
        this.mono = mono;
    }
}
