package wsclose.trace.testing;

/**
 * Everything {@link EtlWriter} puts into the buffer headers (etl-format.md §A.2) and the
 * TRACE_LOGFILE_HEADER (§A.7). Build with {@link EtlWriter#builder()}.
 *
 * @param pointerSize       4 or 8: SYSTEM32/64 etc. header types (§A.4), logfile header 0x110/0x118 (§A.7)
 * @param clockType         ReservedFlags: 1 QPC, 2 system time (raw = FILETIME), 3 CPU cycles (§A.7, §A.8)
 * @param t0                raw timestamp of the EventTrace/Header record, the time anchor (§A.8)
 * @param startFileTime     StartTime, the FILETIME of {@code t0}
 * @param compressed        LogFileMode 0x04000000, data buffers XPRESS-compressed with BufferFlag 0x40 (§A.2.1)
 * @param win7Style         no PROC_INDEX flag, u8 ProcessorNumber + alignment byte 8 at 0x28, header SavedOffset 0 (§A.2)
 * @param buffersWritten    BuffersWritten to write, or -1 for the number of buffers in the file
 */
public record EtlOptions(int pointerSize, int processors, int bufferSize, int clockType, long perfFreq,
        long startFileTime, long t0, long endFileTime, long bootFileTime, boolean compressed, boolean win7Style,
        int osMajor, int osMinor, int build, String loggerName, String logFileName, int eventsLost, int buffersLost,
        int logFileMode, int cpuSpeedMhz, int timerResolution, int loggerId, int buffersWritten) {

    /** EVENT_TRACE_COMPRESSED_MODE (§A.2.1, §A.7 LogFileMode). */
    public static final int COMPRESSED_MODE = 0x04000000;
    /** 2024-01-01T23:04:05Z as FILETIME. */
    public static final long DEFAULT_START = 133_486_238_450_000_000L;

    public EtlOptions {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointerSize must be 4 or 8");
        }
        if (processors < 1 || processors > (win7Style ? 256 : 2048)) {
            throw new IllegalArgumentException("processors out of range: " + processors);
        }
        if (bufferSize < 0x48 + 0x200 || (bufferSize & 7) != 0) {
            throw new IllegalArgumentException("bufferSize must be a multiple of 8 and at least 0x248: " + bufferSize);
        }
        if (clockType < 1 || clockType > 3) {
            throw new IllegalArgumentException("clock type must be 1, 2 or 3: " + clockType);
        }
    }

    /** The LogFileMode as written: the given mode, plus COMPRESSED_MODE when compressed. */
    public int effectiveLogFileMode() {
        return compressed ? logFileMode | COMPRESSED_MODE : logFileMode;
    }

    /** Fluent builder; {@link #build()} gives the writer. */
    public static final class Builder {
        private int pointerSize = 8;
        private int processors = 1;
        private int bufferSize = 65536;
        private int clockType = 1;
        private long perfFreq = 10_000_000L;
        private long startFileTime = DEFAULT_START;
        private Long t0;
        private Long endFileTime;
        private Long bootFileTime;
        private boolean compressed;
        private boolean win7Style;
        private int osMajor = 10;
        private int osMinor = 0;
        private int build = 19041;
        private String loggerName = "wsclose-test";
        private String logFileName = "C:\\traces\\wsclose-test.etl";
        private int eventsLost;
        private int buffersLost;
        private int logFileMode = 0x00000001; // EVENT_TRACE_FILE_MODE_SEQUENTIAL
        private int cpuSpeedMhz = 2400;
        private int timerResolution = 156_250;
        private int loggerId = 0x11;
        private int buffersWritten = -1;

        Builder() {
        }

        public Builder pointerSize(int v) { pointerSize = v; return this; }
        public Builder processors(int v) { processors = v; return this; }
        public Builder bufferSize(int v) { bufferSize = v; return this; }
        /** Clock 1 (QPC) with this PerfFreq. */
        public Builder qpcClock(long freq) { clockType = 1; perfFreq = freq; return this; }
        /** Clock 2: raw timestamps are FILETIMEs; t0 defaults to StartTime. */
        public Builder systemTimeClock() { clockType = 2; return this; }
        public Builder clockType(int v) { clockType = v; return this; }
        public Builder perfFreq(long v) { perfFreq = v; return this; }
        public Builder startFileTime(long v) { startFileTime = v; return this; }
        public Builder t0(long v) { t0 = v; return this; }
        /** EndTime; 0 = never finalized. Default StartTime + 60 s. */
        public Builder endFileTime(long v) { endFileTime = v; return this; }
        public Builder bootFileTime(long v) { bootFileTime = v; return this; }
        public Builder compressed(boolean v) { compressed = v; return this; }
        public Builder win7Style(boolean v) { win7Style = v; return this; }
        public Builder os(int major, int minor, int buildNumber) { osMajor = major; osMinor = minor; build = buildNumber; return this; }
        public Builder loggerName(String v) { loggerName = v; return this; }
        public Builder logFileName(String v) { logFileName = v; return this; }
        public Builder eventsLost(int v) { eventsLost = v; return this; }
        public Builder buffersLost(int v) { buffersLost = v; return this; }
        public Builder logFileMode(int v) { logFileMode = v; return this; }
        public Builder cpuSpeedMhz(int v) { cpuSpeedMhz = v; return this; }
        public Builder timerResolution(int v) { timerResolution = v; return this; }
        public Builder loggerId(int v) { loggerId = v; return this; }
        /** Overrides BuffersWritten (e.g. to claim more buffers than the file holds); -1 = actual count. */
        public Builder buffersWritten(int v) { buffersWritten = v; return this; }

        public EtlOptions options() {
            long anchor = t0 != null ? t0 : clockType == 2 ? startFileTime : 1_000_000_000L;
            long end = endFileTime != null ? endFileTime : startFileTime + 600_000_000L;
            long boot = bootFileTime != null ? bootFileTime : startFileTime - 36_000_000_000L;
            return new EtlOptions(pointerSize, processors, bufferSize, clockType, perfFreq, startFileTime, anchor, end,
                    boot, compressed, win7Style, osMajor, osMinor, build, loggerName, logFileName, eventsLost,
                    buffersLost, logFileMode, cpuSpeedMhz, timerResolution, loggerId, buffersWritten);
        }

        public EtlWriter build() {
            return new EtlWriter(options());
        }
    }
}
