package wsclose.trace.testing;

import static wsclose.trace.testing.WmiBufferHeader.BUFFER_HEADER;
import static wsclose.trace.testing.WmiBufferHeader.COMPRESSED;
import static wsclose.trace.testing.WmiBufferHeader.FLUSH_MARKER;
import static wsclose.trace.testing.WmiBufferHeader.PROC_INDEX;
import static wsclose.trace.testing.WmiBufferHeader.TYPE_GENERIC;
import static wsclose.trace.testing.WmiBufferHeader.TYPE_HEADER;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import wsclose.trace.etl.XpressTestCompressor;
import wsclose.trace.etw.Guid;

/**
 * Test-only writer of .etl files, written from etl-format.md part A alone, as an independent check of
 * the reader. File = buffers back to back (§A.1). Buffer 0 is the HEADER buffer holding the
 * EventTrace/Header record (§A.7); events go into one open buffer per CPU, and a buffer is written out
 * when the next record does not fit, so buffers of several CPUs interleave in file order as in real
 * files (§A.9); {@link #toBytes()} then writes the partly filled buffers in CPU order.
 * Records are padded to 8 bytes (§A.4), the unused tail is 0xFF (§A.4), Offset = end of the records
 * including the 0x48-byte header (§A.2). Events of one CPU must come in non-decreasing time order.
 * <p>Streaming mode ({@link #streamTo}) writes every buffer to the file as soon as it is full, so traces
 * larger than memory can be built; {@link #close()} then writes the open buffers and fills in BuffersWritten.
 */
public final class EtlWriter implements Closeable {
    /** Where record number {@code index} (0-based, in add order) landed: buffer number in file order, offset from the buffer start (header included, inflated image for compressed buffers). */
    public record Placement(int index, int cpu, long timestamp, int buffer, int offset) {
    }

    private record Rec(int index, int offset, long ts) {
    }

    private static final class Buf {
        final int cpu;
        final byte[] area;
        int used = BUFFER_HEADER;
        long lastTs;
        boolean eventsLost;
        final List<Rec> records = new ArrayList<>();

        Buf(int cpu, int size) {
            this.cpu = cpu;
            this.area = new byte[size];
            Arrays.fill(area, (byte) 0xFF);
        }
    }

    private EtlOptions o;
    private final List<Object> flushed = new ArrayList<>(); // Buf or byte[] (raw buffer), in file order
    private final Map<Integer, Buf> open = new TreeMap<>();
    private final long[] lastTs;
    private int recordPointerSize;
    private int count;
    private FileChannel sink; // streaming mode: buffers go here instead of into `flushed`
    private long streamed;    // data buffers written to the sink so far

    EtlWriter(EtlOptions options) {
        this.o = options;
        this.recordPointerSize = options.pointerSize();
        this.lastTs = new long[options.processors()];
        Arrays.fill(lastTs, Long.MIN_VALUE);
    }

    public static EtlOptions.Builder builder() {
        return new EtlOptions.Builder();
    }

    public static EtlWriter create(EtlOptions options) {
        return new EtlWriter(options);
    }

    /** Sets the header's EventsLost (a scenario that dropped events, as a session under load does), before close/write. */
    public EtlWriter eventsLost(int n) {
        o = new EtlOptions(o.pointerSize(), o.processors(), o.bufferSize(), o.clockType(), o.perfFreq(), o.startFileTime(),
                o.t0(), o.endFileTime(), o.bootFileTime(), o.compressed(), o.win7Style(), o.osMajor(), o.osMinor(), o.build(),
                o.loggerName(), o.logFileName(), n, o.buffersLost(), o.logFileMode(), o.cpuSpeedMhz(), o.timerResolution(),
                o.loggerId(), o.buffersWritten());
        return this;
    }

    public EtlOptions options() {
        return o;
    }

    /** Pointer size for the header types of records added from now on (real files mix 0x01/0x12 with PointerSize 8). */
    public EtlWriter recordPointerSize(int p) {
        if (p != 4 && p != 8) {
            throw new IllegalArgumentException("pointer size must be 4 or 8");
        }
        recordPointerSize = p;
        return this;
    }

