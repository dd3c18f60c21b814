package wsclose.os.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import wsclose.trace.etw.Guid;

/**
 * {@link EtwApi} through JNA: marshalling only (live-mode.md §A.3.1-A.3.3). Runs only on Windows and has not
 * been run there yet; the blocks it builds ({@link PropertiesBlock}, {@link FilterBlock}) are tested on Linux.
 */
final class JnaEtwApi implements EtwApi {
    /** QueryAllTracesW takes at most 64 sessions (MAXLOGGERS). */
    private static final int MAX_SESSIONS = 64;

    private final AdvapiEtw adv = AdvapiEtw.INSTANCE;
    /** The logfile, its name and callback per open trace: JNA callbacks must stay strongly reachable (§A.3.3). */
    private final Map<Long, Object[]> open = new ConcurrentHashMap<>();
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

    @Override
    public int pointerSize() {
        return Native.POINTER_SIZE;
    }

    @Override
    public NativeMemory memory() {
        return NativeMemory.JNA;
    }

    @Override
    public int startTrace(SessionSpec spec, long[] handle) {
        UUID u = UUID.randomUUID();
        Memory block = PropertiesBlock.forStart(spec, new Guid(u.getMostSignificantBits(), u.getLeastSignificantBits()));
        LongByReference h = new LongByReference();
        int st = adv.StartTraceW(h, new WString(spec.name()), block);
        handle[0] = h.getValue();
        return st;
    }

    @Override
    public Control controlTrace(long session, String name, int controlCode) {
        Memory block = PropertiesBlock.forControl();
        int st = adv.ControlTraceW(session, session == 0 ? new WString(name) : null, block, controlCode);
        return new Control(st, st == WinConst.ERROR_SUCCESS ? PropertiesBlock.counters(block) : null);
    }

    @Override
    public List<String> sessionNames() {
        Memory[] blocks = new Memory[MAX_SESSIONS];
        Memory array = new Memory((long) Native.POINTER_SIZE * MAX_SESSIONS);
        for (int i = 0; i < MAX_SESSIONS; i++) {
            blocks[i] = PropertiesBlock.forControl();
            array.setPointer((long) Native.POINTER_SIZE * i, blocks[i]);
        }
        IntByReference count = new IntByReference();
        int st = adv.QueryAllTracesW(array, MAX_SESSIONS, count);
        List<String> names = new ArrayList<>();
        if (st == WinConst.ERROR_SUCCESS || st == WinConst.ERROR_MORE_DATA) {
            for (int i = 0; i < Math.min(count.getValue(), MAX_SESSIONS); i++) {
                names.add(PropertiesBlock.loggerName(blocks[i]));
            }
        }
        return names;
    }

    @Override
    public int enableTrace(long session, Guid provider, int controlCode, int level, long matchAnyKeyword,
                           long matchAllKeyword, int[] pids) {
        Memory guid = new Memory(16);
        byte[] g = new byte[16];
        provider.writeLittleEndian(g, 0);
        guid.write(0, g, 0, 16);
        FilterBlock filter = pids.length == 0 ? null : new FilterBlock(pids);
        try {
            return adv.EnableTraceEx2(session, guid, controlCode, (byte) level, matchAnyKeyword, matchAllKeyword, 0,
                    filter == null ? null : filter.pointer());
        } finally {
            if (filter != null) {
                filter.release();
            }
        }
    }

    @Override
    public long openTrace(String sessionName, RecordSink sink) {
        EtwConsumerStructs.EventTraceLogfile lf = new EtwConsumerStructs.EventTraceLogfile();
        Memory name = new Memory(PropertiesBlock.bytes(sessionName));
        PropertiesBlock.utf16(name, 0, sessionName);
        lf.LoggerName = name;
        lf.ProcessTraceMode = WinConst.PROCESS_TRACE_MODE_REAL_TIME | WinConst.PROCESS_TRACE_MODE_EVENT_RECORD;
        EtwConsumerStructs.EventRecordCallback cb = record -> sink.record(Pointer.nativeValue(record));
        lf.EventRecordCallback = cb;
        long h = adv.OpenTraceW(lf);
        lastError.set(Native.getLastError());
        if (!EtwApi.invalid(h)) {
            open.put(h, new Object[] {lf, name, cb});
        }
        return h;
    }

    @Override
    public int processTrace(long traceHandle) {
        return adv.ProcessTrace(new long[] {traceHandle}, 1, null, null);
    }

    @Override
    public int closeTrace(long traceHandle) {
        // The callback stays referenced in `open`: ProcessTrace may still be draining buffers on its thread.
        return adv.CloseTrace(traceHandle);
    }

    @Override
    public int lastError() {
        return lastError.get();
    }
}
