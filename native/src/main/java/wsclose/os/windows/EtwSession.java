package wsclose.os.windows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wsclose.os.LiveException;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.EtwSource;

/**
 * wsclose's own real-time ETW session as an {@link EtwSource}, so that a live session looks to the decoders
 * exactly like an .etl file (live-mode.md §A.3.3). {@link #start()} removes sessions left behind by crashed
 * wsclose runs, starts the session and enables the providers; {@link #forEach} consumes it with OpenTrace and
 * ProcessTrace on the calling thread until {@link #close()} stops the session. Every OS call goes through
 * {@link EtwApi}.
 */
final class EtwSession implements EtwSource {
    private static final Pattern OURS = Pattern.compile("wsclose-(\\d+)");

    private final EtwApi api;
    private final EtwPlan plan;
    private final IntPredicate processAlive;
    private final long joinMillis;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final CountDownLatch consumed = new CountDownLatch(1);
    private final AtomicBoolean traceClosed = new AtomicBoolean();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private SessionSpec spec;
    private volatile long session;
    private volatile long trace = -1L;
    private volatile boolean closed;
    private volatile EtwApi.Counters finalCounters;
    private volatile Throwable callbackFailure;

    EtwSession(EtwApi api, EtwPlan plan, IntPredicate processAlive, long joinMillis) {
        this.api = api;
        this.plan = plan;
        this.spec = plan.spec();
        this.processAlive = processAlive;
        this.joinMillis = joinMillis;
        notes.addAll(plan.notes());
    }

