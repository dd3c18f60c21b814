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
    private final EtwApi api;
    private final EtwPlan plan;
    private final IntPredicate processAlive;
    private final long joinMillis;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final CountDownLatch consumed = new CountDownLatch(1);
    private final AtomicBoolean traceClosed = new AtomicBoolean();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    /** Orders start, open and close: a close that races a start (Ctrl-C) still stops what the start created. */
    private final Object lock = new Object();
    private SessionSpec spec;
    private volatile long session;
    private volatile long trace = -1L;
    private volatile boolean closed;
    private volatile EtwApi.Counters finalCounters;
    private volatile Throwable callbackFailure;
    private volatile EtwApi.RecordSink tap;
    private final CallbackFilter filter;

    EtwSession(EtwApi api, EtwPlan plan, IntPredicate processAlive, long joinMillis) {
        this.api = api;
        this.plan = plan;
        this.spec = plan.spec();
        this.processAlive = processAlive;
        this.joinMillis = joinMillis;
        this.filter = new CallbackFilter(plan.selectedPids(), plan.everything(), plan.followParent());
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
        synchronized (lock) {
            if (closed) {
                throw new LiveException(LiveException.Reason.FACILITY, "the session was stopped before it started");
            }
            startLocked();
        }
    }

    private void startLocked() throws LiveException {
        SessionStarter starter = new SessionStarter(api, plan, processAlive, notes);
        session = starter.start();
        spec = starter.spec();
        try {
            starter.enableProviders(session);
        } catch (LiveException e) {
            stop();
            throw e;
        }
    }

    /** Opens the real-time consumer; events go to {@code consumer} once {@link #run()} runs. */
    void open(Consumer<EtwEvent> consumer) throws LiveException {
        synchronized (lock) {
            if (session == 0 || closed) {
                throw new IllegalStateException(closed ? "the session is stopped" : "start() the session first");
            }
            openLocked(consumer);
        }
    }

    private void openLocked(Consumer<EtwEvent> consumer) throws LiveException {
        EventRecordReader reader = new EventRecordReader(api.pointerSize(), api.memory());
        EtwEvent ev = new EtwEvent();
        long t = api.openTrace(spec.name(), address -> {
            if (callbackFailure != null) {
                return;
            }
            try {
                read.incrementAndGet();
                EtwApi.RecordSink raw = tap;
                if (raw != null) {
                    raw.record(address);
                }
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

    /** Keeps the events of {@code pid} from now on (the command wsclose started for "-- COMMAND"). */
    void follow(int pid) {
        filter.add(pid);
    }

    /** Also hands every raw EVENT_RECORD address to {@code sink} before decoding ({@code native-dump}). */
    void tap(EtwApi.RecordSink sink) {
        this.tap = sink;
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
        synchronized (lock) {
            if (closed) {
                return;
            }
            stop();
        }
        if (!EtwApi.invalid(trace)) {
            // STOP makes ProcessTrace drain and return; if it does not, CloseTrace ends it (§A.3.3 step 5).
            if (!await()) {
                closeTrace();
                await();
            }
        }
    }

    /** ControlTrace(STOP) on the session, keeping the final counters; marks the session closed. */
    private void stop() {
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
