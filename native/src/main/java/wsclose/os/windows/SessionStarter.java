package wsclose.os.windows;

import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wsclose.os.LiveException;

/**
 * The controller half of {@link EtwSession} (live-mode.md §A.3.3 steps 1-3): stop sessions left behind by
 * crashed wsclose runs, StartTrace with its recoverable errors, then EnableTraceEx2 per provider.
 */
final class SessionStarter {
    private static final Pattern OURS = Pattern.compile("wsclose-(\\d+)");

    private final EtwApi api;
    private final EtwPlan plan;
    private final IntPredicate processAlive;
    private final List<String> notes;
    private SessionSpec spec;

    SessionStarter(EtwApi api, EtwPlan plan, IntPredicate processAlive, List<String> notes) {
        this.api = api;
        this.plan = plan;
        this.processAlive = processAlive;
        this.notes = notes;
        this.spec = plan.spec();
    }

    /** The spec the session runs with: the planned one, or without the system logger when no slot was free. */
    SessionSpec spec() {
        return spec;
    }

    /** Starts the session and returns its handle. */
    long start() throws LiveException {
        removeLeftovers();
        long[] h = new long[1];
        int st = api.startTrace(spec, h);
        if (st == WinConst.ERROR_ALREADY_EXISTS) {
            api.controlTrace(0, spec.name(), WinConst.EVENT_TRACE_CONTROL_STOP);
            notes.add("stopped an ETW session named " + spec.name() + " that an earlier run left behind");
            st = api.startTrace(spec, h);
        }
        if (st == WinConst.ERROR_NO_SYSTEM_RESOURCES && spec.systemLogger()) {
            spec = spec.withoutSystemLogger();
            notes.add("kernel process events are off: every system logger slot is in use (8 at most), so AFD's"
                    + " process pointers may stay unresolved");
            st = api.startTrace(spec, h);
        }
        if (st == WinConst.ERROR_ACCESS_DENIED) {
            throw new LiveException(LiveException.Reason.PRIVILEGE, "wsclose trace needs administrator rights to"
                    + " start an ETW session: run it from an elevated prompt (or as a member of Performance Log Users)");
        }
        if (st != WinConst.ERROR_SUCCESS) {
            throw new LiveException(LiveException.Reason.FACILITY, "StartTrace(" + spec.name() + ") failed: "
                    + WinConst.win32(st));
        }
        return h[0];
    }

    /** Stops sessions named wsclose-PID whose process is gone: left behind by a crash or a kill (§A.3.3 step 1). */
    private void removeLeftovers() {
        for (String name : api.sessionNames()) {
            Matcher m = OURS.matcher(name);
            if (!m.matches() || name.equals(spec.name())) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if (pid > Integer.MAX_VALUE || !processAlive.test((int) pid)) {
                int st = api.controlTrace(0, name, WinConst.EVENT_TRACE_CONTROL_STOP).status();
                notes.add(st == WinConst.ERROR_SUCCESS ? "stopped ETW session " + name + ", left behind by a wsclose"
                        + " run that did not exit cleanly" : "could not stop the leftover ETW session " + name + ": "
                        + WinConst.win32(st));
            }
        }
    }

    /** Enables every planned provider; a required one that fails ends the start with a LiveException. */
    void enableProviders(long session) throws LiveException {
        for (ProviderPlan p : plan.providers()) {
            enable(session, p);
        }
    }

    private void enable(long session, ProviderPlan p) throws LiveException {
        int[] pids = p.pidFilter() ? plan.filterPids() : new int[0];
        int st = api.enableTrace(session, p.guid(), WinConst.EVENT_CONTROL_CODE_ENABLE_PROVIDER, p.level(), p.keywords(),
                0, pids);
        if (st == WinConst.ERROR_INVALID_PARAMETER && pids.length > 0) {
            notes.add(p.name() + " refused the PID filter (" + WinConst.win32(st) + "); wsclose filters its events");
            st = api.enableTrace(session, p.guid(), WinConst.EVENT_CONTROL_CODE_ENABLE_PROVIDER, p.level(),
                    p.keywords(), 0, new int[0]);
        }
        if (st != WinConst.ERROR_SUCCESS) {
            String msg = "EnableTraceEx2(" + p.name() + ") failed: " + WinConst.win32(st);
            if (p.required()) {
                throw new LiveException(st == WinConst.ERROR_ACCESS_DENIED ? LiveException.Reason.PRIVILEGE
                        : LiveException.Reason.FACILITY, msg);
            }
            notes.add(msg + "; continuing without it");
            return;
        }
        if (p.captureState()) {
            int cs = api.enableTrace(session, p.guid(), WinConst.EVENT_CONTROL_CODE_CAPTURE_STATE, p.level(),
                    p.keywords(), 0, new int[0]);
            if (cs != WinConst.ERROR_SUCCESS) {
                notes.add("no rundown of existing " + p.name() + " state: " + WinConst.win32(cs));
            }
        }
    }
}
