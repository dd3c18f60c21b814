package wsclose.cli;

import java.io.PrintWriter;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import wsclose.cli.render.ProgressLine;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.TimeBase;

/**
 * A progress bar on stderr for reads that take longer than a second (landscape.md §4.1: progress goes to
 * stderr, only on a terminal, and is silent with --quiet): bytes read, throughput and time left, redrawn at
 * most ten times a second on one line and erased when the read ends. Whether stderr is a terminal is asked
 * only once the second has passed, so short reads never pay for the question.
 */
public final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final Progress OFF = new Progress(null, 0, false, System::nanoTime, Terminal::facts);

    private final PrintWriter err;
    private final long total;
    private final boolean stdoutStreams;
    private final LongSupplier clock;
    private final Supplier<Terminal.Facts> facts;
    private final long started;
    private boolean enabled;
    private boolean asked;
    private long lastDraw;
    private int shown;

    Progress(PrintWriter err, long total, boolean stdoutStreams, LongSupplier clock, Supplier<Terminal.Facts> facts) {
        this.err = err;
        this.total = total;
        this.stdoutStreams = stdoutStreams;
        this.clock = clock;
        this.facts = facts;
        this.started = clock.getAsLong();
        this.enabled = err != null && total > 0;
    }

    /**
     * A bar for a read of {@code totalBytes} bytes.
     *
     * @param stdoutStreams the command writes data while it reads: then no bar when stdout is the same terminal,
     *                      or the data and the bar would be drawn over each other
     */
    public static Progress start(PrintWriter err, boolean quiet, long totalBytes, boolean stdoutStreams) {
        // stderr a file or a pipe (a script's run): no bar and no tap in the event walk. A tap that forwards every event
        // until the bar's first due time finds no terminal was 12 % of summary's samples on the 2 GiB benchmark file.
        return quiet || Terminal.stderrNotTerminal() ? OFF
                : new Progress(err, totalBytes, stdoutStreams, System::nanoTime, Terminal::facts);
    }

    /** A bar drawn on a terminal that is not stderr (the interactive shell's), described by {@code facts}. */
    public static Progress on(PrintWriter terminal, long totalBytes, Supplier<Terminal.Facts> facts) {
        return new Progress(terminal, totalBytes, false, System::nanoTime, facts);
    }

    public static Progress off() {
        return OFF;
    }

    /** Reports {@code done} bytes read; draws when due. Cheap when not. */
    public void update(long done) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (shown == 0) {
            if (!asked) {
                Terminal.Facts f = facts.get();
                if (now - started < f.progressAfterMillis() * 1_000_000L) {
                    return;
                }
                asked = true;
                if (!f.stderr() || (stdoutStreams && f.stdout())) {
                    enabled = false;
                    return;
                }
            }
        } else if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int width = facts.get().errWidth(); // the bar is on stderr: its own terminal's width
        String line = ProgressLine.of(done, total, now - started, width > 0 ? width : 80);
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = Math.max(line.length(), 1);
    }

    /** Erases the bar (spaces, not an escape sequence: every console understands a carriage return). */
    @Override
    public void close() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
        enabled = false;
    }

    /**
     * A tap for {@link TraceInput#feed} or a file walk that counts the buffers read so far, then passes each
     * event on to {@code next} (may be null). Each buffer belongs to one per-processor stream and is read once
     * (etl-format.md §A.9), so buffers seen times the average buffer size is the bytes read, in any walk order.
     */
    public Consumer<EtwEvent> tap(List<EtlFile> files, Consumer<EtwEvent> next) {
        if (!enabled || files.isEmpty()) {
            return next;
        }
        return new Tap(files, next);
    }

    /**
     * Taps for a file-order walk cut in runs walked at once ({@link EtlFile#forEachInFileOrder(int, IntFunction)}):
     * each run's tap counts its own buffers, and whichever tap runs on the thread that asked for them (the walk's
     * caller, which owns this bar) draws the sum. Threads take runs as they come free, so no one run's tap can be
     * the one that draws.
     */
    public IntFunction<Consumer<EtwEvent>> taps(EtlFile file, IntFunction<? extends Consumer<EtwEvent>> next) {
        if (!enabled) {
            return next::apply;
        }
        // filled on the calling thread before the runs start (FileOrderParts), read by the drawing taps
        List<Tap> group = new java.util.ArrayList<>();
        Thread owner = Thread.currentThread();
        return part -> {
            Tap t = new Tap(List.of(file), next.apply(part));
            t.group = group;
            t.drawer = owner;
            group.add(t);
            return t;
        };
    }

    private final class Tap implements Consumer<EtwEvent> {
        private final TimeBase[] bases;
        private final BitSet[] seen;
        private final double[] perBuffer;
        private final Consumer<EtwEvent> next;
        private TimeBase lastBase;
        private long lastOffset = -1;
        /** Written by this tap's thread only, read by the drawing tap of a walk in parts. */
        private volatile double bytes;
        private long events;
        /** The taps of a walk in runs, whose sum is drawn; all are made before the walk starts. */
        private List<Tap> group;
        /** The thread that draws, in a walk in runs (the bar belongs to one thread); null: this tap's own. */
        private Thread drawer;

        Tap(List<EtlFile> files, Consumer<EtwEvent> next) {
            int n = files.size();
            bases = new TimeBase[n];
            seen = new BitSet[n];
            perBuffer = new double[n];
            for (int i = 0; i < n; i++) {
                EtlFile f = files.get(i);
                bases[i] = f.timeBase();
                seen[i] = new BitSet();
                perBuffer[i] = f.buffers() == 0 ? 0 : (double) f.size() / f.buffers();
            }
            this.next = next;
        }

        @Override
        public void accept(EtwEvent ev) {
            if (!enabled) {
                // the bar will never draw (not a terminal, --quiet, or closed): counting buffers was ~3 % of the
                // decoding thread's time on a large trace, for nothing
                if (next != null) {
                    next.accept(ev);
                }
                return;
            }
            if (ev.bufferFileOffset() != lastOffset || ev.timeBase() != lastBase) {
                lastOffset = ev.bufferFileOffset();
                lastBase = ev.timeBase();
                mark(ev);
            }
            if ((++events & 1023) == 0) {
                draw();
            }
            if (next != null) {
                next.accept(ev);
            }
        }

        private void mark(EtwEvent ev) {
            int f = 0;
            while (f < bases.length - 1 && bases[f] != ev.timeBase()) {
                f++;
            }
            long idx = ev.bufferIndex();
            if (idx >= 0 && idx < Integer.MAX_VALUE && !seen[f].get((int) idx)) {
                seen[f].set((int) idx);
                bytes += perBuffer[f];
                draw(); // a new buffer: the count moved, so it may be time to draw
            }
        }

        private void draw() {
            if (drawer != null && Thread.currentThread() != drawer) {
                return;
            }
            if (group == null) {
                update((long) bytes);
                return;
            }
            double sum = 0;
            for (int i = 0; i < group.size(); i++) {
                sum += group.get(i).bytes;
            }
            update((long) sum);
        }
    }
}
