package wsclose.trace.etw;

import java.io.IOException;

/**
 * The two things every helper thread of a walk needs from the thread that started it (the file-order walk in
 * parts, decoding ahead of the model): waiting for it to end, interrupted or not, and throwing what it failed with.
 */
public final class Workers {
    private Workers() {
    }

    /** Waits until {@code t} ends; an interrupt meanwhile is kept for the caller. */
    public static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws {@code t} as what it is (an I/O failure, a runtime exception or an error); does nothing when null. */
    public static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
