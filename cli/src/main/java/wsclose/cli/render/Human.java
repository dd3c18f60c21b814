package wsclose.cli.render;


/** Numbers for people: thousands separators and binary-prefixed sizes. */
public final class Human {
    private Human() {
    }

    public static String count(long n) {
        return wsclose.trace.analysis.Numbers.grouped(n);
    }

    /**
     * "1.0 GiB", "512 B": as {@code String.format(Locale.ROOT, "%.1f %s")} (or "%.0f" from 100 up) of the size in its
     * unit, without Formatter: a run's first floating-point format loads Formatter and the locale's decimal symbols,
     * 40 ms in a fresh JVM, for the one line of `summary` that gives the file's size.
     */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        long unit = 1024;
        int u = 0;
        while (n / unit >= 1024 && u < units.length - 1) {
            unit *= 1024;
            u++;
        }
        // n / unit is exact in binary, so Formatter's half-up rounding of it is Numbers.fixed's of the ratio
        return wsclose.trace.analysis.Numbers.fixed(n, unit, n / unit >= 100 ? 0 : 1) + " " + units[u];
    }

    /** A duration given in 100-ns units: "4.5 s", "250 ms", "1 h 02 min". */
    public static String duration(long hundredNs) {
        // without String.format: a table of many findings calls this for each (wsclose.trace.analysis.Numbers)
        if (hundredNs < 10_000_000) {
            return wsclose.trace.analysis.Numbers.fixed(hundredNs, 10_000, 1) + " ms";
        }
        if (hundredNs < 1_200_000_000) {
            return wsclose.trace.analysis.Numbers.fixed(hundredNs, 10_000_000, 1) + " s";
        }
        long secs = hundredNs / 10_000_000;
        long m = secs / 60;
        if (m < 120) {
            return m + " min " + wsclose.trace.analysis.Numbers.padded(secs % 60, 2) + " s";
        }
        return m / 60 + " h " + wsclose.trace.analysis.Numbers.padded(m % 60, 2) + " min";
    }

    /** "0x1d4": Windows pointers and handles (Json.hex without loading Jackson, for the table and CSV paths). */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
