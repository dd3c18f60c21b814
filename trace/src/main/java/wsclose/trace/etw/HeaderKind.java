package wsclose.trace.etw;

/**
 * The record header families an ETL buffer can hold (etl-format.md §A.4, marker type byte).
 * {@link #label()} is the name the corpus ground truth uses (dissect.etl's class names).
 */
public enum HeaderKind {
    /** SYSTEM_TRACE_HEADER, marker type 0x01/0x02: classic kernel events with CPU times. */
    SYSTEM("SystemHeader", "op"),
    /** COMPACT system header, 0x03/0x04. */
    COMPACT("CompactSystemHeader", "op"),
    /** PERFINFO_TRACE_HEADER, 0x10/0x11: kernel perf events without pid/tid. */
    PERFINFO("PerfinfoTraceHeader", "op"),
    /** EVENT_HEADER, 0x12/0x13: manifest, EventSource and TraceLogging events. */
    EVENT("EventHeader", "id"),
    /** EVENT_TRACE_HEADER ("full"), 0x0A/0x14: classic MOF events. */
    CLASSIC("EventTraceHeader", "type"),
    /** EVENT_INSTANCE_GUID_HEADER, 0x0B/0x15. */
    INSTANCE("EventInstanceGUIDHeader", "type"),
    /** MESSAGE_TRACE_HEADER (WPP), top marker byte 0x90. */
    WPP("MessageTraceHeader", "msg");

    private final String label;
    private final String keyPrefix;

    HeaderKind(String label, String keyPrefix) {
        this.label = label;
        this.keyPrefix = keyPrefix;
    }

    public String label() {
        return label;
    }

    /** "id", "op", "type" or "msg": the prefix of an event key such as {@code id1001}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Classic kernel headers identify events by (group, opcode): SYSTEM, COMPACT, PERFINFO. */
    public boolean isKernel() {
        return this == SYSTEM || this == COMPACT || this == PERFINFO;
    }

    /** The key string used by summaries and the ground truth: {@code id5}, {@code op10}, {@code type1}, {@code msg}. */
    public String key(int id) {
        return this == WPP ? "msg" : keyPrefix + id;
    }
}
