package wsclose.trace.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each finding kind means, for people: the Winsock rule behind it (with the documents that state it),
 * how it shows in a trace, and how to fix the code. The texts are data, in {@code explanations.txt} beside
 * this class, so they are written and reviewed in one place; the rules are those the checks' class comments
 * cite (etl-format.md §C).
 */
public final class Explanations {
    /**
     * @param title    one line
     * @param severity the severities the check reports, in words
     * @param rule     paragraphs
     * @param docs     one reference per entry
     * @param trace    paragraphs: which events show it
     * @param fix      paragraphs
     */
    public record Explanation(String kind, String title, String severity, List<String> rule, List<String> docs,
                              List<String> trace, List<String> fix) {
    }

    private static final Map<String, Explanation> ALL = load();

    private Explanations() {
    }

    /** Every explanation, in the order of {@link Kinds#ALL} where listed there. */
    public static List<Explanation> all() {
        List<Explanation> out = new ArrayList<>();
        for (String k : Kinds.ALL) {
            if (ALL.containsKey(k)) {
                out.add(ALL.get(k));
            }
        }
        ALL.values().stream().filter(e -> !Kinds.ALL.contains(e.kind())).forEach(out::add);
        return out;
    }

    public static Optional<Explanation> of(String kind) {
        return Optional.ofNullable(ALL.get(kind));
    }

    private static Map<String, Explanation> load() {
        try (InputStream in = Explanations.class.getResourceAsStream("explanations.txt")) {
            if (in == null) {
                throw new IllegalStateException("explanations.txt is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "=== kind" starts a kind, "--- section" a section; see the file's header. */
    static Map<String, Explanation> parse(List<String> lines) {
        Map<String, Explanation> out = new LinkedHashMap<>();
        String kind = null;
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("=== ")) {
                add(out, kind, sections);
                kind = line.substring(4).trim();
                sections = new LinkedHashMap<>();
                current = null;
            } else if (line.startsWith("--- ")) {
                current = new ArrayList<>();
                sections.put(line.substring(4).trim(), current);
            } else if (current != null) {
                current.add(line.trim());
            }
        }
        add(out, kind, sections);
        return out;
    }

    private static void add(Map<String, Explanation> out, String kind, Map<String, List<String>> s) {
        if (kind == null) {
            return;
        }
        out.put(kind, new Explanation(kind, String.join(" ", paragraphs(s.get("title"))), String.join(" ",
                paragraphs(s.get("severity"))), paragraphs(s.get("rule")), nonBlank(s.get("docs")),
                paragraphs(s.get("trace")), paragraphs(s.get("fix"))));
    }

    /** Joins lines into paragraphs; a blank line separates them. */
    private static List<String> paragraphs(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (String l : lines == null ? List.<String>of() : lines) {
            if (l.isEmpty()) {
                if (p.length() > 0) {
                    out.add(p.toString());
                    p.setLength(0);
                }
            } else {
                p.append(p.length() > 0 ? " " : "").append(l);
            }
        }
        if (p.length() > 0) {
            out.add(p.toString());
        }
        return List.copyOf(out);
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines == null ? List.of() : lines.stream().filter(l -> !l.isEmpty()).toList();
    }
}