    /** EVENT_HEADER record (§A.5.2), channel 0, no extended data. */
    public EtlWriter event(int cpu, long ts, Guid provider, int id, int version, int opcode, int level, int task,
            long keywords, int pid, int tid, byte[] payload) {
        return event(cpu, ts, provider, id, version, 0, opcode, level, task, keywords, pid, tid, List.of(), payload);
    }

    /** EVENT_HEADER record with extended-data items (§A.5.3), channel 0. */
    public EtlWriter event(int cpu, long ts, Guid provider, int id, int version, int opcode, int level, int task,
            long keywords, int pid, int tid, List<ExtItem> ext, byte[] payload) {
        return event(cpu, ts, provider, id, version, 0, opcode, level, task, keywords, pid, tid, ext, payload);
    }

    /** EVENT_HEADER record with every descriptor field. */
    public EtlWriter event(int cpu, long ts, Guid provider, int id, int version, int channel, int opcode, int level,
            int task, long keywords, int pid, int tid, List<ExtItem> ext, byte[] payload) {
        return add(cpu, ts, Records.event(recordPointerSize, ts, provider, id, version, channel, level, opcode, task,
                keywords, pid, tid, ext, payload));
    }

    /** SYSTEM_TRACE_HEADER record: classic kernel event of (group, opcode, version) (§A.5.1). */
    public EtlWriter kernel(int cpu, long ts, int group, int opcode, int version, int pid, int tid, byte[] payload) {
        return add(cpu, ts, Records.system(recordPointerSize, ts, group, opcode, version, pid, tid, payload));
    }

    /** COMPACT system header record (§A.5.1). */
    public EtlWriter compact(int cpu, long ts, int group, int opcode, int version, int pid, int tid, byte[] payload) {
        return add(cpu, ts, Records.compact(recordPointerSize, ts, group, opcode, version, pid, tid, payload));
    }

    /** PERFINFO_TRACE_HEADER record: no pid/tid (§A.5.1). */
    public EtlWriter perfinfo(int cpu, long ts, int group, int opcode, int version, byte[] payload) {
        return add(cpu, ts, Records.perfinfo(recordPointerSize, ts, group, opcode, version, payload));
    }

    /** EVENT_TRACE_HEADER ("full", classic MOF) record (§A.5.4). */
    public EtlWriter classic(int cpu, long ts, Guid classGuid, int type, int level, int version, int pid, int tid,
            byte[] payload) {
        return add(cpu, ts, Records.classic(recordPointerSize, ts, classGuid, type, level, version, pid, tid, payload));
    }

    /** EVENT_INSTANCE_GUID_HEADER record (§A.5.4). */
    public EtlWriter instance(int cpu, long ts, Guid classGuid, int type, int level, int version, int pid, int tid,
            int instanceId, int parentInstanceId, Guid parentGuid, byte[] payload) {
        return add(cpu, ts, Records.instance(recordPointerSize, ts, classGuid, type, level, version, pid, tid,
                instanceId, parentInstanceId, parentGuid, payload));
    }

    /** WPP MESSAGE_TRACE_HEADER record with GUID, TIMESTAMP and SYSTEMINFO (§A.5.5). */
    public EtlWriter wpp(int cpu, long ts, Guid msgGuid, int messageNumber, int pid, int tid, byte[] payload) {
        return add(cpu, ts, Records.wpp(recordPointerSize, ts, null, msgGuid, messageNumber, pid, tid, payload));
    }

    /** WPP record that also carries a SEQUENCE number (OptionFlags 0x01). */
    public EtlWriter wpp(int cpu, long ts, int sequence, Guid msgGuid, int messageNumber, int pid, int tid, byte[] payload) {
        return add(cpu, ts, Records.wpp(recordPointerSize, ts, sequence, msgGuid, messageNumber, pid, tid, payload));
    }

