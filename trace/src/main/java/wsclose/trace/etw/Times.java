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
        char[] c = new char[ISO_LENGTH];
        return isoChars(fileTime, c) ? new String(c) : toInstant(fileTime).toString();
    }

    /** Characters of {@link #iso} text for times in years 0 to 9999. */
    public static final int ISO_CHARS = 28;

    /**
     * Writes {@link #iso} text into {@code c} (at least {@link #ISO_CHARS} long) without making a string, for writers
     * that take characters (JSON); false, and {@code c} unchanged, for a year outside 0..9999: use {@link #iso}.
     */
    public static boolean isoInto(long fileTime, char[] c) {
        return isoChars(fileTime, c);
    }

    /** Appends {@link #iso} text (hot path of event printing). */
    public static StringBuilder appendIso(StringBuilder sb, long fileTime) {
        char[] c = new char[ISO_LENGTH];
        return isoChars(fileTime, c) ? sb.append(c) : sb.append(toInstant(fileTime));
    }

    private static final int ISO_LENGTH = ISO_CHARS;
    private static final long DAY = 86_400L * 10_000_000L;

    /** One day's date text, "2020-07-14T"; immutable, so threads sharing the last one see it whole. */
    private record Day(long day, char[] text) {
    }

    private static Day lastDay;

    /** One second's text, "2020-07-14T12:04:31."; immutable, as {@link Day}. */
    private record Second(long second, char[] text) {
    }

    /** The last seconds' texts, by the second's low bits: a report's times move between a few seconds at most. */
    private static final Second[] SECONDS = new Second[16];

    /** "00" to "99", two characters each: the fraction's seven digits in four steps instead of seven divisions. */
    private static final char[] PAIRS = new char[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (char) ('0' + i / 10);
            PAIRS[2 * i + 1] = (char) ('0' + i % 10);
        }
    }

    /**
     * Writes the fixed-width text into {@code c}; false for a year outside 0..9999 (java.time's text then). A report's
     * times fall on a day or two and within seconds of each other (the 1.1 GB mixed trace spans 12 s): the text up
     * to the second is made once per second (the date's once per day), and only the seven 100-ns digits per time.
     */
    private static boolean isoChars(long fileTime, char[] c) {
        long sinceUnix = fileTime - UNIX_EPOCH_FILETIME;
        long second = Math.floorDiv(sinceUnix, 10_000_000L);
        int slot = (int) second & (SECONDS.length - 1);
        Second s = SECONDS[slot];
        if (s == null || s.second != second) {
            s = second(sinceUnix, second);
            if (s == null) {
                return false;
            }
            SECONDS[slot] = s;
        }
        System.arraycopy(s.text, 0, c, 0, 20);
        int f = (int) (sinceUnix - second * 10_000_000L);
        int q = f / 100;
        c[25] = PAIRS[2 * (f - q * 100)];
        c[26] = PAIRS[2 * (f - q * 100) + 1];
        int r = q / 100;
        c[23] = PAIRS[2 * (q - r * 100)];
        c[24] = PAIRS[2 * (q - r * 100) + 1];
        int t = r / 100;
        c[21] = PAIRS[2 * (r - t * 100)];
        c[22] = PAIRS[2 * (r - t * 100) + 1];
        c[20] = (char) ('0' + t);
        c[27] = 'Z';
        return true;
    }

    /** The text of {@code second} (seconds since 1970) up to its '.', or null for a year outside 0..9999. */
    private static Second second(long sinceUnix, long second) {
        long day = Math.floorDiv(sinceUnix, DAY);
        Day d = lastDay;
        if (d == null || d.day != day) {
            java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
            if (date.getYear() < 0 || date.getYear() > 9999) {
                return null;
            }
            char[] t = new char[11];
            digits(t, 0, date.getYear(), 4);
            t[4] = '-';
            digits(t, 5, date.getMonthValue(), 2);
            t[7] = '-';
            digits(t, 8, date.getDayOfMonth(), 2);
            t[10] = 'T';
            d = new Day(day, t);
            lastDay = d;
        }
        int secs = (int) (second - day * 86_400L);
        char[] c = new char[20];
        System.arraycopy(d.text, 0, c, 0, 11);
        digits(c, 11, secs / 3600, 2);
        c[13] = ':';
        digits(c, 14, secs / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secs % 60, 2);
        c[19] = '.';
        return new Second(second, c);
    }

    private static void digits(char[] c, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Parses ISO-8601 UTC ("2020-07-14T12:04:31.1387363Z" or with an offset) to FILETIME. */
    public static long parseIso(String text) {
        return fromInstant(java.time.OffsetDateTime.parse(text).toInstant());
    }
}
