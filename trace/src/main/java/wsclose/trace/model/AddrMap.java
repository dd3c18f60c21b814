package wsclose.trace.model;

import java.util.HashMap;
import java.util.Map;

/**
 * A map keyed by a socket address as the model keeps it: an {@link Ip4} key, else the text (IPv6 and others). IPv4
 * addresses, nearly all of them, go to a primitive map and never need their text; the text side is made on its
 * first use.
 */
final class AddrMap<V> {
    private final LongMap<V> ip4 = new LongMap<>();
    private Map<String, V> texts;

    /** The value of the address ({@code key}, else {@code text}); null when neither is set or it has none. */
    V get(long key, String text) {
        if (key != 0) {
            return ip4.get(key);
        }
        return text == null || texts == null ? null : texts.get(text);
    }

    void put(long key, String text, V value) {
        if (key != 0) {
            ip4.put(key, value);
        } else if (text != null) {
            if (texts == null) {
                texts = new HashMap<>();
            }
            texts.put(text, value);
        }
    }

    V remove(long key, String text) {
        if (key != 0) {
            return ip4.remove(key);
        }
        return text == null || texts == null ? null : texts.remove(text);
    }

    int size() {
        return ip4.size() + (texts == null ? 0 : texts.size());
    }

    void clear() {
        ip4.clear();
        if (texts != null) {
            texts.clear();
        }
    }
}
