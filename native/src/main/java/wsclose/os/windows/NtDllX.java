package wsclose.os.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The ntdll functions jna-platform 5.19.1 does not map (live-mode.md §A.0). Loaded on first use, which only
 * happens on Windows: nothing on Linux touches {@link #INSTANCE}.
 */
interface NtDllX extends StdCallLibrary {
    NtDllX INSTANCE = Native.load("ntdll", NtDllX.class, W32APIOptions.DEFAULT_OPTIONS);

    int NtQuerySystemInformation(int infoClass, Pointer buffer, int length, IntByReference returnLength);

    int NtQueryObject(Pointer handle, int infoClass, Pointer buffer, int length, IntByReference returnLength);

    int NtDeviceIoControlFile(Pointer file, Pointer event, Pointer apcRoutine, Pointer apcContext, Pointer ioStatus,
                              int ioControlCode, Pointer input, int inputLength, Pointer output, int outputLength);

    /** RTL_OSVERSIONINFOW: size @0, major @4, minor @8, build @12; 276 bytes. Not subject to the manifest lie. */
    int RtlGetVersion(Pointer versionInfo);
}
