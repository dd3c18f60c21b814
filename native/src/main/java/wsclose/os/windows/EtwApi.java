package wsclose.os.windows;

import java.util.List;
import wsclose.trace.etw.Guid;

/**
 * Every ETW call {@code wsclose trace} makes on Windows (advapi32, live-mode.md §A.3.1), kept thin so that the
 * session logic in {@link EtwSession} runs against fakes on Linux (§C.2). The JNA implementation is
 * {@link JnaEtwApi}. Results are Win32 error codes, never exceptions.
 */
interface EtwApi {
    /** ProcessTrace's "no handle" value: INVALID_HANDLE_VALUE widened to 64 bits (§A.3.1; both forms on x86). */
    static boolean invalid(long traceHandle) {
        return traceHandle == -1L || traceHandle == 0xFFFFFFFFL || traceHandle == 0;
    }

    /** Called on the ProcessTrace thread with the address of each EVENT_RECORD, valid only during the call. */
    interface RecordSink {
        void record(long eventRecordAddress);
    }

    /** The loss counters of EVENT_TRACE_PROPERTIES (§A.3.2: EventsLost @88, RealTimeBuffersLost @100). */
    record Counters(long eventsLost, long realTimeBuffersLost, long logBuffersLost, long buffersWritten) {
    }

    record Control(int status, Counters counters) {
    }

    /** Layout of the EVENT_RECORDs the sink receives: the consumer process's pointer size. */
    int pointerSize();

    NativeMemory memory();

    /** StartTraceW; {@code handle[0]} receives the session handle. */
    int startTrace(SessionSpec spec, long[] handle);

    /** ControlTraceW on {@code session}, or on the session called {@code name} when {@code session} is 0. */
    Control controlTrace(long session, String name, int controlCode);

    /** QueryAllTracesW: names of the sessions running now. */
    List<String> sessionNames();

    /** EnableTraceEx2, with an EVENT_FILTER_TYPE_PID filter when {@code pids} is not empty (at most 8). */
    int enableTrace(long session, Guid provider, int controlCode, int level, long matchAnyKeyword, long matchAllKeyword,
                    int[] pids);

    /** OpenTraceW on the real-time session {@code sessionName}; an {@link #invalid} handle on failure. */
    long openTrace(String sessionName, RecordSink sink);

    /** ProcessTrace on one handle: blocks, calling the sink, until the session stops or the trace is closed. */
    int processTrace(long traceHandle);

    int closeTrace(long traceHandle);

    /** The Win32 error of the last failed {@link #openTrace} on this thread. */
    int lastError();
}
