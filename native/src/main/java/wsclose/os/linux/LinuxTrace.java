package wsclose.os.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import wsclose.os.LiveException;
import wsclose.os.LiveTrace;
import wsclose.os.ProcessSelector;
import wsclose.trace.etw.Times;
import wsclose.trace.model.SocketEvent;

/**
 * {@code wsclose trace} on Linux (live-mode.md §B.4, §C.1 "TracefsLiveEventStream"). Two tracefs instances of its
 * own: {@code wsclose-PID-sys} records the syscalls and process events of the traced processes only
 * (set_event_pid with event-fork follows their new threads and children in the kernel), and {@code wsclose-PID}
 * records the TCP tracepoints of every context, because those run in softirq or in whatever task the kernel is in
 * (§B.4 lesson 1) and a pid filter would drop them. Both run on trace_clock "mono" so they merge with each other,
 * with sock_diag samples and with the start snapshot into one time order. The instances are removed on close, by
 * a shutdown hook if the JVM exits first, and at the next start if a crashed run left them behind.
 */
public final class LinuxTrace implements LiveTrace {
    /** The least time items wait for the other producers before they are translated. */
    static final long REORDER_NANOS = 20_000_000L;
    private static final java.util.concurrent.atomic.AtomicInteger SESSIONS = new java.util.concurrent.atomic.AtomicInteger();

    private final Path proc;
    private final ProcessSelector which;
    private final List<String> command;
    private final long sampleMillis;
    private final List<String> notes = new ArrayList<>();
    private final Set<Long> tracked = ConcurrentHashMap.newKeySet();
    private final Reorder reorder = new Reorder(REORDER_NANOS);
    private final List<Tracefs.Instance> instances = new ArrayList<>();
    private final List<PipeReader> readers = new ArrayList<>();
    private final List<LineParser> parsers = new ArrayList<>();
    private Process process;
    private Sampler sampler;
    private Enricher enricher;
    private Translator translator;
    private Thread worker;
    private Thread hook;
    private volatile boolean draining;
    private volatile boolean closed;
    private long lostAtClose = -1;

    /**
     * @param which        processes to trace (with their future threads and children); all when empty
     * @param command      a command to start and trace instead, or an empty list
     * @param sampleMillis sock_diag queue sampling interval
     */
    public LinuxTrace(ProcessSelector which, List<String> command, long sampleMillis) {
        this(Path.of("/proc"), which, command, sampleMillis);
    }

    LinuxTrace(Path proc, ProcessSelector which, List<String> command, long sampleMillis) {
        this.proc = proc;
        this.which = which;
        this.command = List.copyOf(command);
        this.sampleMillis = sampleMillis;
    }

    @Override
    public Optional<Process> command() {
        return Optional.ofNullable(process);
    }

    @Override
    public void start(Consumer<SocketEvent> sink) throws IOException {
        if (ProcScan.effectiveUid(proc) != 0) {
            throw new LiveException(LiveException.Reason.PRIVILEGE, "tracing needs root (tracefs instances and syscall"
                    + " tracepoints; perf_event_paranoid and Yama do not matter here): run wsclose trace with sudo");
        }
        Tracefs fs = Tracefs.find();
        for (String stale : fs.removeStale(proc)) {
            notes.add("removed tracefs instance " + stale + " left by a wsclose run that ended without cleaning up");
        }
        Set<Integer> targets = targets();
        hook = new Thread(() -> {
            removeInstances();
            if (process != null) {
                process.destroy(); // the command wsclose started does not outlive a killed wsclose
            }
        }, "wsclose-tracefs-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String base = "wsclose-" + ProcessHandle.current().pid() + sessionSuffix();
            Sessions.Setup net = Sessions.net(fs, base, notes);
            instances.add(net.instance());
            Sessions.Setup sys = Sessions.sys(fs, base + "-sys", notes);
            instances.add(sys.instance());
            enricher = new Enricher(proc, tracked);
            start(net, "wsclose-net-reader", r -> { });
            start(sys, "wsclose-sys-reader", enricher);
            Sessions.filterPids(sys.instance(), targets, which.isAll() && command.isEmpty(), proc);
            Sessions.enable(net);
            Sessions.enable(sys);
            long mono0 = System.nanoTime();
            long base0 = Times.fromInstant(Instant.now()) - mono0 / 100;
            LinuxHandles.Detailed snap = new LinuxHandles(proc, true).detailed(seedSelector(targets));
            long mono1 = System.nanoTime(); // the snapshot read the sockets between mono0 and now
            Set<Integer> seeded = targets;
            if (targets.isEmpty()) { // every process: all their socket fds are the starting state
                seeded = new LinkedHashSet<>();
                for (ProcScan.Proc p : snap.procs()) {
                    seeded.add(p.pid());
                }
            }
            reorder.add(new Seed(mono0, mono1, snap, seeded));
            translator = new Translator(sink, base0, tracked);
            translator.acksTraced = net.formats().containsKey("tcp_probe");
            LineParser netParser = parsers.get(0); // start(net, ...) ran first
            translator.netLost = netParser::lost;
            worker = new Thread(this::translate, "wsclose-translator");
            worker.setDaemon(true);
            worker.start();
            sampler = new Sampler(tracked, reorder, sampleMillis);
            sampler.start();
            if (process != null) {
                LibC.INSTANCE.kill((int) process.pid(), LibC.SIGCONT);
            }
        } catch (IOException | RuntimeException e) {
            close();
            if (process != null) {
                process.destroyForcibly();
            }
            throw e instanceof IOException io ? io : new IOException("cannot start the trace: " + e.getMessage(), e);
        }
    }

