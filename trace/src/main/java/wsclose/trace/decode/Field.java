package wsclose.trace.decode;

/**
 * One payload field of a layout.
 *
 * @param lengthField name of an earlier field holding this field's byte length (binary, strings), or null
 * @param length      fixed byte length when there is no length field (binary), else 0
 * @param countField  name of an earlier field holding the element count of an array, or null
 * @param count       fixed element count (1 for a scalar)
 */
public record Field(String name, FieldType type, String lengthField, int length, String countField, int count) {

    public Field {
        name = name.intern(); // lets Decoded.get match the mapping code's constant names by identity
    }

    public static Field of(String name, FieldType type) {
        return new Field(name, type, null, 0, null, 1);
    }

    public static Field sized(String name, FieldType type, String lengthField) {
        return new Field(name, type, lengthField, 0, null, 1);
    }

    public static Field fixed(String name, FieldType type, int length) {
        return new Field(name, type, null, length, null, 1);
    }

    public static Field array(String name, FieldType type, String countField, int count) {
        return new Field(name, type, null, 0, countField, count);
    }

    public boolean isArray() {
        return countField != null || count != 1;
    }
}
