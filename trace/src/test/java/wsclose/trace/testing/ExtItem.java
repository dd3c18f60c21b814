package wsclose.trace.testing;

/**
 * One EVENT_HEADER extended-data item (etl-format.md §A.5.3): its ExtType (0x01 RELATED_ACTIVITYID …
 * 0x10 CONTAINER_ID) and its data. The writer frames it as an 8-byte item header plus the data padded to 8.
 */
public record ExtItem(int type, byte[] data) {
    public ExtItem {
        if (type < 0 || type > 0xFFFF || data.length > 0xFFFF) {
            throw new IllegalArgumentException("bad extended item: type " + type + ", " + data.length + " bytes");
        }
    }
}
