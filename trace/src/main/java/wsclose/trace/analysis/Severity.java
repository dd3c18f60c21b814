package wsclose.trace.analysis;

import java.util.Locale;

/** How bad a finding is; {@code --fail-on} compares against it. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "info", "warning"/"warn" or "error" (any case). */
    public static Severity parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("warn")) {
            return WARNING;
        }
        return valueOf(v.toUpperCase(Locale.ROOT));
    }
}
