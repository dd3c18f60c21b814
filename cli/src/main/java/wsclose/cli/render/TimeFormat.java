package wsclose.cli.render;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import wsclose.trace.etw.Times;

/**
 * How tables print times ({@code --time}): UTC ISO-8601 with 100 ns digits (the default, and always in JSON),
 * the local time zone, or seconds relative to the start of the input.
 */
public final class TimeFormat {
    public enum Mode { utc, local, relative }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS xxx", Locale.ROOT);
    private final Mode mode;
    private final ZoneId zone;
    private long origin = -1;

    public TimeFormat(Mode mode) {
        this(mode, ZoneId.systemDefault());
    }

    public TimeFormat(Mode mode, ZoneId zone) {
        this.mode = mode;
        this.zone = zone;
    }

    public Mode mode() {
        return mode;
    }

    public static TimeFormat utc() {
        return new TimeFormat(Mode.utc);
    }

    /** The time relative times count from (the first event); set once. */
    public TimeFormat origin(long fileTime) {
        if (origin < 0 && fileTime >= 0) {
            origin = fileTime;
        }
        return this;
    }

    private final char[] iso = new char[Times.ISO_CHARS];

    /** Appends {@link #format} text without making a string for it in the default (UTC) mode. Not thread-safe. */
    public StringBuilder appendTo(StringBuilder sb, long fileTime) {
        if (fileTime >= 0 && mode == Mode.utc && Times.isoInto(fileTime, iso)) {
            return sb.append(iso);
        }
        return sb.append(format(fileTime));
    }

    public String format(long fileTime) {
        if (fileTime < 0) {
            return "-";
        }
        switch (mode) {
            case local:
                return LOCAL.format(Times.toInstant(fileTime).atZone(zone));
            case relative: {
                long d = fileTime - Math.max(origin, 0);
                String sign = d < 0 ? "-" : "+";
                d = Math.abs(d);
                return sign + d / 10_000_000L + "." + wsclose.trace.analysis.Numbers.padded(d % 10_000_000L, 7) + "s";
            }
            default:
                return Times.iso(fileTime);
        }
    }
}
