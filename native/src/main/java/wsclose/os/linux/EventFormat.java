package wsclose.os.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event's {@code format} file from tracefs (events/SYSTEM/NAME/format): the payload field names in order, and
 * the number-to-name tables its print fmt declares with {@code __print_symbolic(REC->field, { 0, "NAME" }, ...)}.
 * The field order lets the line parser split "name=value" pairs even when a value holds spaces; the tables
 * name reset reasons without hard-coding an enum that changes between kernels (live-mode.md §B.4 lesson 3).
 */
record EventFormat(String name, List<String> fields, Map<String, Map<Long, String>> symbols, Map<String, Integer> index) {
    private static final Pattern FIELD = Pattern.compile("^\\s*field:(.+?);\\s*offset:");
    private static final Pattern SYMBOLIC = Pattern.compile("__print_symbolic\\(REC->(\\w+),(.*?)\\)");
    private static final Pattern PAIR = Pattern.compile("\\{\\s*(-?\\d+)\\s*,\\s*\"([^\"]*)\"\\s*}");

    EventFormat(String name, List<String> fields, Map<String, Map<Long, String>> symbols) {
        this(name, List.copyOf(fields), symbols, indexOf(fields));
    }

    private static Map<String, Integer> indexOf(List<String> fields) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            m.putIfAbsent(fields.get(i), i);
        }
        return Map.copyOf(m);
    }

    /** Position of a field in the payload, -1 when the event has no such field. */
    int position(String field) {
        Integer i = index.get(field);
        return i == null ? -1 : i;
    }

    static EventFormat parse(String text) {
        String name = null;
        List<String> fields = new ArrayList<>();
        Map<String, Map<Long, String>> symbols = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("name:")) {
                name = line.substring(5).trim();
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (f.find()) {
                String decl = f.group(1).trim();
                String field = decl.substring(decl.lastIndexOf(' ') + 1);
                int bracket = field.indexOf('[');
                if (bracket >= 0) {
                    field = field.substring(0, bracket);
                }
                if (!field.startsWith("common_")) {
                    fields.add(field);
                }
                continue;
            }
            if (line.startsWith("print fmt:")) {
                Matcher s = SYMBOLIC.matcher(line);
                while (s.find()) {
                    Map<Long, String> table = new HashMap<>();
                    Matcher p = PAIR.matcher(s.group(2));
                    while (p.find()) {
                        table.put(Long.parseLong(p.group(1)), p.group(2));
                    }
                    if (!table.isEmpty()) {
                        symbols.putIfAbsent(s.group(1), table);
                    }
                }
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("not a tracefs format file: no 'name:' line");
        }
        return new EventFormat(name, fields, symbols);
    }

    /** The symbolic name of a field's value, or the number as text. */
    String symbol(String field, long value) {
        Map<Long, String> t = symbols.get(field);
        String s = t == null ? null : t.get(value);
        return s != null ? s : Long.toString(value);
    }
}
