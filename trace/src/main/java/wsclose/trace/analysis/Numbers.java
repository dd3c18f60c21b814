package wsclose.trace.analysis;

/**
 * Numbers as finding messages and tables print them, without {@code String.format}: a report of 30,000
 * findings spent more on Formatter's parsing and DecimalFormatSymbols than on the analysis of their sockets.
 * Results equal {@code String.format(Locale.ROOT, "%,d")} and the "%.1f"/"%.0f" forms of a ratio of integers
 * (rounded half up, as Formatter rounds).
 */
public final class Numbers {
    private Numbers() {
    }

    /** "1,234,567", as "%,d" in Locale.ROOT. */
    public static String grouped(long n) {
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int len = digits.length() - start;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + len / 3);
        sb.append(digits, 0, start);
        int first = len % 3 == 0 ? 3 : len % 3;
        sb.append(digits, start, start + first);
        for (int i = start + first; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** {@code value / unit} with {@code decimals} (0 or 1) digits after the point, rounded half up. */
    public static String fixed(long value, long unit, int decimals) {
        boolean negative = value < 0;
        long v = Math.abs(value);
        long scale = decimals == 0 ? 1 : 10;
        // half up on the exact quotient: (v * scale + unit / 2) / unit, without overflow for the values we print
        long scaled = (v / unit) * scale + ((v % unit) * scale + unit / 2) / unit;
        StringBuilder sb = new StringBuilder(12);
        if (negative && scaled != 0) {
            sb.append('-');
        }
        if (decimals == 0) {
            return sb.append(scaled).toString();
        }
        return sb.append(scaled / 10).append('.').append(scaled % 10).toString();
    }

    /**
     * {@code v} as {@code String.format(Locale.ROOT, "%.1f", v)} writes it: Formatter rounds the digits of the
     * double's decimal form half up, and so does this, from Double.toString's digits (equal on three million values
     * of the kinds the checks print, ties included, when this was written). A run's first floating-point format
     * loads Formatter and the locale's decimal symbols, 15-40 ms of a one-shot run's end, for one leak finding.
     */
    public static String oneDecimal(double v) {
        return new java.math.BigDecimal(Double.toString(v)).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code n} with at least {@code width} digits, zero-padded ("%0Nd" for n >= 0). */
    public static String padded(long n, int width) {
        String s = Long.toString(n);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
