package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NtQueryObject(ObjectNameInformation) on a worker thread with a timeout. The call can block forever on a file
 * opened for synchronous I/O (typically a named pipe with a read pending), and a Java thread stuck in native code
 * cannot be interrupted (live-mode.md §A.1.2; psutil and System Informer do the same). A timed-out worker is
 * abandoned as a daemon thread; once {@code maxStuck} are stuck, further names are skipped instead of risking
 * more threads. The caller owns the handle and closes it whatever the outcome.
 */
final class NameProbe implements AutoCloseable {
    enum Outcome { NAMED, FAILED, TIMED_OUT, SKIPPED }

    record Result(Outcome outcome, String name, int status) {
    }

    private static final int FIRST = 1024;
    private static final int MAX = 64 << 10;

    private final NtApi api;
    private final long timeoutMs;
    private final int maxStuck;
    private final AtomicInteger stuck = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wsclose-name-probe");
        t.setDaemon(true);
        return t;
    });

    NameProbe(NtApi api, long timeoutMs, int maxStuck) {
        this.api = api;
        this.timeoutMs = timeoutMs;
        this.maxStuck = maxStuck;
    }

    /** Workers that timed out and have not returned yet. */
    int stuck() {
        return stuck.get();
    }

    Result name(long handle) {
        if (stuck.get() >= maxStuck) {
            return new Result(Outcome.SKIPPED, null, 0);
        }
        // RUNNING -> DONE by the worker, RUNNING -> ABANDONED by us on timeout; whoever loses knows what happened.
        AtomicReference<String> state = new AtomicReference<>("RUNNING");
        Future<Result> f = pool.submit(() -> {
            try {
                return query(handle);
            } finally {
                if (!state.compareAndSet("RUNNING", "DONE")) {
                    stuck.decrementAndGet();
                }
            }
        });
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (state.compareAndSet("RUNNING", "ABANDONED")) {
                stuck.incrementAndGet();
                return new Result(Outcome.TIMED_OUT, null, 0);
            }
            return join(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, null, 0);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Result(Outcome.FAILED, null, 0);
        }
    }

    private static Result join(Future<Result> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, null, 0);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Result(Outcome.FAILED, null, 0);
        }
    }

    private Result query(long handle) {
        int size = FIRST;
        int[] ret = new int[1];
        while (true) {
            byte[] buf = new byte[size];
            int st = api.queryObject(handle, WinConst.OBJECT_NAME_INFORMATION, buf, ret);
            if (st == WinConst.STATUS_SUCCESS) {
                return new Result(Outcome.NAMED, ObjectInfo.name(ByteBuffer.wrap(buf), api.pointerSize()), st);
            }
            boolean tooSmall = st == WinConst.STATUS_INFO_LENGTH_MISMATCH || st == WinConst.STATUS_BUFFER_OVERFLOW
                    || st == WinConst.STATUS_BUFFER_TOO_SMALL;
            if (!tooSmall || size >= MAX) {
                return new Result(Outcome.FAILED, null, st);
            }
            size = Math.min(MAX, Math.max(ret[0], size * 2));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
