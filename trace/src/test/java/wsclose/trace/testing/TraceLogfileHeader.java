package wsclose.trace.testing;

import static wsclose.trace.etw.Bytes.put32;
import static wsclose.trace.etw.Bytes.put64;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the payload of the EventTrace/Header record: TRACE_LOGFILE_HEADER followed by the logger name
 * and log file name as NUL-terminated UTF-16LE (etl-format.md §A.7). The fixed part is 0x118 bytes for
 * pointer size 8 and 0x110 for 4; the two differ only from LoggerName (0x38, a pointer) on.
 */
final class TraceLogfileHeader {
    /** Trace layout version bytes 0x06/0x07 (SubVersion 1, SubMinorVersion 5 as in the samples, §A.7). */
    static final int SUB_VERSION = 1, SUB_MINOR_VERSION = 5;

    private TraceLogfileHeader() {
    }

    static int fixedSize(int pointerSize) {
        return pointerSize == 8 ? 0x118 : 0x110;
    }

    static byte[] payload(EtlOptions o, int buffersWritten) {
        int p = o.pointerSize();
        // From 0x38 on, every field sits 4 (one pointer) + 4 (the second pointer) bytes later when P = 8.
        int shift = p == 8 ? 8 : 0;
        byte[] logger = utf16z(o.loggerName());
        byte[] file = utf16z(o.logFileName());
        int fixed = fixedSize(p);
        byte[] b = new byte[fixed + logger.length + file.length];
        put32(b, 0x00, o.bufferSize());                                   // BufferSize
        b[0x04] = (byte) o.osMajor();                                    // Version: MajorVersion
        b[0x05] = (byte) o.osMinor();                                    //          MinorVersion
        b[0x06] = (byte) SUB_VERSION;                                     //          SubVersion
        b[0x07] = (byte) SUB_MINOR_VERSION;                               //          SubMinorVersion
        put32(b, 0x08, o.build());                                       // ProviderVersion = OS build
        put32(b, 0x0C, o.processors());                                  // NumberOfProcessors
        put64(b, 0x10, o.endFileTime());                                 // EndTime
        put32(b, 0x18, o.timerResolution());                             // TimerResolution
        put32(b, 0x1C, 0);                                               // MaximumFileSize
        put32(b, 0x20, o.effectiveLogFileMode());                        // LogFileMode
        put32(b, 0x24, buffersWritten);                                  // BuffersWritten
        put32(b, 0x28, 1);                                               // StartBuffers
        put32(b, 0x2C, p);                                               // PointerSize
        put32(b, 0x30, o.eventsLost());                                  // EventsLost
        put32(b, 0x34, o.cpuSpeedMhz());                                 // CpuSpeedInMHz
        // 0x38 LoggerName and 0x38 + P LogFileName: stale pointers, left 0.
        // TimeZone (0xAC bytes) at 0x40 (P=4) / 0x48 (P=8): Bias 0 (UTC), names empty.
        put32(b, 0x40 + shift, 0);
        // 0xEC / 0xF4: 4 bytes padding.
        put64(b, 0xF0 + shift, o.bootFileTime());                        // BootTime
        put64(b, 0xF8 + shift, o.perfFreq());                            // PerfFreq
        put64(b, 0x100 + shift, o.startFileTime());                      // StartTime
        put32(b, 0x108 + shift, o.clockType());                          // ReservedFlags = clock type
        put32(b, 0x10C + shift, o.buffersLost());                        // BuffersLost
        System.arraycopy(logger, 0, b, fixed, logger.length);            // LoggerName string
        System.arraycopy(file, 0, b, fixed + logger.length, file.length); // LogFileName string
        return b;
    }

    static byte[] utf16z(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] z = new byte[u.length + 2];
        System.arraycopy(u, 0, z, 0, u.length);
        return z;
    }
}