    private static String sessionSuffix() {
        int n = SESSIONS.incrementAndGet();
        return n == 1 ? "" : "." + n;
    }

    private void start(Sessions.Setup s, String name, Consumer<Rec> enrich) {
        LineParser p = new LineParser(s.formats());
        p.warmUp(Math.max(1, 20_000 / Math.max(1, s.formats().size())));
        parsers.add(p);
        PipeReader r = new PipeReader(name, s.instance().dir().resolve("trace_pipe"), p, enrich, reorder);
        r.start();
        readers.add(r);
    }

    /** The traced pids: given, found by name, or the command started stopped (so its first syscall is seen). */
    private Set<Integer> targets() throws IOException {
        Set<Integer> out = new LinkedHashSet<>();
        if (!command.isEmpty()) {
            process = Sessions.startStopped(command, proc);
            out.add((int) process.pid());
            return out;
        }
        for (int pid : which.pids()) {
            if (!Files.exists(proc.resolve(Integer.toString(pid)))) {
                throw new LiveException(LiveException.Reason.FACILITY, "no process with pid " + pid);
            }
            out.add(pid);
        }
        if (which.processName() != null && !which.processName().isEmpty()) {
            for (ProcScan.Proc p : ProcScan.scan(proc, pid -> true)) {
                if (p.comm().equalsIgnoreCase(which.processName())) {
                    out.add(p.pid());
                }
            }
            if (out.isEmpty()) {
                throw new LiveException(LiveException.Reason.FACILITY, "no process named " + which.processName());
            }
        }
        return out;
    }

    private ProcessSelector seedSelector(Set<Integer> targets) {
        return targets.isEmpty() ? ProcessSelector.all() : new ProcessSelector(targets, null);
    }

    private void translate() {
        while (true) {
            boolean last = draining;
            long upTo = Long.MAX_VALUE;
            for (PipeReader r : readers) {
                upTo = Math.min(upTo, r.alive() ? r.watermark() : Long.MAX_VALUE);
            }
            List<Item> items = reorder.take(System.nanoTime(), upTo, last);
            for (Item i : items) {
                translator.apply(i);
            }
            if (last) {
                return;
            }
            if (items.isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public LiveStats stats() {
        List<String> n = new ArrayList<>(notes);
        if (translator != null) {
            n.addAll(translator.notes());
        }
        long unparsed = parsers.stream().mapToLong(LineParser::unparsed).sum();
        if (unparsed > 0) {
            n.add(unparsed + " trace_pipe line(s) could not be parsed");
        }
        if (reorder.late() > 0) {
            n.add(reorder.late() + " event(s) arrived after younger ones had been analysed (a reader fell behind) and were"
                    + " analysed out of order");
        }
        if (sampler != null && sampler.failure() != null) {
            n.add(sampler.failure());
        }
        for (PipeReader r : readers) {
            if (r.failure() != null) {
                n.add("a trace_pipe reader failed: " + r.failure());
            }
        }
        long events = translator == null ? 0 : translator.emitted;
        return new LiveStats(events, lost(), n);
    }

    /** Events tracefs overwrote or dropped, in both instances (per_cpu stats), plus [LOST n EVENTS] lines. */
    private long lost() {
        if (lostAtClose >= 0) {
            return lostAtClose;
        }
        long n = 0;
        for (Tracefs.Instance i : instances) {
            n += i.lost();
        }
        return Math.max(n, parsers.stream().mapToLong(LineParser::lost).sum());
    }

    /** Lines read from both pipes (the input events of the analysis). */
    public long lines() {
        return readers.stream().mapToLong(PipeReader::lines).sum();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sampler != null) {
                sampler.stop();
            }
            for (PipeReader r : readers) {
                r.stop();
            }
            for (PipeReader r : readers) {
                r.join(5000);
            }
            if (worker != null) {
                draining = true;
                worker.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long n = 0;
        for (Tracefs.Instance i : instances) {
            n += i.lost();
        }
        lostAtClose = Math.max(n, parsers.stream().mapToLong(LineParser::lost).sum());
        removeInstances();
        if (enricher != null) {
            enricher.close();
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }

    private void removeInstances() {
        for (PipeReader r : readers) {
            r.stop();
        }
        for (Tracefs.Instance i : instances) {
            i.remove();
        }
    }
}
