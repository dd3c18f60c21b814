package wsclose.os.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The ETW controller and consumer functions of advapi32 (WMIAPI = stdcall), none of which jna-platform 5.19.1
 * maps (live-mode.md §A.3.1). TRACEHANDLE is a ULONG64 on x86 and x64 alike: Java long.
 */
interface AdvapiEtw extends StdCallLibrary {
    AdvapiEtw INSTANCE = Native.load("advapi32", AdvapiEtw.class, W32APIOptions.DEFAULT_OPTIONS);

    int StartTraceW(LongByReference sessionHandle, WString sessionName, Pointer properties);

    int ControlTraceW(long sessionHandle, WString sessionName, Pointer properties, int controlCode);

    int QueryAllTracesW(Pointer propertyArray, int propertyArrayCount, IntByReference loggerCount);

    int EnableTraceEx2(long sessionHandle, Pointer providerId, int controlCode, byte level, long matchAnyKeyword,
                       long matchAllKeyword, int timeoutMs, Pointer enableParameters);

    long OpenTraceW(EtwConsumerStructs.EventTraceLogfile logfile);

    int ProcessTrace(long[] handleArray, int handleCount, Pointer startTime, Pointer endTime);

    int CloseTrace(long traceHandle);
}
