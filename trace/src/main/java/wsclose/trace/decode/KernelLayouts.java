package wsclose.trace.decode;

import static wsclose.trace.decode.Field.fixed;
import static wsclose.trace.decode.Field.of;
import static wsclose.trace.decode.FieldType.ANSI_STRING;
import static wsclose.trace.decode.FieldType.FILETIME;
import static wsclose.trace.decode.FieldType.HEXINT32;
import static wsclose.trace.decode.FieldType.INT32;
import static wsclose.trace.decode.FieldType.INT64;
import static wsclose.trace.decode.FieldType.KERNEL_SID;
import static wsclose.trace.decode.FieldType.POINTER;
import static wsclose.trace.decode.FieldType.SYSTEMTIME;
import static wsclose.trace.decode.FieldType.UINT32;
import static wsclose.trace.decode.FieldType.UNICODE_STRING;

import wsclose.trace.etw.Providers;

/**
 * Layouts of classic kernel events: the EventTrace/Header record (TRACE_LOGFILE_HEADER, etl-format.md
 * §A.7) and the Process events (§B.5.4; MSDOC Process_V2/V3/V4_TypeGroup1). The other kernel event
 * layouts wsclose uses are registered by the network decoders.
 */
final class KernelLayouts {
    private KernelLayouts() {
    }

    static void register(Layouts l) {
        // TRACE_LOGFILE_HEADER: pointer fields follow the record's own pointer size, so one layout
        // serves the 0x110-byte (32-bit) and 0x118-byte (64-bit) forms.
        Layout header = Layout.of("EventTrace/Header",
                of("BufferSize", UINT32), of("Version", HEXINT32), of("ProviderVersion", UINT32),
                of("NumberOfProcessors", UINT32), of("EndTime", FILETIME), of("TimerResolution", UINT32),
                of("MaximumFileSize", UINT32), of("LogFileMode", HEXINT32), of("BuffersWritten", UINT32),
                of("StartBuffers", UINT32), of("PointerSize", UINT32), of("EventsLost", UINT32),
                of("CpuSpeedInMHz", UINT32), of("LoggerNamePointer", POINTER), of("LogFileNamePointer", POINTER),
                of("TimeZoneBias", INT32), fixed("TimeZoneStandardName", UNICODE_STRING, 64),
                of("TimeZoneStandardDate", SYSTEMTIME), of("TimeZoneStandardBias", INT32),
                fixed("TimeZoneDaylightName", UNICODE_STRING, 64), of("TimeZoneDaylightDate", SYSTEMTIME),
                of("TimeZoneDaylightBias", INT32), fixed("Reserved", FieldType.BINARY, 4),
                of("BootTime", FILETIME), of("PerfFreq", INT64), of("StartTime", FILETIME),
                of("ReservedFlags", UINT32), of("BuffersLost", UINT32),
                of("LoggerName", UNICODE_STRING), of("LogFileName", UNICODE_STRING));
        l.kernel(Providers.KERNEL_EVENT_TRACE, 0, 2, header);

        Layout v2 = Layout.of("Process", of("UniqueProcessKey", POINTER), of("ProcessId", UINT32),
                of("ParentId", UINT32), of("SessionId", UINT32), of("ExitStatus", INT32), of("UserSID", KERNEL_SID),
                of("ImageFileName", ANSI_STRING), of("CommandLine", UNICODE_STRING));
        Layout v3 = Layout.of("Process", of("UniqueProcessKey", POINTER), of("ProcessId", UINT32),
                of("ParentId", UINT32), of("SessionId", UINT32), of("ExitStatus", INT32),
                of("DirectoryTableBase", POINTER), of("UserSID", KERNEL_SID),
                of("ImageFileName", ANSI_STRING), of("CommandLine", UNICODE_STRING));
        Layout v4 = Layout.of("Process", of("UniqueProcessKey", POINTER), of("ProcessId", UINT32),
                of("ParentId", UINT32), of("SessionId", UINT32), of("ExitStatus", INT32),
                of("DirectoryTableBase", POINTER), of("Flags", UINT32), of("UserSID", KERNEL_SID),
                of("ImageFileName", ANSI_STRING), of("CommandLine", UNICODE_STRING),
                of("PackageFullName", UNICODE_STRING), of("ApplicationId", UNICODE_STRING));
        // Opcodes: 1 Start, 2 End, 3 DCStart, 4 DCEnd, 39 Defunct.
        for (int opcode : new int[] {1, 2, 3, 4, 39}) {
            String name = opcode == 1 ? "Process/Start" : opcode == 2 ? "Process/End" : opcode == 3 ? "Process/DCStart"
                    : opcode == 4 ? "Process/DCEnd" : "Process/Defunct";
            l.kernel(Providers.KERNEL_PROCESS, opcode, 2, new Layout(name, v2.fields()));
            l.kernel(Providers.KERNEL_PROCESS, opcode, 3, new Layout(name, v3.fields()));
            l.kernel(Providers.KERNEL_PROCESS, opcode, 4, new Layout(name, v4.fields()));
        }
    }
}
