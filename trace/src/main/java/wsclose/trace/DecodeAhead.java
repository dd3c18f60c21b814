package wsclose.trace;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.LossWindows;
import wsclose.trace.etw.Workers;
import wsclose.trace.model.SocketEvent;

/**
 * Reads and decodes one capture on a thread of its own while the calling thread runs the model and the checks
 * (issue: analyze at the reader's speed, item 6): reading and decoding took about half of a warm pass, the model
 * and checks the other half. Decoded events go over in batches of reused events (nothing allocated per event once
 * the batches are full), so the model sees the same events in the same order as from {@link Pipeline}'s single
 * thread. The loss windows the walk finds (damaged and flagged buffers) reach the model at the same point of the
 * event order too: the model reads copies, and each add to a file's windows travels in the batch before the
 * events decoded after it. A failure on either side ends both; the reader's is thrown here.
 */
final class DecodeAhead {
    /** Events per batch: large enough that the hand-over is rare, small enough to stay in cache. */
    private static final int BATCH = 1024;
    /** Batches in flight: the reader may run this far ahead before it waits for the model. */
    private static final int BATCHES = 8;

    /**
     * With the system property {@code wsclose.handOverStats} true, a line on stderr after each walk says how long each
     * thread waited for the other (bench/stages.sh reads it to say which one sets the pace): a reading of two clocks
     * per batch, not per event.
     */
    private static final boolean HAND_OVER_STATS = Boolean.getBoolean("wsclose.handOverStats");

    private DecodeAhead() {
    }

    /** Whether to decode ahead: on two cores or more, unless the system property {@code wsclose.decodeAhead} is false. */
    static boolean enabled() {
        return Runtime.getRuntime().availableProcessors() >= 2
                && !"false".equalsIgnoreCase(System.getProperty("wsclose.decodeAhead", ""));
    }

    private static final class Batch {
        final SocketEvent[] events = new SocketEvent[BATCH];
        int n;
        long inputEvents;
        /** Loss-window adds, four longs each: position in this batch (applied before that event), file, from, to. */
        long[] adds = new long[0];
        int nAdds;
        Throwable failure;
        boolean end;

        void reset() {
            n = 0;
            inputEvents = 0;
            nAdds = 0;
            failure = null;
            end = false;
        }

        void add(int file, long from, long to) {
            if (nAdds + 4 > adds.length) {
                adds = java.util.Arrays.copyOf(adds, Math.max(16, adds.length * 2));
            }
            adds[nAdds++] = n;
            adds[nAdds++] = file;
            adds[nAdds++] = from;
            adds[nAdds++] = to;
        }
    }

