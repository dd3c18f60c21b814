package wsclose.os.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** kernelbase functions jna-platform lacks: CompareObjectHandles (Windows 10 1607+) and CancelIoEx (§A.0). */
interface KernelBase extends StdCallLibrary {
    KernelBase INSTANCE = Native.load("kernelbase", KernelBase.class, W32APIOptions.DEFAULT_OPTIONS);

    boolean CompareObjectHandles(HANDLE first, HANDLE second);

    boolean CancelIoEx(HANDLE file, Pointer overlapped);
}
