package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned text columns. Columns marked numeric are right-aligned. When a width limit is given (the terminal's
 * width), the table is fitted by a plan of steps taken in the order they were declared until it fits: a
 * shrinkable column is cut with "…" down to its header's width (at least 8), a droppable column is left out.
 */
public final class Table {
    /** A cut column keeps at least this many characters (or its header's width), or it tells nothing. */
    private static final int MIN_CUT = 8;
    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();
    /** The fitting plan: column c to cut is c, column c to leave out is ~c. */
    private final List<Integer> plan = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
        this.numeric = new boolean[headers.length];
    }

    public Table numeric(int... columns) {
        for (int c : columns) {
            numeric[c] = true;
        }
        return this;
    }

    /** Next steps of the plan: cut these columns, first one first, while the table is wider than the terminal. */
    public Table shrinkable(int... columns) {
        for (int c : columns) {
            plan.add(c);
        }
        return this;
    }

    /** Next steps of the plan: leave these columns out, first one first, while the table is still too wide. */
    public Table droppable(int... columns) {
        for (int c : columns) {
            plan.add(~c);
        }
        return this;
    }

    public Table row(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out, String indent, int maxWidth) {
        int[] w = new int[headers.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        boolean[] hidden = new boolean[headers.length];
        if (maxWidth > 0) {
            fit(w, hidden, maxWidth - indent.length());
        }
        line(out, indent, headers, w, hidden);
        for (String[] r : rows) {
            line(out, indent, r, w, hidden);
        }
        java.util.List<String> left = new java.util.ArrayList<>();
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i]) {
                left.add(headers[i]);
            }
        }
        if (!left.isEmpty()) {
            // never drop columns silently: say which, and how to see them, wrapped to the width
            String hint = "(left out at " + maxWidth + " columns: " + String.join(", ", left)
                    + "; a wider terminal or --format json shows them)";
            StringBuilder line = new StringBuilder(indent);
            for (String word : hint.split(" ")) {
                if (line.length() > indent.length() && line.length() + 1 + word.length() > maxWidth - 1) {
                    out.println(line);
                    line = new StringBuilder(indent);
                }
                line.append(line.length() > indent.length() ? " " : "").append(word);
            }
            out.println(line);
        }
    }

    private void fit(int[] w, boolean[] hidden, int max) {
        int total = 2 * (w.length - 1);
        for (int x : w) {
            total += x;
        }
        for (int step : plan) {
            if (total <= max) {
                return;
            }
            if (step < 0) {
                hidden[~step] = true;
                total -= w[~step] + 2;
                continue;
            }
            int cut = Math.min(total - max, w[step] - Math.max(headers[step].length(), MIN_CUT));
            if (cut > 0) {
                w[step] -= cut;
                total -= cut;
            }
        }
    }

    private void line(PrintWriter out, String indent, String[] cells, int[] w, boolean[] hidden) {
        StringBuilder sb = new StringBuilder(indent);
        int lastShown = cells.length - 1;
        while (lastShown > 0 && hidden[lastShown]) {
            lastShown--;
        }
        for (int i = 0; i <= lastShown; i++) {
            if (hidden[i]) {
                continue;
            }
            String c = cells[i];
            if (c.length() > w[i]) {
                c = c.substring(0, Math.max(0, w[i] - 1)) + "…";
            }
            boolean last = i == lastShown;
            if (numeric[i]) {
                sb.append(" ".repeat(w[i] - c.length())).append(c);
            } else {
                sb.append(c);
                if (!last) {
                    sb.append(" ".repeat(w[i] - c.length()));
                }
            }
            if (!last) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
