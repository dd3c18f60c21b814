package wsclose.trace.decode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payload field's name with a small number of its own, so that a compiled layout ({@link PayloadView.Plan})
 * resolves it to the field's index once and then finds it by array index: the hot mappings read a few fields of
 * every event, and hashing their names per event was a tenth of analyze's decode time (issue: analyze at the
 * reader's speed). One key per name, shared by every layout that has a field of that name.
 */
final class FieldKey {
    private static final Map<String, FieldKey> BY_NAME = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    final String name;
    final int id;

    private FieldKey(String name, int id) {
        this.name = name;
        this.id = id;
    }

    static FieldKey of(String name) {
        return BY_NAME.computeIfAbsent(name, n -> new FieldKey(n, COUNT.getAndIncrement()));
    }

    /** How many keys exist: a layout sizes its index table by it. */
    static int count() {
        return COUNT.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
