package wsclose.trace.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload field's name with a small number of its own, so that a compiled layout ({@link PayloadView.Plan})
 * resolves it to the field's index once and then finds it by array index: the hot mappings read a few fields of
 * every event, and hashing their names per event was a tenth of analyze's decode time (issue: analyze at the
 * reader's speed). One key per name, shared by every layout that has a field of that name.
 */
final class FieldKey {
    // Keys are made by the mappings' static initializers, a few dozen in all: one lock is enough.
    private static final Map<String, FieldKey> BY_NAME = new HashMap<>();
    private static final List<String> NAMES = new ArrayList<>();

    final String name;
    final int id;

    private FieldKey(String name, int id) {
        this.name = name;
        this.id = id;
    }

    static synchronized FieldKey of(String name) {
        FieldKey k = BY_NAME.get(name);
        if (k == null) {
            k = new FieldKey(name, NAMES.size());
            NAMES.add(name);
            BY_NAME.put(name, k);
        }
        return k;
    }

    /** The names of the keys that exist, by id: a layout resolves them all when it is compiled. */
    static synchronized String[] names() {
        return NAMES.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return name;
    }
}
