package wsclose.trace.etl;

import wsclose.trace.etw.TimeBase;

/**
 * A clock for a file whose logfile header names an unknown clock type or a zero PerfFreq/CpuSpeedInMHz, so that
 * the file still reads, with a warning, instead of being rejected. The frequency is estimated from the raw
 * timestamp of the last data buffer (WMI_BUFFER_HEADER.TimeStamp, the flush time in the session's clock, §A.2)
 * against the header's StartTime and EndTime; without those it is 10 MHz, the QPC frequency of Windows 10 and
 * later. Times stay anchored at StartTime, so order and intervals hold even where absolute times drift.
 */
final class ClockFallback {
    static final long DEFAULT_HZ = 10_000_000L;

    private ClockFallback() {
    }

    /** Raw ticks per second, estimated; {@link #DEFAULT_HZ} when the header and buffers cannot tell. */
    static long hz(LogfileHeader h, long lastBufferRaw) {
        long span = h.endTime() - h.startTime();
        long raw = lastBufferRaw == Long.MIN_VALUE ? 0 : lastBufferRaw - h.syncTimestamp();
        if (span > 0 && raw > 0) {
            double hz = (double) raw * 1e7 / span;
            if (hz >= 1_000 && hz <= 1e11) {
                return Math.round(hz);
            }
        }
        return DEFAULT_HZ;
    }

    static TimeBase estimate(LogfileHeader h, long lastBufferRaw) {
        return TimeBase.of(TimeBase.CLOCK_QPC, h.startTime(), h.syncTimestamp(), hz(h, lastBufferRaw), 0);
    }

    static String describe(LogfileHeader h, long lastBufferRaw) {
        long hz = hz(h, lastBufferRaw);
        boolean estimated = hz != DEFAULT_HZ || h.endTime() > h.startTime() && lastBufferRaw != Long.MIN_VALUE;
        return estimated
                ? "times are estimated with " + hz + " ticks per second, from the buffers' timestamps against the header's"
                        + " start and end times"
                : "times assume 10 MHz ticks (the QPC rate of Windows 10 and later) from the header's start time";
    }
}
