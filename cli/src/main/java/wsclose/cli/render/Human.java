package wsclose.cli.render;

import java.util.Locale;

/** Numbers for people: thousands separators and binary-prefixed sizes. */
public final class Human {
    private Human() {
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** A duration given in 100-ns units: "4.5 s", "250 ms", "1 h 02 min". */
    public static String duration(long hundredNs) {
        double s = hundredNs / 1e7;
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long m = (long) (s / 60);
        if (m < 120) {
            return String.format(Locale.ROOT, "%d min %02d s", m, (long) s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
    }

    /** "0x1d4": Windows pointers and handles (Json.hex without loading Jackson, for the table and CSV paths). */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
