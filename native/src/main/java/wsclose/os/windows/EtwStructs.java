package wsclose.os.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/**
 * The controller-side ETW structures (evntrace.h / evntprov.h), declared with {@code ALIGN_MSVC} so that the
 * layout tests on Linux x86_64 check the Windows x64 layout (live-mode.md §A.0, §A.3.2; sizes and offsets
 * there were compiled from the mingw-w64 headers). Unions are declared as the member wsclose uses; the
 * other members have the same size. {@code NativeLong} is never used: it is 8 bytes on Linux, 4 on Windows.
 */
final class EtwStructs {
    private EtwStructs() {
    }

    /** WNODE_HEADER: 48 bytes on x86 and x64 (§A.3.2). */
    @FieldOrder({"BufferSize", "ProviderId", "HistoricalContext", "TimeStamp", "Guid", "ClientContext", "Flags"})
    public static class WnodeHeader extends Structure {
        public int BufferSize;
        public int ProviderId;
        public long HistoricalContext;
        /** Union with KernelHandle (a HANDLE, never more than 8 bytes). */
        public long TimeStamp;
        public GUID Guid = new GUID();
        public int ClientContext;
        public int Flags;

        public WnodeHeader() {
            super(ALIGN_MSVC);
        }
    }

    /** EVENT_TRACE_PROPERTIES: 120 bytes on both; the names follow it in the same allocation (§A.3.2). */
    @FieldOrder({"Wnode", "BufferSize", "MinimumBuffers", "MaximumBuffers", "MaximumFileSize", "LogFileMode",
        "FlushTimer", "EnableFlags", "AgeLimit", "NumberOfBuffers", "FreeBuffers", "EventsLost", "BuffersWritten",
        "LogBuffersLost", "RealTimeBuffersLost", "LoggerThreadId", "LogFileNameOffset", "LoggerNameOffset"})
    public static class EventTraceProperties extends Structure {
        public WnodeHeader Wnode = new WnodeHeader();
        public int BufferSize;
        public int MinimumBuffers;
        public int MaximumBuffers;
        public int MaximumFileSize;
        public int LogFileMode;
        public int FlushTimer;
        public int EnableFlags;
        public int AgeLimit;
        public int NumberOfBuffers;
        public int FreeBuffers;
        public int EventsLost;
        public int BuffersWritten;
        public int LogBuffersLost;
        public int RealTimeBuffersLost;
        public Pointer LoggerThreadId;
        public int LogFileNameOffset;
        public int LoggerNameOffset;

        public EventTraceProperties() {
            super(ALIGN_MSVC);
        }

        public EventTraceProperties(Pointer p) {
            super(p, ALIGN_MSVC);
        }
    }

    /** EVENT_FILTER_DESCRIPTOR: 16 bytes on both (§A.3.2). */
    @FieldOrder({"Ptr", "Size", "Type"})
    public static class EventFilterDescriptor extends Structure {
        public long Ptr;
        public int Size;
        public int Type;

        public EventFilterDescriptor() {
            super(ALIGN_MSVC);
        }

        public EventFilterDescriptor(Pointer p) {
            super(p, ALIGN_MSVC);
        }
    }

    /** ENABLE_TRACE_PARAMETERS (version 2): 48 bytes on x64, 36 on x86 (§A.3.2). */
    @FieldOrder({"Version", "EnableProperty", "ControlFlags", "SourceId", "EnableFilterDesc", "FilterDescCount"})
    public static class EnableTraceParameters extends Structure {
        public int Version;
        public int EnableProperty;
        public int ControlFlags;
        public GUID SourceId = new GUID();
        public Pointer EnableFilterDesc;
        public int FilterDescCount;

        public EnableTraceParameters() {
            super(ALIGN_MSVC);
        }
    }
}