    @Override
    public String name() {
        return "ETW session " + spec.name() + (spec.logFile() == null ? "" : " (also writing " + spec.logFile() + ")");
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** EVENT_RECORDs the callback read, and how many of them passed the pid filter. */
    long eventsRead() {
        return read.get();
    }

    long eventsKept() {
        return kept.get();
    }

    void start() throws LiveException {
        removeLeftovers();
        long[] h = new long[1];
        int st = api.startTrace(spec, h);
        if (st == WinConst.ERROR_ALREADY_EXISTS) {
            api.controlTrace(0, spec.name(), WinConst.EVENT_TRACE_CONTROL_STOP);
            notes.add("stopped an ETW session named " + spec.name() + " that an earlier run left behind");
            st = api.startTrace(spec, h);
        }
        if (st == WinConst.ERROR_NO_SYSTEM_RESOURCES && spec.systemLogger()) {
            spec = spec.withoutSystemLogger();
            notes.add("kernel process events are off: every system logger slot is in use (8 at most), so AFD's"
                    + " process pointers may stay unresolved");
            st = api.startTrace(spec, h);
        }
        if (st == WinConst.ERROR_ACCESS_DENIED) {
            throw new LiveException(LiveException.Reason.PRIVILEGE, "wsclose trace needs administrator rights to"
                    + " start an ETW session: run it from an elevated prompt (or as a member of Performance Log Users)");
        }
        if (st != WinConst.ERROR_SUCCESS) {
            throw new LiveException(LiveException.Reason.FACILITY, "StartTrace(" + spec.name() + ") failed: "
                    + WinConst.win32(st));
        }
        session = h[0];
        try {
            for (ProviderPlan p : plan.providers()) {
                enable(p);
            }
        } catch (LiveException e) {
            close();
            throw e;
        }
    }

    /** Stops sessions named wsclose-PID whose process is gone: left behind by a crash or a kill (§A.3.3 step 1). */
    private void removeLeftovers() {
        for (String name : api.sessionNames()) {
            Matcher m = OURS.matcher(name);
            if (!m.matches() || name.equals(spec.name())) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if (pid > Integer.MAX_VALUE || !processAlive.test((int) pid)) {
                int st = api.controlTrace(0, name, WinConst.EVENT_TRACE_CONTROL_STOP).status();
                notes.add(st == WinConst.ERROR_SUCCESS ? "stopped ETW session " + name + ", left behind by a wsclose"
                        + " run that did not exit cleanly" : "could not stop the leftover ETW session " + name + ": "
                        + WinConst.win32(st));
            }
        }
    }

    private void enable(ProviderPlan p) throws LiveException {
        int[] pids = p.pidFilter() ? plan.filterPids() : new int[0];
        int st = api.enableTrace(session, p.guid(), WinConst.EVENT_CONTROL_CODE_ENABLE_PROVIDER, p.level(), p.keywords(),
                0, pids);
        if (st == WinConst.ERROR_INVALID_PARAMETER && pids.length > 0) {
            notes.add(p.name() + " refused the PID filter (" + WinConst.win32(st) + "); wsclose filters its events");
            st = api.enableTrace(session, p.guid(), WinConst.EVENT_CONTROL_CODE_ENABLE_PROVIDER, p.level(),
                    p.keywords(), 0, new int[0]);
        }
        if (st != WinConst.ERROR_SUCCESS) {
            String msg = "EnableTraceEx2(" + p.name() + ") failed: " + WinConst.win32(st);
            if (p.required()) {
                throw new LiveException(st == WinConst.ERROR_ACCESS_DENIED ? LiveException.Reason.PRIVILEGE
                        : LiveException.Reason.FACILITY, msg);
            }
            notes.add(msg + "; continuing without it");
            return;
        }
        if (p.captureState()) {
            int cs = api.enableTrace(session, p.guid(), WinConst.EVENT_CONTROL_CODE_CAPTURE_STATE, p.level(),
                    p.keywords(), 0, new int[0]);
            if (cs != WinConst.ERROR_SUCCESS) {
                notes.add("no rundown of existing " + p.name() + " state: " + WinConst.win32(cs));
            }
        }
    }

    /** Opens the real-time consumer; events go to {@code consumer} once {@link #run()} runs. */
    void open(Consumer<EtwEvent> consumer) throws LiveException {
        if (session == 0) {
            throw new IllegalStateException("start() the session first");
        }
        EventRecordReader reader = new EventRecordReader(api.pointerSize(), api.memory());
        CallbackFilter filter = new CallbackFilter(plan.selectedPids());
        EtwEvent ev = new EtwEvent();
        long t = api.openTrace(spec.name(), address -> {
            if (callbackFailure != null) {
                return;
            }
            try {
                read.incrementAndGet();
                if (filter.keep(reader.read(address, ev))) {
                    kept.incrementAndGet();
                    consumer.accept(ev);
                }
            } catch (RuntimeException | Error e) {
                callbackFailure = e; // a callback must not throw into ProcessTrace; stop consuming instead
                closeTrace();
            }
        });
        if (EtwApi.invalid(t)) {
            int err = api.lastError();
            throw new LiveException(err == WinConst.ERROR_ACCESS_DENIED ? LiveException.Reason.PRIVILEGE
                    : LiveException.Reason.FACILITY, "OpenTrace(" + spec.name() + ") failed: " + WinConst.win32(err));
        }
        trace = t;
    }

    /** ProcessTrace on the calling thread until the session stops; then closes the consumer handle. */
    void run() throws IOException {
        try {
            int st = api.processTrace(trace);
            if (callbackFailure != null) {
                throw new IOException("decoding live events failed: " + callbackFailure, callbackFailure);
            }
            if (st != WinConst.ERROR_SUCCESS && st != WinConst.ERROR_CANCELLED && !closed) {
                throw new IOException("ProcessTrace(" + spec.name() + ") stopped: " + WinConst.win32(st));
            }
        } finally {
            closeTrace();
            consumed.countDown();
        }
    }

    @Override
    public void forEach(Consumer<EtwEvent> consumer) throws IOException {
        open(consumer);
        run();
    }

    /** The loss counters now (ControlTrace QUERY), or as the final STOP returned them; null when unknown. */
    EtwApi.Counters counters() {
        if (finalCounters != null || session == 0) {
            return finalCounters;
        }
        EtwApi.Control c = api.controlTrace(session, spec.name(), WinConst.EVENT_TRACE_CONTROL_QUERY);
        return c.status() == WinConst.ERROR_SUCCESS ? c.counters() : null;
    }

    /** Stops and deletes the session, lets ProcessTrace drain, and closes the consumer. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (session != 0) {
            EtwApi.Control c = api.controlTrace(session, spec.name(), WinConst.EVENT_TRACE_CONTROL_STOP);
            if (c.status() == WinConst.ERROR_SUCCESS) {
                finalCounters = c.counters();
            } else {
                notes.add("stopping " + spec.name() + " failed: " + WinConst.win32(c.status())
                        + "; stop it with: logman stop " + spec.name() + " -ets");
            }
        }
        if (!EtwApi.invalid(trace)) {
            // STOP makes ProcessTrace drain and return; if it does not, CloseTrace ends it (§A.3.3 step 5).
            if (!await()) {
                closeTrace();
                await();
            }
        }
    }

    private boolean await() {
        try {
            return consumed.await(joinMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** CloseTrace on the consumer handle, once; never on the session handle. */
    private void closeTrace() {
        if (!EtwApi.invalid(trace) && traceClosed.compareAndSet(false, true)) {
            api.closeTrace(trace);
        }
    }
}
