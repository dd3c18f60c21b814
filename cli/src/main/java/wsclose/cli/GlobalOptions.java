package wsclose.cli;

import picocli.CommandLine.Option;

/** Options every command takes; mixed into every command. */
public final class GlobalOptions {
    @Option(names = "--verbose", description = "Print stack traces, read statistics and the tracer's bookkeeping on stderr.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress or warnings on stderr.")
    boolean quiet;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set).")
    boolean noColor;

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    /** Colour only on a terminal, never with --no-color or a non-empty NO_COLOR (no-color.org). */
    public boolean color(boolean terminal) {
        String env = Terminal.facts().noColor();
        return terminal && !noColor && (env == null || env.isEmpty());
    }
}
