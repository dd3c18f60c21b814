package wsclose.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** The --stats line: throughput of a read, on stderr, in a form scripts can parse. */
final class Stats {
    private Stats() {
    }

    static void print(PrintWriter err, String what, long bytes, long events, long nanos) {
        double s = Math.max(nanos, 1) / 1e9;
        Runtime rt = Runtime.getRuntime();
        err.println(String.format(Locale.ROOT,
                "wsclose %s: stats: %d bytes, %d events in %.3f s: %.1f MB/s, %.0f events/s, heap used %d MB of max %d MB",
                what, bytes, events, s, bytes / 1e6 / s, events / s, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20));
        err.flush();
    }
}
