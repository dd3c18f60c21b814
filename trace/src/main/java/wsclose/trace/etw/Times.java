package wsclose.trace.etw;

import java.time.Instant;

/** FILETIME helpers: ISO-8601 UTC text with all seven 100-ns digits, as every output of wsclose prints times. */
public final class Times {
    /** FILETIME of 1970-01-01T00:00:00Z. */
    public static final long UNIX_EPOCH_FILETIME = 116_444_736_000_000_000L;

    private Times() {
    }

    public static Instant toInstant(long fileTime) {
        long sinceUnix = fileTime - UNIX_EPOCH_FILETIME;
        return Instant.ofEpochSecond(Math.floorDiv(sinceUnix, 10_000_000L), Math.floorMod(sinceUnix, 10_000_000L) * 100);
    }

    public static long fromInstant(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 10_000_000L), t.getNano() / 100) + UNIX_EPOCH_FILETIME;
    }

    /** "2020-07-14T12:04:31.1387363Z". */
    public static String iso(long fileTime) {
        long sinceUnix = fileTime - UNIX_EPOCH_FILETIME;
        long day = Math.floorDiv(sinceUnix, DAY);
        Day d = lastDay;
        if (d == null || d.day != day) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
            if (date.getYear() < 0 || date.getYear() > 9999) {
                return appendIso(new StringBuilder(28), fileTime).toString();
            }
            StringBuilder p = new StringBuilder(11);
            pad(p, date.getYear(), 4).append('-');
            pad(p, date.getMonthValue(), 2).append('-');
            pad(p, date.getDayOfMonth(), 2).append('T');
            d = new Day(day, p.toString());
            lastDay = d;
        }
        // a report's times fall on a day or two: the date's text is made once, the time of day by arithmetic
        long inDay = sinceUnix - day * DAY;
        int secs = (int) (inDay / 10_000_000L);
        int frac = (int) (inDay % 10_000_000L);
        char[] c = new char[28];
        d.text.getChars(0, 11, c, 0);
        digits(c, 11, secs / 3600, 2);
        c[13] = ':';
        digits(c, 14, secs / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secs % 60, 2);
        c[19] = '.';
        digits(c, 20, frac, 7);
        c[27] = 'Z';
        return new String(c);
    }

    private static final long DAY = 86_400L * 10_000_000L;

    /** One day's date text; immutable, so threads sharing the last one see it whole. */
    private record Day(long day, String text) {
    }

    private static Day lastDay;

    private static void digits(char[] c, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Appends {@link #iso} text without intermediate strings (hot path of event printing). */
    public static StringBuilder appendIso(StringBuilder sb, long fileTime) {
        long sinceUnix = fileTime - UNIX_EPOCH_FILETIME;
        long secs = Math.floorDiv(sinceUnix, 10_000_000L);
        int frac = (int) Math.floorMod(sinceUnix, 10_000_000L);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return sb.append(toInstant(fileTime));
        }
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return pad(sb, frac, 7).append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (v < limit) {
                sb.append('0');
            }
        }
        return sb.append(v);
    }

    /** Parses ISO-8601 UTC ("2020-07-14T12:04:31.1387363Z" or with an offset) to FILETIME. */
    public static long parseIso(String text) {
        return fromInstant(java.time.OffsetDateTime.parse(text).toInstant());
    }
}
