package wsclose.cli;

import java.io.PrintWriter;

/** The --stats line: throughput of a read, on stderr, in a form scripts can parse. */
final class Stats {
    private Stats() {
    }

    static void print(PrintWriter err, String what, long bytes, long events, long nanos) {
        double s = Math.max(nanos, 1) / 1e9;
        Runtime rt = Runtime.getRuntime();
        // as "%.3f s: %.1f MB/s, %.0f events/s" without Formatter: its first floating-point format loads the locale's
        // decimal symbols, 40 ms of a fresh JVM, which bench/run.sh's wall time of a `summary --stats` would count
        err.println("wsclose " + what + ": stats: " + bytes + " bytes, " + events + " events in " + decimals(s, 3)
                + " s: " + decimals(bytes / 1e6 / s, 1) + " MB/s, " + decimals(events / s, 0) + " events/s, heap used "
                + ((rt.totalMemory() - rt.freeMemory()) >> 20) + " MB of max " + (rt.maxMemory() >> 20) + " MB");
        err.flush();
    }

    /** {@code v} (at least 0) rounded half up to {@code digits} decimals. */
    static String decimals(double v, int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        long r = Math.round(v * scale);
        if (digits == 0) {
            return Long.toString(r);
        }
        String frac = Long.toString(r % scale);
        return r / scale + "." + "0".repeat(digits - frac.length()) + frac;
    }
}
