package wsclose.trace.etl;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Workers;

/**
 * A file-order walk cut into runs of buffers ({@link EtlFile#forEachInFileOrder(int, IntFunction)}), walked by a
 * few threads that each take the next run not yet taken, the caller's thread first. Each run has its own consumer
 * and problem list, merged into the walk's problems in run order afterwards, so the warnings are those of one walk.
 * Buffers are independent in file order (each holds whole records, §A.2): nothing crosses a cut.
 *
 * <p>Why runs are taken, not dealt: a one-shot read is short enough that the JIT compiles through its first part.
 * With the file dealt in halves to two threads at once, the second reader and C2 took turns on the second core of
 * this machine kind, and the read was no faster (bench/HISTORY.md). So helpers start only after the
 * caller has walked its first run ({@link #helpersAfter}: at once or after two measured the same), and the runs
 * left go to whichever thread is free, so that neither waits long for the other at the end. That alone did not pay
 * on two cores either: a helper's runs take branches the first run's profile had not (a run's end, new event
 * kinds), and each such C2 trap threw the compiled loop away for both threads; the launchers run `summary` without
 * C2's traps, and then the 2 GiB benchmark file read in 1.16 s instead of 1.43 s on one thread (medians).
 */
final class FileOrderParts {
    private final EtlFile file;
    private final BufferIndex.Stream all;
    private final int n;
    private final ReadProblems[] problems;
    private final Consumer<EtwEvent>[] sinks;
    private final Throwable[] failed;
    private final AtomicInteger next = new AtomicInteger();
    private final long budget;

    private FileOrderParts(EtlFile file, BufferIndex.Stream all, int n, int threads,
                           IntFunction<? extends Consumer<EtwEvent>> consumers) {
        this.file = file;
        this.all = all;
        this.n = n;
        problems = new ReadProblems[n];
        sinks = consumerArray(n);
        failed = new Throwable[n];
        for (int i = 0; i < n; i++) {
            problems[i] = new ReadProblems();
            sinks[i] = consumers.apply(i); // on the caller's thread, before any run starts
        }
        budget = BufferLoader.walkBudget() / Math.max(1, threads);
    }

    /** Runs the caller walks alone before helpers start; the system property {@code wsclose.helpersAfter}. */
    static int helpersAfter() {
        try {
            return Math.max(0, Integer.parseInt(System.getProperty("wsclose.helpersAfter", "")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Walks the {@code n} runs of {@code all} on up to {@code threads} threads; see the class comment. */
    static void walk(EtlFile file, BufferIndex.Stream all, int n, int threads, int helpersAfter,
                     IntFunction<? extends Consumer<EtwEvent>> consumers, ReadProblems walkProblems) throws IOException {
        FileOrderParts w = new FileOrderParts(file, all, n, threads, consumers);
        Thread[] helpers = new Thread[Math.max(0, Math.min(threads, n) - 1)];
        int alone = helpers.length == 0 ? n : helpersAfter;
        for (int k = 0; k < alone && w.takeOne(); k++) {
            // the caller's first runs, alone
        }
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = new Thread(w::takeAll, "wsclose-read-" + (h + 1));
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
        w.takeAll();
        for (Thread t : helpers) {
            Workers.join(t);
        }
        for (ReadProblems p : w.problems) {
            walkProblems.addAll(p);
        }
        for (Throwable t : w.failed) {
            Workers.rethrow(t);
        }
    }

    private void takeAll() {
        while (takeOne()) {
            // next run
        }
    }

    /** Walks the next run not yet taken; false when none is left (or a run failed: then none is taken after it). */
    private boolean takeOne() {
        int i = next.getAndIncrement();
        if (i >= n) {
            return false;
        }
        BufferIndex.Stream run = all.slice((int) ((long) all.size * i / n), (int) ((long) all.size * (i + 1) / n));
        try {
            file.walkPart(run, problems[i], budget, sinks[i]);
        } catch (Throwable t) {
            failed[i] = t; // the first failure in run order is thrown
            next.set(n);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Consumer<EtwEvent>[] consumerArray(int n) {
        return (Consumer<EtwEvent>[]) new Consumer<?>[n];
    }
}
