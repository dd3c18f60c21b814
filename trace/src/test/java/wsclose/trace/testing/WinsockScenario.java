package wsclose.trace.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Providers;

/**
 * Writes Winsock scenario traces with the documented layouts, for tests and the bundled examples: no public
 * .etl has Winsock-AFD events. Events come from the providers a real capture enables (etl-format.md §B):
 * Microsoft-Windows-Winsock-AFD (1000+ ids, common prefix EnterExit/Location/Process/Endpoint),
 * Microsoft-Windows-TCPIP, Microsoft-Windows-Winsock-Sockets, kernel Process and ObTrace handle events.
 * Each thread logs on its own processor (so a scenario spreads over several per-CPU buffer streams), and
 * the events are sorted by time before they are written, so scenario code may add them in any order.
 *
 * <p>Times are milliseconds after the start of the trace (QPC at 10 MHz).
 */
public final class WinsockScenario {
    /** The ObTrace object type index of "File" in these traces, named by a TypeDCStart rundown (§B.5.1). */
    public static final int FILE_TYPE = 37;
    private static final long T0 = 1_000_000_000L;

    private record Ev(long ts, int seq, int cpu, Consumer<EtlWriter> write) {
    }

    private final int pointerSize;
    private final int processors;
    /** Realism layer (see {@link #realistic}): null when off, as in the one-story scenarios. */
    private java.util.Random rnd;
    private double loss;
    private int lost;
    private final java.util.List<Integer> pids = new java.util.ArrayList<>(java.util.List.of(0, 4));
    private static final Comparator<Ev> ORDER = Comparator.comparingLong(Ev::ts).thenComparingInt(Ev::seq);
    private final java.util.PriorityQueue<Ev> events = new java.util.PriorityQueue<>(ORDER);
    private int seq;
    private EtlWriter sink;

    public WinsockScenario(int pointerSize, int processors) {
        this.pointerSize = pointerSize;
        this.processors = processors;
        kernel(0, 0, 0x11, 36, 2, 4, 8, new PayloadBuilder(pointerSize).u16(FILE_TYPE).u16(0).utf16z("File").build());
        kernel(0, 0, 0x11, 36, 2, 4, 8, new PayloadBuilder(pointerSize).u16(FILE_TYPE + 1).u16(0).utf16z("Event").build());
    }

    public int pointerSize() {
        return pointerSize;
    }

    /**
     * Writes what Windows 10/11 before 25H2 writes, not what the checks expect (etl-format.md §C.7): TCPIP events,
     * AFD completions, indications and cleanups in whatever context ran (header pid 0, 4 or any process; a DPC
     * thread); acknowledgements only as TcpDataTransferCumAck/Send with sequence numbers that start anywhere and
     * wrap; TcpConnectTcbComplete late and sometimes without ProcessId; AfdSendBackLog notifications on busy
     * sockets; nested sends completed twice (Locations 3073/3024); completions on other threads; TcpRequestConnect
     * on the connecting thread. {@code loss} is the share of time in which data-path events (1071, 1073, 3003, 3007)
     * are dropped, in bursts of half a millisecond as a session that runs out of buffers loses them; the header
     * counts them in EventsLost and the buffer each would have gone to is flagged EVENTS_LOST.
     */
    public WinsockScenario realistic(long seed, double loss) {
        this.rnd = new java.util.Random(seed);
        this.loss = loss;
        this.lossSeed = seed;
        return this;
    }

    /** Length of a loss burst: a session that runs out of buffers loses what comes until the writer catches up. */
    static final double BURST_MS = 0.5;
    private long lossSeed;

    /**
     * Whether {@code ms} falls in a burst of loss: a share {@code loss} of the trace's half-milliseconds, chosen by
     * a hash of the seed and the slot (so the draw does not disturb the stories' random numbers).
     */
    boolean inBurst(double ms) {
        long z = lossSeed ^ (long) Math.floor(ms / BURST_MS) * 0x9E3779B97F4A7C15L; // splitmix64's finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < loss;
    }

    public boolean real() {
        return rnd != null;
    }

    java.util.Random rnd() {
        return rnd;
    }

    /** The header pid of an event logged at DPC level or on completion: System, Idle, or whoever was running. */
    int dpcPid() {
        return pids.get(rnd.nextInt(pids.size()));
    }

    /** A thread of the kernel or of some other process that happened to run. */
    int dpcTid() {
        return 8 + 4 * rnd.nextInt(64);
    }

    public int eventsLost() {
        return lost;
    }

    /**
     * The session could not store an event of thread {@code tid} at {@code ms} (it ran out of buffers): counted
     * in EventsLost, and the CPU's next buffer is flagged EVENTS_LOST (EtlWriter.eventLostAt).
     */
    public void eventLost(double ms, int tid) {
        lost++;
        int cpu = cpu(tid);
        long ts = ts(ms);
        events.add(new Ev(ts, seq++, cpu, w -> w.eventLostAt(cpu, ts)));
    }

    /** A kernel address as this trace's OS would have it: x86 kernel addresses are 32-bit, above 0x80000000. */
    public long p(long address) {
        return pointerSize == 8 || address == 0 ? address : (address & 0xFFFFFFFFL) | 0x80000000L;
    }

    /** Raw timestamp of a time in ms after the start. */
    static long ts(double ms) {
        return T0 + Math.round(ms * 10_000);
    }

