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

    /** What {@link #dim} puts before a text, for writers that stream the text itself; {@link #end} after it. */
    String dimStart() {
        return start("2");
    }

    String end() {
        return on ? "\u001b[0m" : "";
    }

    private String start(String code) {
        return on ? "\u001b[" + code + "m" : "";
    }

    private String wrap(String code, String text) {
        return on ? start(code) + text + end() : text;
    }
}
