package wsclose.trace.decode;

import java.util.List;

/** The named, ordered fields of one event (provider, id or opcode, version). */
public record Layout(String name, List<Field> fields) {
    public Layout {
        fields = List.copyOf(fields);
    }

    public static Layout of(String name, Field... fields) {
        return new Layout(name, List.of(fields));
    }
}
