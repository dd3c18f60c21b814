package wsclose.cli;

/** Facts about the terminal, for layout only. */
final class Terminal {
    private Terminal() {
    }

    /** True when stdout is a terminal (System.console() is null when either stream is redirected). */
    static boolean isTerminal() {
        return System.console() != null;
    }

    /** Width to fit tables to: COLUMNS when set, 0 (no limit) when output is not a terminal. */
    static int width() {
        String cols = System.getenv("COLUMNS");
        if (cols != null) {
            try {
                return Integer.parseInt(cols.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return isTerminal() ? 120 : 0;
    }
}
