package wsclose.cli;

import picocli.CommandLine.Option;

/** Options every command takes; mixed into every command. */
public final class GlobalOptions {
    @Option(names = "--verbose", description = "Print stack traces, read statistics and the tracer's bookkeeping on stderr.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress or warnings on stderr.")
    boolean quiet;

    @Option(names = "--no-color", description = "No colours: the same as --color=never.")
    boolean noColor;

    /** When to colour tables. */
    public enum ColorMode { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours in tables: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: on a terminal, unless NO_COLOR is set"
                    + " or TERM=dumb).")
    ColorMode colorMode = ColorMode.auto;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    /**
     * --color=always colours, --color=never and --no-color do not; auto colours only on a terminal, without a
     * non-empty NO_COLOR (no-color.org) and with a TERM other than "dumb".
     */
    public boolean color(boolean terminal) {
        if (noColor || colorMode == ColorMode.never) {
            return false;
        }
        if (colorMode == ColorMode.always) {
            return true;
        }
        String env = Terminal.facts().noColor();
        return terminal && (env == null || env.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }
}
