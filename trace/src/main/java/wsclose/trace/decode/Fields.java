package wsclose.trace.decode;

/**
 * Read access to one payload's fields by name: what the socket mappings need. {@link Decoded} holds every
 * field decoded up front (the {@code events} command prints them all); {@link PayloadView} reads a field
 * only when a mapping asks for it, at an offset computed once per layout (issue: analyze at the reader's
 * speed).
 */
interface Fields {
    /** An integer field (number, pointer, hex integer, boolean as 0/1) as a long, or {@code fallback} when absent. */
    long getLong(String name, long fallback);

    /** The field as its decoded value (see {@link Decoded}), or null when absent. */
    Object get(String name);

    /** The field's value as text, or null when absent. */
    default String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }
}
