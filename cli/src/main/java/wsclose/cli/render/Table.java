package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned text columns. Columns marked numeric are right-aligned. When a width limit is given, the
 * widest column marked shrinkable is cut with "…" so the table fits the terminal.
 */
public final class Table {
    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();
    private int shrinkable = -1;

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

    /** The column to cut first when the table is wider than the terminal. */
    public Table shrinkable(int column) {
        this.shrinkable = column;
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
        if (maxWidth > 0 && shrinkable >= 0) {
            int total = indent.length() + 2 * (w.length - 1);
            for (int x : w) {
                total += x;
            }
            if (total > maxWidth) {
                w[shrinkable] = Math.max(headers[shrinkable].length(), w[shrinkable] - (total - maxWidth));
            }
        }
        line(out, indent, headers, w);
        for (String[] r : rows) {
            line(out, indent, r, w);
        }
    }

    private void line(PrintWriter out, String indent, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            if (c.length() > w[i]) {
                c = c.substring(0, Math.max(0, w[i] - 1)) + "…";
            }
            boolean last = i == cells.length - 1;
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
