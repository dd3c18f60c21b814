package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.Severity;
import wsclose.trace.analysis.SocketSummary;

/**
 * The default output, for people: one summary line, the findings grouped by severity (most severe first)
 * with their evidence, the sockets that have findings, then what the input lacked (notes) and read problems.
 */
final class TableReportWriter implements ReportWriter {
    private final PrintWriter out;
    private final TimeFormat time;
    private final Colors colors;
    /** Text wraps at this width. */
    private final int width;
    /** Tables are cut to this width; 0 (not a terminal) means never. */
    private final int tableWidth;

    TableReportWriter(PrintWriter out, TimeFormat time, Colors colors, int width) {
        this.out = out;
        this.time = time;
        this.colors = colors;
        this.width = width > 0 ? width : 100;
        this.tableWidth = width;
    }

    @Override
    public void begin(List<String> inputs) {
    }

    @Override
    public void end(Report r) {
        Report.Stats st = r.stats();
        time.origin(st.firstEvent());
        out.println(colors.bold("source: " + r.source()));
        for (String line : tableWidth > 0 ? wrap(summary(r), tableWidth) : List.of(summary(r))) {
            out.println(line);
        }
        int[] counts = new int[Severity.values().length];
        for (Finding f : r.findings()) {
            counts[f.severity().ordinal()]++;
        }
        for (Severity sev : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            if (counts[sev.ordinal()] == 0) {
                continue;
            }
            out.println();
            out.println(colors.severity(sev, sev.name() + " (" + counts[sev.ordinal()] + ")"));
            for (Finding f : r.findings()) {
                if (f.severity() == sev) {
                    printFinding(f);
                }
            }
            drain();
        }
        if (!r.sockets().isEmpty()) {
            out.println();
            long all = r.stats().socketsWithFindings();
            // the report keeps the first sockets with findings to end, not all of them (bounded memory): say so
            out.println(colors.bold("SOCKETS WITH FINDINGS") + (all > r.sockets().size() ? " (the first "
                    + Human.count(r.sockets().size()) + " of " + Human.count(all) + " to end; --format json lists them all)" : ""));
            Table t = new Table("ENDPOINT", "PID", "PROCESS", "HANDLES", "LOCAL", "REMOTE", "CREATED", "CLOSED", "REFS", "STATE")
                    .numeric(1, 8).droppable(6, 3, 4).shrinkable(2).droppable(8, 9).shrinkable(5).droppable(5, 7);
            for (SocketSummary s : r.sockets()) {
                t.row(s.endpointText(), s.pid(), s.process(), s.handleList(), s.local(), s.remote(),
                        time.format(s.created()), time.format(s.closed()), s.refcount(), s.state().label());
            }
            t.print(out, "  ", tableWidth);
        }
        list("NOTES", r.notes());
        list("WARNINGS", r.warnings());
        out.flush();
    }

    private String summary(Report r) {
        Report.Stats st = r.stats();
        Map<String, Long> sev = st.bySeverity();
        String span = st.firstEvent() < 0 ? "no events"
                : "from " + span(st.firstEvent()) + " to " + span(st.lastEvent())
                + " (" + Human.duration(st.lastEvent() - st.firstEvent()) + ")";
        String counts = r.findings().isEmpty() ? "no findings"
                : plural(sev.getOrDefault("error", 0L), "error") + ", " + plural(sev.getOrDefault("warning", 0L), "warning")
                + ", " + sev.getOrDefault("info", 0L) + " info";
        String sockets = st.selectedSockets() == st.sockets() ? plural(st.sockets(), "socket")
                : plural(st.selectedSockets(), "selected socket") + " of " + Human.count(st.sockets());
        return Human.count(st.events()) + " events, " + sockets + " ("
                + Human.count(st.socketsWithFindings()) + " with findings): " + counts + "; " + span;
    }

    /** The span of the input in the --time zone; relative times need an absolute anchor, so UTC for them. */
    private String span(long t) {
        return time.mode() == TimeFormat.Mode.relative ? ReportJson.time(t) : time.format(t);
    }

    private static String plural(long n, String word) {
        return Human.count(n) + " " + word + (n == 1 ? "" : "s");
    }

    /** The text of the line being written (a finding's heading, an evidence line): reused. */
    private final StringBuilder heading = new StringBuilder(128);
    private static final String NEWLINE = System.lineSeparator(); // what PrintWriter.println writes

    /*
     * The findings' text is gathered here and handed to the PrintWriter in large pieces: a finding is some sixty small
     * writes, each of which the writer's layers (PrintWriter, BufferedWriter) lock and check on their own. Drained
     * before anything is written to the PrintWriter directly.
     */
    private final char[] buf = new char[1 << 14];
    private int buffered;

    private void put(String s) {
        put(s, 0, s.length());
    }

    private void put(CharSequence text, int from, int to) {
        int n = to - from;
        if (buffered + n > buf.length) {
            drain();
            if (n > buf.length) {
                out.write(text.toString(), from, n);
                return;
            }
        }
        if (text instanceof String) {
            ((String) text).getChars(from, to, buf, buffered);
        } else {
            ((StringBuilder) text).getChars(from, to, buf, buffered);
        }
        buffered += n;
    }

    private void drain() {
        out.write(buf, 0, buffered);
        buffered = 0;
    }

