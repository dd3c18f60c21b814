package wsclose.os.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads one instance's trace_pipe on a thread of its own. The pipe is opened O_NONBLOCK and waited on with
 * poll(2), so a stop request is seen within {@link #POLL_MS} even when no event comes (a blocking read of
 * trace_pipe cannot be interrupted). Whole lines go to the parser, then to {@code enrich} (which reads /proc
 * while the fd or process is still there), then to the reorder buffer.
 */
final class PipeReader implements Runnable {
    static final int POLL_MS = 50;
    /** Slack for events committed to a per-CPU buffer a little after their timestamp was taken. */
    static final long MARGIN_NANOS = 5_000_000L;
    private static final int BUFFER = 1 << 20;

    private final LibC c = LibC.INSTANCE;
    private final Path pipe;
    private final LineParser parser;
    private final Consumer<Rec> enrich;
    private final Reorder out;
    private final Thread thread;
    private volatile boolean stop;
    private volatile Throwable failure;
    private volatile long lines;
    /** Everything this pipe logged before this CLOCK_MONOTONIC time has been read (see {@link #watermark()}). */
    private volatile long watermark = Long.MIN_VALUE;
    private int fd = -1;

    PipeReader(String name, Path pipe, LineParser parser, Consumer<Rec> enrich, Reorder out) {
        this.pipe = pipe;
        this.parser = parser;
        this.enrich = enrich;
        this.out = out;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** Opens the pipe (so the failure is the caller's) and starts reading. */
    void start() {
        fd = c.open(pipe.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        thread.start();
    }

    @Override
    public void run() {
        Memory buf = new Memory(BUFFER);
        Memory pfd = new Memory(8);
        byte[] bytes = new byte[BUFFER];
        StringBuilder partial = new StringBuilder();
        java.util.List<Rec> batch = new java.util.ArrayList<>();
        try {
            while (true) {
                int n;
                long before = System.nanoTime();
                try {
                    n = c.read(fd, buf, new NativeLong(BUFFER)).intValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != LibC.EAGAIN && e.getErrorCode() != LibC.EINTR) {
                        throw e;
                    }
                    if (e.getErrorCode() == LibC.EAGAIN) {
                        watermark = Math.max(watermark, before - MARGIN_NANOS); // empty: all logged before now is in
                    }
                    if (stop) {
                        break; // drained: nothing more was waiting when asked to stop
                    }
                    pfd.setInt(0, fd);
                    pfd.setShort(4, LibC.POLLIN);
                    pfd.setShort(6, (short) 0);
                    try {
                        c.poll(pfd, new NativeLong(1), POLL_MS);
                    } catch (LastErrorException pe) {
                        // EINTR: just read again
                    }
                    continue;
                }
                if (n <= 0) {
                    if (stop) {
                        break;
                    }
                    continue;
                }
                buf.read(0, bytes, 0, n);
                batch.clear();
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                        if (partial.length() > 0) {
                            line = partial.append(line).toString();
                            partial.setLength(0);
                        }
                        line(line, batch);
                        start = i + 1;
                    }
                }
                if (start < n) {
                    partial.append(new String(bytes, start, n - start, StandardCharsets.UTF_8));
                }
                out.addAll(batch); // one lock per read, not per line
                if (!batch.isEmpty()) {
                    watermark = Math.max(watermark, batch.get(batch.size() - 1).mono - MARGIN_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            try {
                c.close(fd);
            } catch (LastErrorException e) {
                // closed
            }
        }
    }

    private void line(String line, java.util.List<Rec> batch) {
        lines++;
        Rec r = parser.parse(line);
        if (r != null) {
            enrich.accept(r);
            batch.add(r);
        }
    }

    /**
     * A time up to which this pipe has delivered everything: the stamp of the last record read, or, when the pipe was
     * found empty, the time just before that read (each trace_pipe returns its records in time order).
     */
    long watermark() {
        return watermark;
    }

    /** Asks the reader to finish: it reads what is waiting, then ends. */
    void stop() {
        stop = true;
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    boolean alive() {
        return thread.isAlive();
    }

    Throwable failure() {
        return failure;
    }

    long lines() {
        return lines;
    }
}
