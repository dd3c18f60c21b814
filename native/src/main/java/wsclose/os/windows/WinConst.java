package wsclose.os.windows;

import java.util.Locale;

/**
 * Windows constants wsclose needs and jna-platform 5.19.1 lacks (live-mode.md §A.0). Values come from the
 * sources live-mode.md cites: phnt {@code ntexapi.h}/{@code ntobapi.h}/{@code ntstatus.h} (§A.1), System
 * Informer {@code ntafd.h} (§A.2.3), mingw-w64 {@code evntrace.h}/{@code evntcons.h}/{@code evntprov.h} (§A.3),
 * and the learn.microsoft.com pages on logging modes and the SystemTraceProvider.
 */
final class WinConst {
    private WinConst() {
    }

    // NTSTATUS
    static final int STATUS_SUCCESS = 0;
    static final int STATUS_TIMEOUT = 0x102;
    static final int STATUS_PENDING = 0x103;
    static final int STATUS_BUFFER_OVERFLOW = 0x80000005;
    static final int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;
    static final int STATUS_INVALID_HANDLE = 0xC0000008;
    static final int STATUS_ACCESS_DENIED = 0xC0000022;
    static final int STATUS_BUFFER_TOO_SMALL = 0xC0000023;
    static final int STATUS_NOT_SUPPORTED = 0xC00000BB;

    // Information classes (§A.1.1, §A.1.2, §A.1.3)
    static final int SYSTEM_EXTENDED_HANDLE_INFORMATION = 64;
    static final int OBJECT_BASIC_INFORMATION = 0;
    static final int OBJECT_NAME_INFORMATION = 1;
    static final int OBJECT_TYPES_INFORMATION = 3;

    // Handles (§A.2.1). DUPLICATE_CLOSE_SOURCE (1) is deliberately absent: it would close the target's socket.
    static final int DUPLICATE_SAME_ACCESS = 2;
    static final int PROCESS_DUP_HANDLE = 0x40;

    // AFD (§A.2.3): _AFD_CONTROL_CODE(req, method) = 0x12 << 12 | req << 2 | method
    static final int IOCTL_AFD_GET_ADDRESS = 0x1202F;
    static final int IOCTL_AFD_GET_REMOTE_ADDRESS = 0x1203F;
    static final int IOCTL_AFD_GET_CONTEXT = 0x12043;
    static final int IOCTL_AFD_TRANSPORT_IOCTL = 0x120BF;
    static final int TL_SOCKET_IOCONTROL_TYPE = 3;
    static final int SIO_TCP_INFO = 0xD8000027;

    // Win32 errors
    static final int ERROR_SUCCESS = 0;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_BAD_LENGTH = 24;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_INSUFFICIENT_BUFFER = 122;
    static final int ERROR_ALREADY_EXISTS = 183;
    static final int ERROR_MORE_DATA = 234;
    static final int ERROR_CANCELLED = 1223;
    static final int ERROR_NOT_ALL_ASSIGNED = 1300;
    static final int ERROR_NO_SYSTEM_RESOURCES = 1450;
    static final int ERROR_WMI_INSTANCE_NOT_FOUND = 4201;
    static final int ERROR_CTX_CLOSE_PENDING = 7007;

    // ETW sessions (§A.3.3; "Logging Mode Constants"; "Configuring and Starting a SystemTraceProvider Session")
    static final int EVENT_TRACE_FILE_MODE_SEQUENTIAL = 0x1;
    static final int EVENT_TRACE_REAL_TIME_MODE = 0x100;
    static final int EVENT_TRACE_SYSTEM_LOGGER_MODE = 0x02000000;
    static final int EVENT_TRACE_FLAG_PROCESS = 0x1;
    static final int WNODE_FLAG_TRACED_GUID = 0x20000;
    static final int CLOCK_QPC = 1;
    static final int EVENT_TRACE_CONTROL_QUERY = 0;
    static final int EVENT_TRACE_CONTROL_STOP = 1;
    static final int EVENT_CONTROL_CODE_ENABLE_PROVIDER = 1;
    static final int EVENT_CONTROL_CODE_CAPTURE_STATE = 2;
    static final int TRACE_LEVEL_INFORMATION = 4;
    static final int TRACE_LEVEL_VERBOSE = 5;
    static final int EVENT_FILTER_TYPE_PID = 0x80000004;
    static final int MAX_EVENT_FILTER_PID_COUNT = 8;
    static final int ENABLE_TRACE_PARAMETERS_VERSION_2 = 2;
    static final int PROCESS_TRACE_MODE_REAL_TIME = 0x100;
    static final int PROCESS_TRACE_MODE_EVENT_RECORD = 0x10000000;

    // EVENT_HEADER.Flags (etl-format.md §A.5.2)
    static final int EVENT_HEADER_FLAG_EXTENDED_INFO = 0x1;
    static final int EVENT_HEADER_FLAG_32_BIT_HEADER = 0x20;
    static final int EVENT_HEADER_FLAG_64_BIT_HEADER = 0x40;
    static final int EVENT_HEADER_FLAG_CLASSIC_HEADER = 0x100;
    static final int EVENT_HEADER_FLAG_PROCESSOR_INDEX = 0x200;

    /** "error 5 (ERROR_ACCESS_DENIED)" for the Win32 errors wsclose meets, "error N" otherwise. */
    static String win32(int error) {
        String name;
        switch (error) {
            case ERROR_ACCESS_DENIED: name = "ERROR_ACCESS_DENIED"; break;
            case ERROR_BAD_LENGTH: name = "ERROR_BAD_LENGTH"; break;
            case ERROR_INVALID_PARAMETER: name = "ERROR_INVALID_PARAMETER"; break;
            case ERROR_ALREADY_EXISTS: name = "ERROR_ALREADY_EXISTS"; break;
            case ERROR_MORE_DATA: name = "ERROR_MORE_DATA"; break;
            case ERROR_NO_SYSTEM_RESOURCES: name = "ERROR_NO_SYSTEM_RESOURCES"; break;
            case ERROR_WMI_INSTANCE_NOT_FOUND: name = "ERROR_WMI_INSTANCE_NOT_FOUND"; break;
            default: return "error " + error;
        }
        return "error " + error + " (" + name + ")";
    }

    /** "NTSTATUS 0xC0000022" */
    static String ntStatus(int status) {
        return String.format(Locale.ROOT, "NTSTATUS 0x%08X", status);
    }
}
