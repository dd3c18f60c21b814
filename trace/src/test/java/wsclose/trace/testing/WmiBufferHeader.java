package wsclose.trace.testing;

import static wsclose.trace.etw.Bytes.put16;
import static wsclose.trace.etw.Bytes.put32;
import static wsclose.trace.etw.Bytes.put64;

import java.util.Arrays;

/** Writes the 0x48-byte WMI_BUFFER_HEADER (etl-format.md §A.2; processor field per expected/README.md "processor"). */
public final class WmiBufferHeader {
    /** WMI_BUFFER_HEADER size (§A.2). */
    public static final int BUFFER_HEADER = 0x48;
    /** BufferFlag bits (§A.2). */
    public static final int FLUSH_MARKER = 0x01, EVENTS_LOST = 0x02, PROC_INDEX = 0x20, COMPRESSED = 0x40;
    /** BufferType values (§A.2). */
    public static final int TYPE_GENERIC = 0, TYPE_HEADER = 4;
    /** ETW_BUFFER_STATE Flush, as in the samples (§A.2 State). */
    public static final int STATE_FLUSH = 3;

    private WmiBufferHeader() {
    }

    static void write(byte[] h, boolean win7Style, int loggerId, int bufferSize, int savedOffset, int offset, long ts,
            long seq, int cpu, int flags, int type) {
        Arrays.fill(h, 0, BUFFER_HEADER, (byte) 0);
        put32(h, 0x00, bufferSize);           // BufferSize (on-disk size)
        put32(h, 0x04, savedOffset);          // SavedOffset
        put32(h, 0x08, offset);               // CurrentOffset
        // 0x0C ReferenceCount: 0.
        put64(h, 0x10, ts);                   // TimeStamp: the last record's
        put64(h, 0x18, seq);                  // SequenceNumber
        // 0x20 ClockType/Frequency union: 0.
        if (win7Style) {
            h[0x28] = (byte) cpu;             // ProcessorNumber (u8)
            h[0x29] = 8;                      // Alignment
        } else {
            put16(h, 0x28, cpu);              // ProcessorIndex (u16, with PROC_INDEX)
        }
        put16(h, 0x2A, loggerId);             // LoggerId
        put32(h, 0x2C, STATE_FLUSH);          // State
        put32(h, 0x30, offset);               // Offset (FilledBytes), header included
        put16(h, 0x34, flags);                // BufferFlag
        put16(h, 0x36, type);                 // BufferType
        // 0x38..0x47 ReferenceTime: 0.
    }
}
