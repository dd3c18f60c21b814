package wsclose.os.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/**
 * The consumer-side structures OpenTraceW takes (evntrace.h), with {@code ALIGN_MSVC} (live-mode.md §A.3.2).
 * EVENT_TRACE_LOGFILEW embeds an EVENT_TRACE and a TRACE_LOGFILE_HEADER by value, so both are declared in
 * full: only then do the offsets of the fields after them (BufferCallback, EventRecordCallback, Context) come
 * out right. TRACE_LOGFILE_HEADER is the same record the .etl reader parses (etl-format.md §A.7).
 */
final class EtwConsumerStructs {
    private EtwConsumerStructs() {
    }

    /** EVENT_TRACE_HEADER: 48 bytes on both. */
    @FieldOrder({"Size", "HeaderType", "MarkerFlags", "Type", "Level", "Version", "ThreadId", "ProcessId",
        "TimeStamp", "Guid", "KernelTime", "UserTime"})
    public static class EventTraceHeader extends Structure {
        public short Size;
        public byte HeaderType;
        public byte MarkerFlags;
        public byte Type;
        public byte Level;
        public short Version;
        public int ThreadId;
        public int ProcessId;
        public long TimeStamp;
        /** Union with ULONGLONG GuidPtr. */
        public GUID Guid = new GUID();
        public int KernelTime;
        public int UserTime;

        public EventTraceHeader() {
            super(ALIGN_MSVC);
        }
    }

    /** EVENT_TRACE: 88 bytes on x64. */
    @FieldOrder({"Header", "InstanceId", "ParentInstanceId", "ParentGuid", "MofData", "MofLength", "ClientContext"})
    public static class EventTrace extends Structure {
        public EventTraceHeader Header = new EventTraceHeader();
        public int InstanceId;
        public int ParentInstanceId;
        public GUID ParentGuid = new GUID();
        public Pointer MofData;
        public int MofLength;
        /** Union with ETW_BUFFER_CONTEXT (4 bytes). */
        public int ClientContext;

        public EventTrace() {
            super(ALIGN_MSVC);
        }
    }

    /** SYSTEMTIME: 16 bytes. */
    @FieldOrder({"wYear", "wMonth", "wDayOfWeek", "wDay", "wHour", "wMinute", "wSecond", "wMilliseconds"})
    public static class SystemTime extends Structure {
        public short wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;

        public SystemTime() {
            super(ALIGN_MSVC);
        }
    }

    /** TIME_ZONE_INFORMATION: 172 bytes. */
    @FieldOrder({"Bias", "StandardName", "StandardDate", "StandardBias", "DaylightName", "DaylightDate", "DaylightBias"})
    public static class TimeZoneInformation extends Structure {
        public int Bias;
        public short[] StandardName = new short[32];
        public SystemTime StandardDate = new SystemTime();
        public int StandardBias;
        public short[] DaylightName = new short[32];
        public SystemTime DaylightDate = new SystemTime();
        public int DaylightBias;

        public TimeZoneInformation() {
            super(ALIGN_MSVC);
        }
    }

    /** TRACE_LOGFILE_HEADER: 280 bytes on x64, 272 on x86. */
    @FieldOrder({"BufferSize", "Version", "ProviderVersion", "NumberOfProcessors", "EndTime", "TimerResolution",
        "MaximumFileSize", "LogFileMode", "BuffersWritten", "StartBuffers", "PointerSize", "EventsLost",
        "CpuSpeedInMHz", "LoggerName", "LogFileName", "TimeZone", "BootTime", "PerfFreq", "StartTime",
        "ReservedFlags", "BuffersLost"})
    public static class TraceLogfileHeader extends Structure {
        public int BufferSize;
        public int Version;
        public int ProviderVersion;
        public int NumberOfProcessors;
        public long EndTime;
        public int TimerResolution;
        public int MaximumFileSize;
        public int LogFileMode;
        public int BuffersWritten;
        /** StartBuffers..CpuSpeedInMHz are a union with GUID LogInstanceGuid (16 bytes). */
        public int StartBuffers;
        public int PointerSize;
        public int EventsLost;
        public int CpuSpeedInMHz;
        public Pointer LoggerName;
        public Pointer LogFileName;
        public TimeZoneInformation TimeZone = new TimeZoneInformation();
        public long BootTime;
        public long PerfFreq;
        public long StartTime;
        public int ReservedFlags;
        public int BuffersLost;

        public TraceLogfileHeader() {
            super(ALIGN_MSVC);
        }
    }

    /** PEVENT_RECORD_CALLBACK; stdcall on x86 (WINAPI), the only convention on x64. */
    public interface EventRecordCallback extends com.sun.jna.win32.StdCallLibrary.StdCallCallback {
        void callback(Pointer eventRecord);
    }

    /** EVENT_TRACE_LOGFILEW: 448 bytes on x64, 416 on x86. */
    @FieldOrder({"LogFileName", "LoggerName", "CurrentTime", "BuffersRead", "ProcessTraceMode", "CurrentEvent",
        "LogfileHeader", "BufferCallback", "BufferSize", "Filled", "EventsLost", "EventRecordCallback",
        "IsKernelTrace", "Context"})
    public static class EventTraceLogfile extends Structure {
        public Pointer LogFileName;
        public Pointer LoggerName;
        public long CurrentTime;
        public int BuffersRead;
        /** Union with LogFileMode. */
        public int ProcessTraceMode;
        public EventTrace CurrentEvent = new EventTrace();
        public TraceLogfileHeader LogfileHeader = new TraceLogfileHeader();
        public Pointer BufferCallback;
        public int BufferSize;
        public int Filled;
        public int EventsLost;
        /** Union with EventCallback; PROCESS_TRACE_MODE_EVENT_RECORD selects this member. */
        public EventRecordCallback EventRecordCallback;
        public int IsKernelTrace;
        public Pointer Context;

        public EventTraceLogfile() {
            super(ALIGN_MSVC);
        }
    }
}