    /**
     * A finding's lines, written piece by piece into one reused buffer: tens of thousands of findings build no line
     * strings (they were a tenth of what a large analysis allocated).
     */
    private void printFinding(Finding f) {
        StringBuilder b = heading;
        b.setLength(0);
        time.appendTo(b, f.time());
        int at = b.length();
        if (f.socket() != null) {
            b.append("socket ").append(f.socket().endpointText()).append(" pid ").append(f.socket().pid());
            if (f.socket().process() != null) {
                b.append(' ').append(f.socket().process());
            }
        } else {
            b.append("pid ").append(f.pid());
            if (f.handle() >= 0) {
                b.append(" handle ").append(Human.hex(f.handle()));
            }
        }
        int who = b.length() - at;
        put("  ");
        put(colors.severity(f.severity(), f.kind()));
        put("  ");
        put(b, 0, at);
        if (4 + f.kind().length() + 2 + at + who <= width) {
            put("  ");
        } else {
            put(NEWLINE);
            put("      ");
        }
        put(b, at, b.length());
        put(NEWLINE);
        wrapTo(f.message(), width - 6, "      ", "      ", "", "");
        String dim = colors.dimStart();
        String end = colors.end();
        for (Finding.Evidence e : f.evidence()) {
            b.setLength(0);
            time.appendTo(b, e.time());
            b.append("  ").append(e.what());
            wrapTo(b, width - 8, "      ", "        ", dim, end);
        }
    }

    private void list(String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.println();
        out.println(colors.bold(title));
        for (String n : items) {
            List<String> lines = wrap(n, width - 4);
            for (int i = 0; i < lines.size(); i++) {
                out.println((i == 0 ? "  - " : "    ") + lines.get(i));
            }
        }
    }

    /** Where {@link #lines} hands each line: text[start, end). */
    interface LineSink {
        void line(int start, int end);
    }

    /**
     * Greedy word wrap at single spaces: a line takes as many whole words as fit in {@code w} (at least 30)
     * columns, a longer word gets a line of its own. Gives the lines as index ranges, so a writer copies them
     * straight out (a report of thousands of findings wraps every message).
     */
    static void lines(CharSequence text, int w, LineSink sink) { // a String or a StringBuilder
        lines(text, w, sink, new char[text.length()]);
    }

    /**
     * {@link #lines} with the text's characters copied into {@code chars} (at least as long as the text) and scanned
     * there: a search for the next space per word (String.indexOf, or a StringBuilder's indexOf of a one-character
     * string) was about a fifth of the table's time for the 66,444 findings of the 1.1 GB mixed trace.
     */
    static void lines(CharSequence text, int w, LineSink sink, char[] chars) {
        int max = Math.max(w, 30);
        int n = text.length();
        if (text instanceof String) {
            ((String) text).getChars(0, n, chars, 0);
        } else {
            ((StringBuilder) text).getChars(0, n, chars, 0);
        }
        while (n > 0 && chars[n - 1] == ' ') {
            n--; // trailing spaces end no word (String.split drops trailing empty strings)
        }
        int lineStart = -1; // the current line is text[lineStart, lineEnd); -1 before its first word
        int lineEnd = -1;
        for (int ws = 0; ws <= n; ) {
            int we = ws; // words split at every single space, so empty words keep double spaces
            while (we < n && chars[we] != ' ') {
                we++;
            }
            if (lineEnd > lineStart && we - lineStart > max) {
                sink.line(lineStart, lineEnd);
                lineStart = -1;
            }
            if (lineStart < 0 || lineEnd == lineStart) {
                lineStart = ws; // a word on an empty line comes without the space before it
            }
            lineEnd = we;
            ws = we + 1;
        }
        if (lineEnd > lineStart) {
            sink.line(lineStart, lineEnd);
        }
    }

    /** {@link #lines} as strings. */
    static List<String> wrap(String text, int w) {
        List<String> out = new ArrayList<>(4);
        lines(text, w, (a, b) -> out.add(text.substring(a, b)));
        return out;
    }

    /** Writes {@code text} wrapped: the first line after {@code first}, the others after {@code rest}, each between pre and post. */
    private void wrapTo(CharSequence text, int w, String first, String rest, String pre, String post) {
        wrapped.text = text;
        wrapped.first = first;
        wrapped.rest = rest;
        wrapped.pre = pre;
        wrapped.post = post;
        wrapped.lines = 0;
        if (wrapped.chars.length < text.length()) {
            wrapped.chars = new char[Math.max(text.length(), 2 * wrapped.chars.length)];
        }
        lines(text, w, wrapped, wrapped.chars);
        wrapped.text = null;
    }

    /*
     * wrapTo's sink, one for the writer: a lambda capturing the line's parts was made for every message and evidence
     * line (1.4 bytes of every input event's allocation on the 1.1 GB mixed trace).
     */
    private final WrapSink wrapped = new WrapSink();

    private final class WrapSink implements LineSink {
        CharSequence text;
        String first;
        String rest;
        String pre;
        String post;
        int lines;
        /** The text's characters, for {@link #lines}: one array for all, grown for a longer text. */
        char[] chars = new char[512];

        @Override
        public void line(int start, int end) {
            put(lines++ == 0 ? first : rest);
            put(pre);
            put(text, start, end);
            put(post);
            put(NEWLINE);
        }
    }
}
