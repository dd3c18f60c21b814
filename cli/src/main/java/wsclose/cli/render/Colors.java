package wsclose.cli.render;

import wsclose.trace.analysis.Severity;

/** ANSI colours by severity; all methods return the text unchanged when colour is off (NO_COLOR, --no-color, not a terminal). */
public final class Colors {
    private final boolean on;

    public Colors(boolean on) {
        this.on = on;
    }

    public boolean on() {
        return on;
    }

    public String severity(Severity s, String text) {
        switch (s) {
            case ERROR: return wrap("1;31", text);
            case WARNING: return wrap("33", text);
            default: return wrap("36", text);
        }
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    /** What {@link #dim} puts before and after a text, for writers that stream the text itself. */
    String dimStart() {
        return on ? "\u001b[2m" : "";
    }

    String end() {
        return on ? "\u001b[0m" : "";
    }

    private String wrap(String code, String text) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
