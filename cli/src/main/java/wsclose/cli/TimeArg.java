package wsclose.cli;

import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import wsclose.trace.etw.Times;

/**
 * A point in time given on the command line: ISO-8601 ("2020-07-14T12:04:31.5Z") or an offset from
 * the start of the trace ("90s", "+1.5s", "250ms", "2m", "1h"), as journalctl and ETWAnalyzer accept.
 */
public record TimeArg(boolean relative, long value) {
    private static final Pattern OFFSET = Pattern.compile("\\+?(\\d+(?:\\.\\d+)?)(ms|us|s|m|h)");

    /** FILETIME of this point for a trace starting at {@code startFileTime}. */
    public long resolve(long startFileTime) {
        return relative ? startFileTime + value : value;
    }

    public static TimeArg parse(String text) {
        Matcher m = OFFSET.matcher(text.trim());
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "us" -> 10;
                case "ms" -> 10_000;
                case "s" -> 10_000_000;
                case "m" -> 600_000_000;
                default -> 36_000_000_000.0;
            };
            return new TimeArg(true, Math.round(n * unit));
        }
        try {
            return new TimeArg(false, Times.parseIso(text.trim()));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a time: use ISO-8601 UTC (2020-07-14T12:04:31Z)"
                    + " or an offset from the trace start (90s, 250ms, 2m)");
        }
    }

    /** picocli converter for a length of time (--duration): only the offset forms. */
    public static final class DurationConverter implements ITypeConverter<TimeArg> {
        @Override
        public TimeArg convert(String value) {
            if (!OFFSET.matcher(value.trim()).matches()) {
                throw new TypeConversionException("'" + value + "' is not a length of time: use a number and a unit,"
                        + " such as 30s, 2m, 1h or 500ms");
            }
            return parse(value);
        }
    }

    /** picocli converter. */
    public static final class Converter implements ITypeConverter<TimeArg> {
        @Override
        public TimeArg convert(String value) {
            return parse(value);
        }
    }
}
