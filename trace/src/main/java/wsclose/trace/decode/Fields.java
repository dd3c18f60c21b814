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

    /** {@link #getLong(String, long)} by a key a compiled layout resolves once. */
    default long getLong(FieldKey key, long fallback) {
        return getLong(key.name, fallback);
    }

    /** {@link #get(String)} by key. */
    default Object get(FieldKey key) {
        return get(key.name);
    }

    /** {@link #getString(String)} by key. */
    default String getString(FieldKey key) {
        Object v = get(key);
        return v == null ? null : v.toString();
    }

    /**
     * The field's text, made only if a consumer asks for it while this payload is current (the lifetime of an
     * event {@link SocketDecoder#decodeShared} hands over); null when the field is absent. For a text most
     * consumers never read: the remote address of every send and receive.
     */
    default wsclose.trace.model.SocketEvent.LazyText later(FieldKey key) {
        String s = getString(key);
        return s == null ? null : () -> s;
    }
}
