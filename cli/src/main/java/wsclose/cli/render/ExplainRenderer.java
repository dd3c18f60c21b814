package wsclose.cli.render;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wsclose.trace.analysis.Explanations.Explanation;

/** Text and JSON of {@code wsclose explain}: headed sections wrapped at the terminal width. */
public final class ExplainRenderer {
    private final PrintWriter out;
    private final Colors colors;
    private final int width;
    private final int tableWidth;

    public ExplainRenderer(PrintWriter out, Colors colors, int width) {
        this.out = out;
        this.colors = colors;
        this.width = width > 0 ? Math.min(width, 100) : 100;
        this.tableWidth = width;
    }

    public void list(List<Explanation> all) {
        Table t = new Table("KIND", "SEVERITY", "WHAT").shrinkable(2, 1);
        for (Explanation e : all) {
            t.row(e.kind(), e.severity().replaceAll(" \\(.*", ""), e.title());
        }
        t.print(out, "", tableWidth);
        out.println();
        paragraph("Run 'wsclose explain KIND' for the rule behind a kind, how it shows in a trace and how to fix it.", "");
    }

    public void print(Explanation e) {
        out.println(colors.bold(e.kind()) + "  severity: " + e.severity());
        paragraph(e.title(), "");
        section("RULE", e.rule());
        out.println();
        out.println(colors.bold("DOCUMENTS"));
        for (String d : e.docs()) {
            List<String> lines = TableReportWriter.wrap(d, width - 4);
            for (int i = 0; i < lines.size(); i++) {
                out.println((i == 0 ? "  - " : "    ") + lines.get(i));
            }
        }
        section("IN A TRACE", e.trace());
        section("FIX", e.fix());
    }

    private void section(String title, List<String> paragraphs) {
        out.println();
        out.println(colors.bold(title));
        for (int i = 0; i < paragraphs.size(); i++) {
            if (i > 0) {
                out.println();
            }
            paragraph(paragraphs.get(i), "  ");
        }
    }

    private void paragraph(String text, String indent) {
        for (String line : TableReportWriter.wrap(text, width - indent.length())) {
            out.println(indent + line);
        }
    }

    public void json(Explanation e) {
        Json.pretty(out, doc(e));
    }

    public void json(List<Explanation> all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", Json.FORMAT);
        m.put("kinds", all.stream().map(ExplainRenderer::fields).toList());
        Json.pretty(out, m);
    }

    private static Map<String, Object> doc(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", Json.FORMAT);
        m.putAll(fields(e));
        return m;
    }

    private static Map<String, Object> fields(Explanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind());
        m.put("title", e.title());
        m.put("severity", e.severity());
        m.put("rule", e.rule());
        m.put("docs", e.docs());
        m.put("trace", e.trace());
        m.put("fix", e.fix());
        return m;
    }
}
