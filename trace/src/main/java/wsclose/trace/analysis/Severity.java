package wsclose.trace.analysis;

import java.util.Locale;

/** How bad a finding is; {@code --fail-on} compares against it. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** Made once: a report counts its findings by label, one call per finding. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
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
