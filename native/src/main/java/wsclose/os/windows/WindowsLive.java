package wsclose.os.windows;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import wsclose.os.HandleSource;
import wsclose.os.LiveException;
import wsclose.os.LiveTrace;
import wsclose.os.ProcessSelector;
import wsclose.trace.decode.SocketDecoder;

/**
 * The Windows factories {@link wsclose.os.Platform} dispatches to. Nothing here loads a Windows DLL before the
 * OS check, so the class is safe to reference on every OS.
 */
public final class WindowsLive {
    private static final long JOIN_MILLIS = 2000;

    private WindowsLive() {
    }

    /**
     * {@code wsclose handles} on this machine.
     *
     * @param probe duplicate socket handles briefly to read them (false: connection tables only)
     */
    public static HandleSource handles(boolean probe) throws LiveException {
        require("wsclose handles", System.getProperty("os.name", ""));
        return WindowsHandles.create(new JnaNtApi(), probe);
    }

    /**
     * {@code wsclose trace} on this machine.
     *
     * @param command a command to start and trace once the session records; empty to trace {@code which}
     * @param saveEtl also write the session to this .etl file, or null
     */
    public static LiveTrace trace(ProcessSelector which, List<String> command, Path saveEtl) throws LiveException {
        require("wsclose trace", System.getProperty("os.name", ""));
        JnaNtApi nt = new JnaNtApi();
        String file = saveEtl == null ? null : saveEtl.toAbsolutePath().toString();
        EtwPlan plan = SessionPlanner.plan(which, nt.processes(), file, JnaNtApi.osBuild(), ProcessHandle.current().pid(),
                !command.isEmpty());
        EtwSession session = new EtwSession(new JnaEtwApi(), plan, pid -> ProcessHandle.of(pid).isPresent(),
                JOIN_MILLIS);
        return new WindowsLiveTrace(session, new SocketDecoder(), WindowsLiveTrace.Hooks.RUNTIME, JOIN_MILLIS, command,
                CommandLauncher.DEFAULT);
    }

    /** Windows, and a JVM whose bitness matches the OS: a 32-bit JVM on 64-bit Windows sees thunked layouts. */
    static void require(String what, String osName) throws LiveException {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, what + " with handle tables and ETW"
                    + " needs Windows; this is " + (osName.isEmpty() ? "an unknown OS" : osName));
        }
        IntByReference wow64 = new IntByReference();
        if (Kernel32.INSTANCE.IsWow64Process(Kernel32.INSTANCE.GetCurrentProcess(), wow64) && wow64.getValue() != 0) {
            throw new LiveException(LiveException.Reason.UNSUPPORTED_PLATFORM, what + " needs a 64-bit Java on 64-bit"
                    + " Windows (this is a 32-bit Java under WOW64, which sees truncated kernel addresses)");
        }
    }
}