    int cpu(int tid) {
        return Math.floorMod(tid / 4, processors);
    }

    /**
     * Keeps only these sources, as a capture that enabled fewer providers would (e.g. logman with Winsock-AFD
     * and TCPIP only): manifest providers by GUID, kernel events by group byte (0x03 process, 0x11 handles).
     */
    public WinsockScenario only(java.util.Set<Guid> providers, java.util.Set<Integer> kernelGroups) {
        this.onlyProviders = providers;
        this.onlyGroups = kernelGroups;
        return this;
    }

    private java.util.Set<Guid> onlyProviders;
    private java.util.Set<Integer> onlyGroups;

    void event(double ms, Guid provider, int id, int opcode, int level, int pid, int tid, byte[] payload) {
        if (onlyProviders != null && !onlyProviders.contains(provider)) {
            return;
        }
        if (loss > 0 && (id == 1071 || id == 1073 || id == 3003 || id == 3007) && inBurst(ms)) {
            eventLost(ms, tid);
            return;
        }
        long ts = ts(ms);
        int cpu = cpu(tid);
        events.add(new Ev(ts, seq++, cpu, w -> w.event(cpu, ts, provider, id, 0, opcode, level, id, 0x8000000000000000L,
                pid, tid, payload)));
    }

    void kernel(double ms, int cpu, int group, int opcode, int version, int pid, int tid, byte[] payload) {
        if (onlyGroups != null && !onlyGroups.contains(group)) {
            return;
        }
        long ts = ts(ms);
        events.add(new Ev(ts, seq++, cpu, w -> w.kernel(cpu, ts, group, opcode, version, pid, tid, payload)));
    }

    /** A Winsock-AFD event with exactly the given payload bytes (to test damaged payloads). */
    public void afdRaw(double ms, int pid, int tid, int id, byte[] payload) {
        event(ms, Providers.WINSOCK_AFD, id, 12, 4, pid, tid, payload);
    }

    PayloadBuilder payload() {
        return new PayloadBuilder(pointerSize);
    }

    /** A process that exists when the trace starts (Process DCStart rundown, §B.5.4). */
    public WinsockProcess process(int pid, String image, long eprocess) {
        processEvent(0, 3, pid, image, eprocess);
        return new WinsockProcess(this, pid, image, p(eprocess));
    }

    /** A process started during the trace (Process Start). */
    public WinsockProcess startProcess(double ms, int pid, String image, long eprocess) {
        processEvent(ms, 1, pid, image, eprocess);
        return new WinsockProcess(this, pid, image, p(eprocess));
    }

    void processEvent(double ms, int opcode, int pid, String image, long eprocess) {
        if (opcode != 2 && !pids.contains(pid)) {
            pids.add(pid);
        }
        // Process_V4_TypeGroup1: UniqueProcessKey, ProcessId, ParentId, SessionId, ExitStatus,
        // DirectoryTableBase, Flags, UserSID (4 zero bytes: none), ImageFileName, CommandLine, PackageFullName, ApplicationId.
        byte[] p = payload().ptr(p(eprocess)).u32(pid).u32(4).u32(1).i32(opcode == 2 ? 0 : 259).ptr(0x1aa000).u32(0).u32(0)
                .ansiz(image).utf16z(image).utf16z("").utf16z("").build();
        kernel(ms, 0, 0x03, opcode, 4, opcode == 3 ? 0 : pid, 0, p);
    }

    private Long bootFileTime;

    /** The machine's boot time in the logfile header (FILETIME): two captures of one boot share it. */
    public WinsockScenario bootFileTime(long fileTime) {
        this.bootFileTime = fileTime;
        return this;
    }

    private EtlWriter writer(int bufferSize) {
        EtlOptions.Builder b = EtlWriter.builder().pointerSize(pointerSize).processors(processors).bufferSize(bufferSize).t0(T0);
        if (bootFileTime != null) {
            b.bootFileTime(bootFileTime);
        }
        EtlWriter w = b.build();
        w.recordPointerSize(pointerSize);
        return w;
    }

    /** Writes the trace. */
    public void writeTo(Path file) throws IOException {
        EtlWriter w = writer(8192);
        while (!events.isEmpty()) {
            events.poll().write().accept(w);
        }
        w.eventsLost(lost);
        w.writeTo(file);
    }

    /**
     * Streaming mode for traces larger than memory: events added from now on are written once
     * {@link #flushBefore} passes their time, and {@link #finish} writes the rest and closes the file.
     * Scenario code must then add events in roughly increasing time (never before the last flush).
     */
    public void streamTo(Path file, int bufferSize) throws IOException {
        sink = writer(bufferSize);
        sink.streamTo(file);
    }

    /** Streaming mode: writes every queued event earlier than {@code ms}. */
    public void flushBefore(double ms) {
        if (sink == null) {
            return; // in-memory mode: everything is written by writeTo
        }
        long limit = ts(ms);
        while (!events.isEmpty() && events.peek().ts() < limit) {
            events.poll().write().accept(sink);
        }
    }

    /** Streaming mode: writes what is left and closes the file. */
    public void finish() throws IOException {
        while (!events.isEmpty()) {
            events.poll().write().accept(sink);
        }
        sink.eventsLost(lost);
        sink.close();
    }

    public int size() {
        return events.size();
    }
}
