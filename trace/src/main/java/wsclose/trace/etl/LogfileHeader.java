package wsclose.trace.etl;

import java.nio.charset.StandardCharsets;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.TimeBase;

/**
 * The TRACE_LOGFILE_HEADER carried by the first record of an ETL file (the EventTrace/Header event),
 * with the logger and log-file names that follow it (etl-format.md §A.7). Times are FILETIME.
 *
 * @param pointerSize   PointerSize: the logging OS's pointer size
 * @param recordPointerSize 4 or 8: the pointer size of the header record itself (SYSTEM32 or SYSTEM64),
 *                      which decides the field offsets from 0x38 on
 * @param syncTimestamp raw timestamp of the header record: the clock value that equals {@code startTime}
 * @param clockType     ReservedFlags: 1 QPC, 2 system time, 3 CPU cycles
 */
public record LogfileHeader(long bufferSize, long version, int osMajor, int osMinor, long build, int processors,
                            long endTime, long timerResolution, long maximumFileSize, long logFileMode,
                            long buffersWritten, int pointerSize, long eventsLost, long cpuSpeedMhz,
                            int timeZoneBiasMinutes, long bootTime, long perfFreq, long startTime, int clockType,
                            long buffersLost, String loggerName, String logFileName, int recordPointerSize,
                            long syncTimestamp) {

    /** LogFileMode bit EVENT_TRACE_COMPRESSED_MODE (PHNT). */
    public static final long COMPRESSED_MODE = 0x04000000L;

    /** Minimal payload sizes: 0x118 for a 64-bit header record, 0x110 for a 32-bit one (§A.7). */
    static int minimalSize(int recordPointerSize) {
        return recordPointerSize == 8 ? 0x118 : 0x110;
    }

    /**
     * Decodes the payload of the header record. The caller has checked it is at least
     * {@link #minimalSize} bytes long.
     */
    static LogfileHeader decode(EtwEvent ev) {
        byte[] b = ev.array();
        int o = ev.payloadOffset();
        int p = ev.pointerSize();
        int d = p == 8 ? 8 : 0; // fields from LoggerName on move by the two pointers' extra size
        int len = ev.payloadLength();
        int strings = minimalSize(p);
        int[] cursor = {o + strings};
        String logger = utf16z(b, cursor, o + len);
        String file = utf16z(b, cursor, o + len);
        return new LogfileHeader(
                Bytes.u32(b, o), Bytes.u32(b, o + 0x04), b[o + 0x04] & 0xFF, b[o + 0x05] & 0xFF,
                Bytes.u32(b, o + 0x08), Bytes.i32(b, o + 0x0C), Bytes.i64(b, o + 0x10), Bytes.u32(b, o + 0x18),
                Bytes.u32(b, o + 0x1C), Bytes.u32(b, o + 0x20), Bytes.u32(b, o + 0x24), Bytes.i32(b, o + 0x2C),
                Bytes.u32(b, o + 0x30), Bytes.u32(b, o + 0x34),
                Bytes.i32(b, o + 0x40 + d), // TimeZone.Bias
                Bytes.i64(b, o + 0xF0 + d), Bytes.i64(b, o + 0xF8 + d), Bytes.i64(b, o + 0x100 + d),
                Bytes.i32(b, o + 0x108 + d), Bytes.u32(b, o + 0x10C + d),
                logger, file, p, ev.timestamp());
    }

    /** Reads a NUL-terminated UTF-16LE string, bounded by {@code limit}; advances the cursor past the NUL. */
    private static String utf16z(byte[] b, int[] cursor, int limit) {
        int start = cursor[0];
        int i = start;
        while (i + 1 < limit && (b[i] != 0 || b[i + 1] != 0)) {
            i += 2;
        }
        int stop = Math.min(i, limit);
        cursor[0] = Math.min(i + 2, limit);
        return stop > start ? new String(b, start, stop - start, StandardCharsets.UTF_16LE) : "";
    }

    public boolean compressedMode() {
        return (logFileMode & COMPRESSED_MODE) != 0;
    }

    public String osVersion() {
        return osMajor + "." + osMinor;
    }

    public String clockName() {
        return TimeBase.clockName(clockType);
    }

    /** The converter from raw timestamps to FILETIME this header defines. */
    public TimeBase timeBase() {
        return TimeBase.of(clockType, startTime, syncTimestamp, perfFreq, cpuSpeedMhz);
    }
}