    /**
     * Feeds the events of {@code session} (files of one capture, merged in time order) to {@code analyzer}, which
     * reads {@code modelLosses}: copies of the files' loss windows taken before the walk, in the files' order.
     */
    static void feed(List<EtlFile> session, Analyzer analyzer, List<LossWindows> modelLosses, SocketDecoder decoder,
                     Consumer<EtwEvent> tap) throws IOException {
        LossWindows.Journal[] journals = new LossWindows.Journal[session.size()];
        for (int i = 0; i < journals.length; i++) {
            journals[i] = session.get(i).losses().journal();
            journals[i].clear();
        }
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
        BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        Reader reader = new Reader(session, decoder, tap, journals, free, full);
        long modelWait = 0;
        long batches = 0;
        Thread t = new Thread(reader, "wsclose-decode");
        t.setDaemon(true);
        t.start();
        try {
            while (true) {
                long w = System.nanoTime();
                Batch b = full.take();
                modelWait += System.nanoTime() - w;
                batches++;
                int a = 0;
                for (int i = 0; i < b.n; i++) {
                    a = applyAdds(b, a, i, modelLosses);
                    analyzer.accept(b.events[i]);
                }
                applyAdds(b, a, b.n, modelLosses);
                analyzer.inputEvents(b.inputEvents);
                if (b.failure != null) {
                    Workers.rethrow(b.failure);
                }
                if (b.end) {
                    break;
                }
                b.reset();
                free.put(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while analyzing", e);
        } finally {
            reader.cancelled = true;
            Workers.join(t);
        }
        if (HAND_OVER_STATS) {
            System.err.printf(java.util.Locale.ROOT,
                    "wsclose: hand-over: %d batches; the decoding thread waited %.3f s, the model %.3f s%n",
                    batches, reader.waited / 1e9, modelWait / 1e9);
        }
    }

    /** Applies the adds of {@code b} recorded before event {@code at}, from add index {@code a}; the next index. */
    private static int applyAdds(Batch b, int a, int at, List<LossWindows> modelLosses) {
        while (a < b.nAdds && b.adds[a] == at) {
            modelLosses.get((int) b.adds[a + 1]).add(b.adds[a + 2], b.adds[a + 3]);
            a += 4;
        }
        return a;
    }

    /** The reading thread: walks, decodes into the current batch, hands full batches over. */
    private static final class Reader implements Runnable, SocketDecoder.Slots {
        private final List<EtlFile> session;
        private final SocketDecoder decoder;
        private final Consumer<EtwEvent> tap;
        private final LossWindows.Journal[] journals;
        /** The journal when the session is one file (the common case): checked per event without the loop. */
        private final LossWindows.Journal only;
        private final BlockingQueue<Batch> free;
        private final BlockingQueue<Batch> full;
        volatile boolean cancelled;
        /** Nanoseconds spent waiting for a free batch; read by the model after the join. */
        long waited;
        private Batch cur;

        Reader(List<EtlFile> session, SocketDecoder decoder, Consumer<EtwEvent> tap, LossWindows.Journal[] journals,
               BlockingQueue<Batch> free, BlockingQueue<Batch> full) {
            this.session = session;
            this.decoder = decoder;
            this.tap = tap;
            this.journals = journals;
            this.only = journals.length == 1 ? journals[0] : null;
            this.free = free;
            this.full = full;
        }

        @Override
        public void run() {
            try {
                cur = next();
                EtlFile.forEachInTimeOrder(session, ev -> {
                    if (only == null || only.adds() > 0) {
                        drainJournals(); // what the advance after the previous event found: known before this one
                    }
                    if (tap != null) {
                        tap.accept(ev);
                    }
                    cur.inputEvents++;
                    decoder.decodeInto(ev, this);
                });
                drainJournals();
                cur.end = true;
            } catch (Cancelled c) {
                return; // the model failed; it throws its own failure
            } catch (Throwable t) {
                if (cur == null) {
                    cur = new Batch(); // failed before it had a batch: the model still has to hear of it
                }
                cur.failure = t;
                cur.end = true;
            }
            full.add(cur); // never blocks: there are at most BATCHES + 1 batches
        }

        /** The next free slot of the current batch, handing the batch over first when it is full. */
        @Override
        public SocketEvent slot() {
            if (cur.n == BATCH) {
                full.add(cur);
                cur = next();
            }
            SocketEvent slot = cur.events[cur.n];
            if (slot == null) {
                slot = SocketEvent.blank();
                cur.events[cur.n] = slot;
            }
            return slot;
        }

        @Override
        public void filled(SocketEvent e) {
            e.keepTexts(); // the model reads it after this input event's bytes are gone
            cur.n++;
        }

        private void drainJournals() {
            for (int f = 0; f < journals.length; f++) {
                LossWindows.Journal j = journals[f];
                int n = j.adds();
                if (n > 0) {
                    for (int i = 0; i < n; i++) {
                        cur.add(f, j.from(i), j.to(i));
                    }
                    j.clear();
                }
            }
        }

        /** A free batch; waits for the model to hand one back, unless the model has stopped. */
        private Batch next() {
            try {
                while (true) {
                    Batch b = free.poll();
                    if (b != null) {
                        return b; // the common case once the model keeps up: no clock read
                    }
                    long w = System.nanoTime();
                    b = free.poll(20, TimeUnit.MILLISECONDS);
                    waited += System.nanoTime() - w;
                    if (b != null) {
                        return b;
                    }
                    if (cancelled) {
                        throw new Cancelled();
                    }
                }
            } catch (InterruptedException e) {
                throw new Cancelled();
            }
        }
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
