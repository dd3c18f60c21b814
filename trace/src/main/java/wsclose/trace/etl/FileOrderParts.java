package wsclose.trace.etl;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Workers;

/**
 * A file-order walk cut into runs of buffers walked at once ({@link EtlFile#forEachInFileOrder(int, IntFunction)}):
 * part i on a thread of its own (part 0 on the caller's), each with its own parser, loader (a share of the walk's
 * memory budget) and problem list, merged into the walk's problems in part order afterwards, so the warnings are
 * those of one walk. Buffers are independent in file order (each holds whole records, §A.2): nothing crosses a cut.
 */
final class FileOrderParts {
    private FileOrderParts() {
    }

    static void walk(EtlFile file, BufferIndex.Stream all, int n, IntFunction<? extends Consumer<EtwEvent>> consumers,
                     ReadProblems walkProblems) throws IOException {
        ReadProblems[] problems = new ReadProblems[n];
        Consumer<EtwEvent>[] sinks = consumerArray(n);
        for (int i = 0; i < n; i++) {
            problems[i] = new ReadProblems();
            sinks[i] = consumers.apply(i);
        }
        Throwable[] failed = new Throwable[n];
        Thread[] threads = new Thread[n];
        long budget = BufferLoader.walkBudget() / n;
        for (int i = n - 1; i >= 0; i--) {
            BufferIndex.Stream part = all.slice((int) ((long) all.size * i / n), (int) ((long) all.size * (i + 1) / n));
            int at = i;
            Runnable walk = () -> {
                try {
                    file.walkPart(part, problems[at], budget, sinks[at]);
                } catch (Throwable t) {
                    failed[at] = t;
                }
            };
            if (i == 0) {
                walk.run();
            } else {
                threads[i] = new Thread(walk, "wsclose-read-" + i);
                threads[i].setDaemon(true);
                threads[i].start();
            }
        }
        for (int i = 1; i < n; i++) {
            Workers.join(threads[i]);
        }
        for (ReadProblems p : problems) {
            walkProblems.addAll(p);
        }
        for (Throwable t : failed) {
            Workers.rethrow(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static Consumer<EtwEvent>[] consumerArray(int n) {
        return (Consumer<EtwEvent>[]) new Consumer<?>[n];
    }
}
