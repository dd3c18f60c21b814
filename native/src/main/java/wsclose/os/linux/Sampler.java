package wsclose.os.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Samples the traced TCP sockets through sock_diag every {@code intervalMillis} (live-mode.md §B.3): unread and
 * queued bytes for the model (the last sample before an abortive close is what the close discarded, SocketEvent
 * QUEUE_SAMPLE), and each socket's cookie and 4-tuple for attributing TCP tracepoints.
 */
final class Sampler implements Runnable {
    private final Set<Long> tracked;
    private final Reorder out;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean stop;
    private volatile String failure;
    private long samples;

    Sampler(Set<Long> tracked, Reorder out, long intervalMillis) {
        this.tracked = tracked;
        this.out = out;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this, "wsclose-sampler");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (SockDiag diag = new SockDiag()) {
            while (!stop) {
                sample(diag);
                synchronized (this) {
                    if (!stop) {
                        wait(intervalMillis);
                    }
                }
            }
            sample(diag); // a last look, for sockets still open at the end
        } catch (Exception | UnsatisfiedLinkError e) {
            failure = "queue sampling stopped: " + e.getMessage();
        }
    }

    private void sample(SockDiag diag) throws java.io.IOException {
        // the dump reads the sockets one after another: the sample is the window from before it to after it, not one
        // instant (a segment logged while it ran may or may not be in its queue; LiveQueues)
        long mono = System.nanoTime();
        List<DiagEntry> all = diag.dumpTcp();
        long end = System.nanoTime();
        List<DiagEntry> mine = new ArrayList<>();
        for (DiagEntry d : all) {
            if (d.inode() != 0 && tracked.contains(d.inode())) {
                mine.add(d);
            }
        }
        samples++;
        out.add(new Sample(mono, end, mine));
    }

    void stop() throws InterruptedException {
        synchronized (this) {
            stop = true;
            notifyAll();
        }
        thread.join(5000);
    }

    String failure() {
        return failure;
    }

    long samples() {
        return samples;
    }
}