    /**
     * An event of {@code cpu} could not be stored at {@code ts}: the session ran out of free buffers. As in ETW, the
     * loss happens at a buffer boundary: the CPU's buffer is given up as it is (it was full, as far as the session
     * could tell) and the CPU's next buffer, which holds the events after the loss, is flagged EVENTS_LOST
     * (BufferFlag 0x0002, §A.2); the header counts the loss in EventsLost ({@link #eventsLost}). Further losses
     * before the next stored event fall in the same gap. (Whether Windows flags the buffer before the gap or after
     * it is not documented; the reader counts the gaps on both sides of a flagged buffer.)
     */
    public EtlWriter eventLostAt(int cpu, long ts) {
        if (ts < lastTs[cpu]) {
            throw new IllegalArgumentException("cpu " + cpu + ": timestamp " + ts + " before previous " + lastTs[cpu]);
        }
        Buf b = open.get(cpu);
        if (b != null && b.eventsLost && b.records.isEmpty()) {
            return this; // still in the same gap
        }
        if (b != null) {
            retire(b);
        }
        b = new Buf(cpu, o.bufferSize());
        b.eventsLost = true;
        b.lastTs = ts;
        open.put(cpu, b);
        lastTs[cpu] = ts;
        return this;
    }

    /** A CPU's buffer is done: into the file (streaming) or the list of buffers in file order. */
    private void retire(Buf b) {
        if (sink != null) {
            stream(dataBuffer(b, streamed + 1));
        } else {
            flushed.add(b);
        }
    }

    /** Arbitrary record bytes (e.g. a bogus marker or Size) placed like any record; {@code ts} only orders it. */
    public EtlWriter rawRecord(int cpu, long ts, byte[] record) {
        return add(cpu, ts, record.clone());
    }

    /** Appends arbitrary bytes as the next buffer in file order (for bad-input tests). */
    public EtlWriter rawBuffer(byte[] bytes) {
        if (sink != null) {
            stream(bytes);
        } else {
            flushed.add(bytes.clone());
        }
        return this;
    }

    /**
     * Switches to streaming mode before any record is added: the header buffer is written now (BuffersWritten
     * is filled in by {@link #close()}), every full buffer is written as soon as the next record does not fit,
     * and nothing but the open buffers stays in memory. {@link #toBytes()} and {@link #placements()} are then
     * unavailable.
     */
    public EtlWriter streamTo(Path path) throws IOException {
        if (count > 0 || !flushed.isEmpty() || sink != null) {
            throw new IllegalStateException("streamTo must be called once, before anything is added");
        }
        sink = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        sink.write(ByteBuffer.wrap(headerBuffer(0)));
        return this;
    }

    /** Streaming mode: writes the open buffers in CPU order, rewrites the header buffer, closes the file. Otherwise nothing. */
    @Override
    public void close() throws IOException {
        if (sink == null) {
            return;
        }
        try {
            for (Buf b : open.values()) {
                stream(dataBuffer(b, streamed + 1));
            }
            open.clear();
            int written = o.buffersWritten() >= 0 ? o.buffersWritten() : (int) (streamed + 1);
            sink.write(ByteBuffer.wrap(headerBuffer(written)), 0);
        } finally {
            sink.close();
            sink = null;
        }
    }

