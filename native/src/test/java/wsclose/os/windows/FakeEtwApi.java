package wsclose.os.windows;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import wsclose.trace.etw.Guid;

/**
 * A fake ETW: named sessions, providers enabled per session, and a real-time consumer whose ProcessTrace hands
 * the sink real native EVENT_RECORD memory (x64 layout, {@link EventRecordImage}) until the session is stopped or
 * the trace closed, as advapi32 does (live-mode.md §A.3.3).
 */
final class FakeEtwApi implements EtwApi {
    record Enable(Guid provider, int code, int level, long any, int[] pids) {
    }

    static final long TRACE = 0x5151L;
    private static final Object END = new Object();

    final Map<String, Long> running = Collections.synchronizedMap(new HashMap<>());
    final List<SessionSpec> started = Collections.synchronizedList(new ArrayList<>());
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<Enable> enables = Collections.synchronizedList(new ArrayList<>());
    final Map<Guid, Integer> enableFailures = new HashMap<>();
    final LinkedBlockingQueue<Object> records = new LinkedBlockingQueue<>();
    int startStatus = WinConst.ERROR_SUCCESS;
    int startFailuresWithSystemLogger;
    boolean openFails;
    boolean ignoreStop;
    Counters counters = new Counters(0, 0, 0, 0);
    private long nextSession = 0x100;
    private volatile RecordSink sink;
    private final List<EventRecordImage> keep = new ArrayList<>();

    /** Queues one EVENT_RECORD for the consumer. */
    void deliver(EventRecordImage image) {
        keep.add(image);
        records.add(image.toNative());
    }

    @Override public int pointerSize() { return 8; }
    @Override public NativeMemory memory() { return NativeMemory.JNA; }
    @Override public int lastError() { return WinConst.ERROR_ACCESS_DENIED; }
    @Override public List<String> sessionNames() { return new ArrayList<>(running.keySet()); }

    @Override
    public synchronized int startTrace(SessionSpec spec, long[] handle) {
        log.add("start " + spec.name());
        if (startStatus != WinConst.ERROR_SUCCESS) {
            return startStatus;
        }
        if (spec.systemLogger() && startFailuresWithSystemLogger > 0) {
            startFailuresWithSystemLogger--;
            return WinConst.ERROR_NO_SYSTEM_RESOURCES;
        }
        if (running.containsKey(spec.name())) {
            return WinConst.ERROR_ALREADY_EXISTS;
        }
        handle[0] = nextSession++;
        running.put(spec.name(), handle[0]);
        started.add(spec);
        return WinConst.ERROR_SUCCESS;
    }

    @Override
    public synchronized Control controlTrace(long session, String name, int code) {
        String target = session == 0 ? name : running.entrySet().stream().filter(e -> e.getValue() == session)
                .map(Map.Entry::getKey).findFirst().orElse(null);
        log.add((code == WinConst.EVENT_TRACE_CONTROL_STOP ? "stop " : "query ") + (session == 0 ? "name " : "handle ")
                + target);
        if (target == null || !running.containsKey(target)) {
            return new Control(WinConst.ERROR_WMI_INSTANCE_NOT_FOUND, null);
        }
        if (code == WinConst.EVENT_TRACE_CONTROL_STOP && !ignoreStop) {
            running.remove(target);
            records.add(END); // the consumer drains and ProcessTrace returns
        }
        return new Control(WinConst.ERROR_SUCCESS, counters);
    }

    @Override
    public int enableTrace(long session, Guid provider, int code, int level, long any, long all, int[] pids) {
        enables.add(new Enable(provider, code, level, any, pids.clone()));
        Integer fail = enableFailures.get(provider);
        if (fail != null && (fail != WinConst.ERROR_INVALID_PARAMETER || pids.length > 0)) {
            return fail;
        }
        return WinConst.ERROR_SUCCESS;
    }

    @Override
    public long openTrace(String sessionName, RecordSink s) {
        log.add("open " + sessionName);
        if (openFails) {
            return -1L;
        }
        sink = s;
        return TRACE;
    }

    @Override
    public int processTrace(long traceHandle) {
        log.add("process " + Long.toHexString(traceHandle));
        try {
            while (true) {
                Object o = records.take();
                if (o == END) {
                    return WinConst.ERROR_SUCCESS;
                }
                sink.record(Pointer.nativeValue((Pointer) o));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WinConst.ERROR_CANCELLED;
        }
    }

    @Override
    public int closeTrace(long traceHandle) {
        log.add("close " + Long.toHexString(traceHandle));
        records.add(END);
        return traceHandle == TRACE ? WinConst.ERROR_SUCCESS : 6 /* ERROR_INVALID_HANDLE */;
    }
}
