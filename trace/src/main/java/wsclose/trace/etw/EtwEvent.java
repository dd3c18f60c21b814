package wsclose.trace.etw;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One raw ETW event, as every source delivers it (the .etl reader, a live session, a test).
 *
 * <p>This is a flyweight: a source fills one instance per record and hands it to its consumer, which
 * must not keep it past the call; {@link #copy()} detaches one. That keeps the time-ordered walk free
 * of per-event allocation, which is what lets it run at memory speed (landscape.md §3.3). The payload
 * is read in place from the source's buffer.
 *
 * <p>What {@link #id()} means depends on the header kind: the event id for EVENT_HEADER, the opcode
 * (MOF EventType) for classic kernel headers, Class.Type for classic MOF and instance headers, and the
 * MessageNumber for WPP messages. {@link #key()} spells it as the summaries do: {@code id1001}, {@code op10},
 * {@code type1}, {@code msg}.
 */
public final class EtwEvent {
    private HeaderKind kind;
    private int headerType;
    private long timestamp;
    private TimeBase timeBase = TimeBase.IDENTITY;
    private Guid provider;
    private int id;
    private int version;
    private int opcode;
    private int level = -1;
    private int task = -1;
    private int channel = -1;
    private long keywords;
    private boolean hasKeywords;
    private int pid = -1;
    private int tid = -1;
    private boolean hasIds;
    private int processor;
    private int flags;
    private int pointerSize = 8;
    private byte[] data = new byte[0];
    private int payloadOffset;
    private int payloadLength;
    private int extOffset;
    private int extLength;
    private int recordSize;
    private long bufferIndex = -1;
    private long bufferFileOffset = -1;
    private int recordOffset = -1;

    /** Fills the identity of this event; sources call this once per record, then the setters they need. */
    public EtwEvent set(HeaderKind kind, int headerType, long timestamp, Guid provider, int id, int version) {
        this.kind = kind;
        this.headerType = headerType;
        this.timestamp = timestamp;
        this.provider = provider;
        this.id = id;
        this.version = version;
        this.opcode = kind == HeaderKind.EVENT ? 0 : id;
        this.level = -1;
        this.task = -1;
        this.channel = -1;
        this.keywords = 0;
        this.hasKeywords = false;
        this.pid = -1;
        this.tid = -1;
        this.hasIds = false;
        this.flags = 0;
        this.extOffset = 0;
        this.extLength = 0;
        return this;
    }

    public EtwEvent timeBase(TimeBase tb) { this.timeBase = tb; return this; }
    /** The clock of the file this event came from; one object per file, so it also tells files apart in a merge. */
    public TimeBase timeBase() { return timeBase; }
    public EtwEvent process(int pid, int tid) { this.pid = pid; this.tid = tid; this.hasIds = true; return this; }
    public EtwEvent processor(int cpu) { this.processor = cpu; return this; }
    public EtwEvent descriptor(int opcode, int level, int task, int channel) {
        this.opcode = opcode; this.level = level; this.task = task; this.channel = channel; return this;
    }
    public EtwEvent level(int level) { this.level = level; return this; }
    public EtwEvent keywords(long keywords) { this.keywords = keywords; this.hasKeywords = true; return this; }
    public EtwEvent flags(int flags) { this.flags = flags; return this; }
    public EtwEvent pointerSize(int p) { this.pointerSize = p; return this; }
    public EtwEvent payload(byte[] data, int offset, int length) {
        this.data = data; this.payloadOffset = offset; this.payloadLength = length; return this;
    }
    public EtwEvent extended(int offset, int length) { this.extOffset = offset; this.extLength = length; return this; }
    public EtwEvent position(long bufferIndex, long bufferFileOffset, int recordOffset, int recordSize) {
        this.bufferIndex = bufferIndex; this.bufferFileOffset = bufferFileOffset;
        this.recordOffset = recordOffset; this.recordSize = recordSize; return this;
    }

    public HeaderKind kind() { return kind; }
    /** The marker type byte (0x01…0x15); 0 for WPP. */
    public int headerType() { return headerType; }
    /** The raw timestamp in the trace's clock. */
    public long timestamp() { return timestamp; }
    /** UTC time as FILETIME (100 ns units since 1601). */
    public long fileTime() { return timeBase.toFileTime(timestamp); }
    /** Provider GUID; for classic kernel events the GUID of their kernel event group; null for a WPP message without one. */
    public Guid provider() { return provider; }
    public int id() { return id; }
    public int version() { return version; }
    /** EVENT_HEADER opcode; for classic events the same as {@link #id()}. */
    public int opcode() { return opcode; }
    /** Level, or -1 when the header kind has none. */
    public int level() { return level; }
    public int task() { return task; }
    public int channel() { return channel; }
    public long keywords() { return keywords; }
    public boolean hasKeywords() { return hasKeywords; }
    /** Whether the header carries process and thread ids (PERFINFO headers and some WPP messages do not). */
    public boolean hasIds() { return hasIds; }
    /** Process id (-1 when {@link #hasIds()} is false); print with Integer.toUnsignedString. */
    public int pid() { return pid; }
    public int tid() { return tid; }
    public int processor() { return processor; }
    /** EVENT_HEADER Flags (0 for other kinds). */
    public int flags() { return flags; }
    /** Pointer size for payload fields of type Pointer (etl-format.md §A.5.2). */
    public int pointerSize() { return pointerSize; }
    public int recordSize() { return recordSize; }
    public long bufferIndex() { return bufferIndex; }
    public long bufferFileOffset() { return bufferFileOffset; }
    public int recordOffset() { return recordOffset; }
    public String key() { return kind.key(id); }

    public int payloadLength() { return payloadLength; }
    /** Bytes of EVENT_HEADER extended-data items (headers included). */
    public int extendedLength() { return extLength; }

    /** The payload as a read-only little-endian view of the source's buffer (no copy). */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(data, payloadOffset, payloadLength).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The extended-data items as a read-only view (each: u16 size, u16 type, u16 linkage, u16 data size, data). */
    public ByteBuffer extendedData() {
        return ByteBuffer.wrap(data, extOffset, extLength).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Raw access for decoders: the backing array and where the payload starts in it. */
    public byte[] array() { return data; }
    public int payloadOffset() { return payloadOffset; }
    public int extendedOffset() { return extOffset; }

    public byte[] payloadBytes() {
        return Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
    }

    /** A detached copy that owns its payload and extended data. */
    public EtwEvent copy() {
        EtwEvent c = new EtwEvent();
        c.kind = kind; c.headerType = headerType; c.timestamp = timestamp; c.timeBase = timeBase;
        c.provider = provider; c.id = id; c.version = version; c.opcode = opcode; c.level = level;
        c.task = task; c.channel = channel; c.keywords = keywords; c.hasKeywords = hasKeywords;
        c.pid = pid; c.tid = tid; c.hasIds = hasIds; c.processor = processor; c.flags = flags; c.pointerSize = pointerSize;
        byte[] d = new byte[extLength + payloadLength];
        System.arraycopy(data, extOffset, d, 0, extLength);
        System.arraycopy(data, payloadOffset, d, extLength, payloadLength);
        c.data = d; c.extOffset = 0; c.extLength = extLength; c.payloadOffset = extLength; c.payloadLength = payloadLength;
        c.recordSize = recordSize; c.bufferIndex = bufferIndex; c.bufferFileOffset = bufferFileOffset; c.recordOffset = recordOffset;
        return c;
    }

    @Override
    public String toString() {
        return Times.iso(fileTime()) + ' ' + provider + ' ' + key() + " v" + version + " pid " + pid + " tid " + tid
                + " len " + payloadLength;
    }
}