    private void stream(byte[] buffer) {
        try {
            ByteBuffer bb = ByteBuffer.wrap(buffer);
            while (bb.hasRemaining()) {
                sink.write(bb);
            }
            streamed++;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void requireInMemory() {
        if (sink != null) {
            throw new IllegalStateException("not available in streaming mode");
        }
    }

    private EtlWriter add(int cpu, long ts, byte[] record) {
        if (cpu < 0 || cpu >= o.processors()) {
            throw new IllegalArgumentException("cpu " + cpu + " outside 0.." + (o.processors() - 1));
        }
        if (ts < lastTs[cpu]) {
            throw new IllegalArgumentException("cpu " + cpu + ": timestamp " + ts + " before previous " + lastTs[cpu]);
        }
        int aligned = Records.align8(record.length);
        if (BUFFER_HEADER + aligned > o.bufferSize()) {
            throw new IllegalArgumentException("record of " + record.length + " bytes does not fit a buffer");
        }
        Buf b = open.get(cpu);
        if (b != null && b.used + aligned > o.bufferSize()) {
            retire(b);
            b = null;
        }
        if (b == null) {
            b = new Buf(cpu, o.bufferSize());
            open.put(cpu, b);
        }
        System.arraycopy(record, 0, b.area, b.used, record.length);
        Arrays.fill(b.area, b.used + record.length, b.used + aligned, (byte) 0);
        b.records.add(new Rec(count++, b.used, ts));
        b.used += aligned;
        b.lastTs = ts;
        lastTs[cpu] = ts;
        return this;
    }

    /** The data buffers in file order: those already written out, then the open ones by CPU. */
    private List<Object> layout() {
        List<Object> all = new ArrayList<>(flushed);
        all.addAll(open.values());
        return all;
    }

    /** Where each added record lands in the file (in add order). */
    public List<Placement> placements() {
        requireInMemory();
        Placement[] out = new Placement[count];
        List<Object> all = layout();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof Buf b) {
                for (Rec r : b.records) {
                    out[r.index()] = new Placement(r.index(), b.cpu, r.ts(), i + 1, r.offset());
                }
            }
        }
        return List.of(out);
    }

    public byte[] toBytes() {
        requireInMemory();
        List<Object> all = layout();
        int written = o.buffersWritten() >= 0 ? o.buffersWritten() : all.size() + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(headerBuffer(written));
        long seq = 1;
        for (Object x : all) {
            out.writeBytes(x instanceof Buf b ? dataBuffer(b, seq) : (byte[]) x);
            seq++;
        }
        return out.toByteArray();
    }

    public void writeTo(Path path) throws IOException {
        Files.write(path, toBytes());
    }

    /** Buffer 0: HEADER type, FLUSH_MARKER|PROC_INDEX, the EventTrace/Header record at t0 (§A.1, §A.7). */
    private byte[] headerBuffer(int buffersWritten) {
        byte[] rec = Records.system(o.pointerSize(), o.t0(), 0, 0, 2, 0, 0, TraceLogfileHeader.payload(o, buffersWritten));
        Buf b = new Buf(0, o.bufferSize());
        System.arraycopy(rec, 0, b.area, BUFFER_HEADER, rec.length);
        b.used = BUFFER_HEADER + Records.align8(rec.length);
        Arrays.fill(b.area, BUFFER_HEADER + rec.length, b.used, (byte) 0);
        int flags = FLUSH_MARKER | (o.win7Style() ? 0 : PROC_INDEX);
        writeHeader(b.area, o.bufferSize(), o.win7Style() ? 0 : b.used, b.used, o.t0(), 0, 0, flags, TYPE_HEADER);
        return b.area;
    }

    /** A data buffer; compressed: header kept, body = XPRESS of [0x48, Offset), BufferSize = on-disk size (§A.2.1). */
    private byte[] dataBuffer(Buf b, long seq) {
        int flags = (o.win7Style() ? 0 : PROC_INDEX) | (b.eventsLost ? WmiBufferHeader.EVENTS_LOST : 0);
        if (!o.compressed()) {
            byte[] out = b.area.clone();
            writeHeader(out, out.length, b.used, b.used, b.lastTs, seq, b.cpu, flags, TYPE_GENERIC);
            return out;
        }
        byte[] body = XpressTestCompressor.compress(Arrays.copyOfRange(b.area, BUFFER_HEADER, b.used));
        byte[] out = new byte[BUFFER_HEADER + body.length];
        System.arraycopy(body, 0, out, BUFFER_HEADER, body.length);
        writeHeader(out, out.length, b.used, b.used, b.lastTs, seq, b.cpu, flags | COMPRESSED, TYPE_GENERIC);
        return out;
    }

    private void writeHeader(byte[] h, int bufferSize, int savedOffset, int offset, long ts, long seq, int cpu,
            int flags, int type) {
        WmiBufferHeader.write(h, o.win7Style(), o.loggerId(), bufferSize, savedOffset, offset, ts, seq, cpu, flags, type);
    }
}
