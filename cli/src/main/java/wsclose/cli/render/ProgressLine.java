package wsclose.cli.render;

import java.util.Locale;

/**
 * The text of a progress bar: {@code [=======>      ]  45%  512.0 MiB of 1.1 GiB  180.3 MiB/s  3 s left}.
 * ASCII only, because Windows consoles may not use a UTF-8 code page; cut to the terminal width so it never
 * wraps (a wrapped line could not be erased with a carriage return).
 */
public final class ProgressLine {
    private static final int BAR = 24;

    private ProgressLine() {
    }

    /**
     * @param done    bytes read so far
     * @param total   bytes to read
     * @param elapsed nanoseconds since the read started
     * @param width   terminal columns; the line is at most width - 1 long
     */
    public static String of(long done, long total, long elapsed, int width) {
        double fraction = total <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) done / total));
        int filled = (int) Math.round(fraction * BAR);
        StringBuilder sb = new StringBuilder(96);
        sb.append('[').append("=".repeat(Math.max(0, filled - 1))).append(filled > 0 ? (filled == BAR ? "=" : ">") : "")
                .append(" ".repeat(BAR - filled)).append(']');
        sb.append(String.format(Locale.ROOT, " %3d%%  ", (int) Math.floor(fraction * 100)));
        sb.append(Human.bytes(done)).append(" of ").append(Human.bytes(total));
        double seconds = elapsed / 1e9;
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            sb.append("  ").append(Human.bytes((long) rate)).append("/s");
            long left = (long) Math.ceil(Math.max(0, total - done) / rate);
            sb.append("  ").append(left(left)).append(" left");
        }
        int max = Math.max(10, width - 1);
        return sb.length() > max ? sb.substring(0, max) : sb.toString();
    }

    private static String left(long s) {
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
}
