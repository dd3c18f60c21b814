package wsclose.trace.etw;

/**
 * Converts raw record timestamps to FILETIME (100 ns since 1601, UTC).
 *
 * <p>The anchor is the logfile-header record: its raw timestamp {@code syncRaw} is the header's
 * StartTime (etl-format.md §A.8; corpus expected/README.md "Time"). Clock 1 is QPC at PerfFreq,
 * clock 2 is already FILETIME, clock 3 counts CPU cycles at CpuSpeedInMHz. Arithmetic is exact
 * integer arithmetic, flooring toward −∞, split so that {@code d × 10^7} cannot overflow.
 */
public final class TimeBase {
    public static final int CLOCK_QPC = 1;
    public static final int CLOCK_SYSTEM_TIME = 2;
    public static final int CLOCK_CPU_CYCLES = 3;

    /** Raw values are FILETIME already (live sessions, clock 2 files). */
    public static final TimeBase IDENTITY = new TimeBase(CLOCK_SYSTEM_TIME, 0, 0, 1, 1);

    private final int clock;
    private final long startFileTime;
    private final long syncRaw;
    /** Raw ticks per {@code scaleOut} FILETIME units. */
    private final long ticks;
    private final long scaleOut;

    private TimeBase(int clock, long startFileTime, long syncRaw, long ticks, long scaleOut) {
        this.clock = clock;
        this.startFileTime = startFileTime;
        this.syncRaw = syncRaw;
        this.ticks = ticks;
        this.scaleOut = scaleOut;
    }

    /**
     * @param clock the logfile header's ReservedFlags
     * @param startFileTime StartTime
     * @param syncRaw the raw timestamp of the logfile-header record
     * @param perfFreq PerfFreq (clock 1)
     * @param cpuMhz CpuSpeedInMHz (clock 3)
     */
    public static TimeBase of(int clock, long startFileTime, long syncRaw, long perfFreq, long cpuMhz) {
        switch (clock) {
            case CLOCK_QPC:
                if (perfFreq <= 0) {
                    throw new IllegalArgumentException("QPC clock with PerfFreq " + perfFreq);
                }
                return new TimeBase(clock, startFileTime, syncRaw, perfFreq, 10_000_000L);
            case CLOCK_CPU_CYCLES:
                if (cpuMhz <= 0) {
                    throw new IllegalArgumentException("CPU-cycle clock with CpuSpeedInMHz " + cpuMhz);
                }
                return new TimeBase(clock, startFileTime, syncRaw, cpuMhz, 10L);
            case CLOCK_SYSTEM_TIME:
                return new TimeBase(clock, startFileTime, syncRaw, 1, 1);
            default:
                throw new IllegalArgumentException("unknown clock type " + clock + " (expected 1 QPC, 2 system time or 3 CPU cycles)");
        }
    }

    public int clock() {
        return clock;
    }

    public static String clockName(int clock) {
        switch (clock) {
            case CLOCK_QPC: return "QPC (PerfFreq)";
            case CLOCK_SYSTEM_TIME: return "system time (FILETIME)";
            case CLOCK_CPU_CYCLES: return "CPU cycles";
            default: return "unknown (" + clock + ")";
        }
    }

    /** FILETIME of a raw timestamp. */
    public long toFileTime(long raw) {
        long d = raw - syncRaw;
        // a raw tick of 100 ns (QPC at 10 MHz, system time) needs no scaling: that case kept small, to be inlined
        return ticks == scaleOut ? startFileTime + d : scaled(d);
    }

    private long scaled(long d) {
        long q = Math.floorDiv(d, ticks);
        long r = Math.floorMod(d, ticks);
        return startFileTime + q * scaleOut + (r * scaleOut) / ticks;
    }
}
