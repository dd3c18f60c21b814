package wsclose.trace.model;

import wsclose.trace.model.SocketEvent.Source;

/**
 * The references that hold a socket open: handles (Windows, from ObTrace handle events) and fds (Linux),
 * each a (pid, value) bound to a socket, with the FILE_OBJECT behind Windows handles. Binding and unbinding
 * keep each socket's reference count and its count over time; the last reference going is the close request
 * (and the close itself when AFD does not report one).
 */
final class References {
    private final SocketModel m;
    private final LongMap<SocketTimeline> byObject = new LongMap<>();

    References(SocketModel m) {
        this.m = m;
    }

    /** ObTrace CreateHandle / HandleDCStart: a handle to a FILE_OBJECT (§B.5.1); a socket's when we know the object or just created the socket on that thread. */
    void created(SocketEvent e) {
        SocketTimeline t = e.object() != 0 ? byObject.get(e.object()) : null;
        if (t != null && t.closed >= 0) {
            byObject.remove(e.object(), t); // a reused FILE_OBJECT address: the old socket is gone
            t = null;
        }
        if (t == null && e.kind() == SocketEventKind.HANDLE_CREATE) {
            t = m.justCreated(e.tid(), e.time());
            if (t != null && holds(t, e.pid())) {
                t = null; // the creating handle is already known; this is some other file
            }
        }
        if (t == null) {
            return; // not a socket we know
        }
        if (e.object() != 0 && byObject.put(e.object(), t) == null) {
            t.addObject(e.object());
        }
        bind(t, e.pid(), e.handle(), e.time(), e.tid(), e.kind() == SocketEventKind.HANDLE_RUNDOWN ? "existing" : "created");
    }

    /** ObTrace DuplicateHandle: a new reference in the target process (WSADuplicateSocket, DuplicateHandle, inheritance). */
    void duplicated(SocketEvent e) {
        SocketTimeline t = e.object() != 0 ? byObject.get(e.object()) : null;
        if (t == null) {
            return;
        }
        bind(t, e.pid(), e.handle(), e.time(), e.tid(), "duplicated from pid " + e.value());
    }

    /** Adds a reference (pid, value) to a socket, noticing when the value named another socket before. */
    void bind(SocketTimeline t, int pid, long handle, long time, int tid, String how) {
        if (m.handles().get(pid, handle) == t) {
            return;
        }
        m.handles().bind(pid, handle, t);
        t.addHandle(pid, handle, time, how);
        t.refs(t.refs + 1, time);
        if (t.records()) {
            t.entry(time, "handle " + how, pid, tid, "pid " + pid + " handle 0x" + Long.toHexString(handle));
        }
    }

    /** ObTrace CloseHandle. */
    void closed(SocketEvent e) {
        SocketTimeline t = m.handles().get(e.pid(), e.handle());
        if (t == null && e.object() != 0) {
            t = byObject.get(e.object());
        }
        if (t == null) {
            return;
        }
        unbind(t, e.pid(), e.handle(), e.time(), e.tid(), "handle closed");
    }

    void unbind(SocketTimeline t, int pid, long handle, long time, int tid, String what) {
        unbindRef(t, pid, handle, time, tid, what);
    }

    /** Drops the reference (pid, handle) of {@code t}; returns what the handle table now remembers of it. */
    HandleTable.Previous unbindRef(SocketTimeline t, int pid, long handle, long time, int tid, String what) {
        if (m.handles().get(pid, handle) != t) {
            return null;
        }
        HandleTable.Previous prev = m.handles().unbind(pid, handle, time, tid);
        for (int i = 0; i < t.handleCount(); i++) {
            if (t.handlePid(i) == pid && t.handleValue(i) == handle && t.handleOpen(i)) {
                t.closeHandle(i, time);
                break;
            }
        }
        t.refs(t.refs - 1, time);
        if (t.records()) {
            t.entry(time, what, pid, tid, "pid " + pid + " handle 0x" + Long.toHexString(handle));
        }
        if (t.refs == 0 && t.closeRequested < 0) {
            t.closeRequested = time;
            t.state(SocketState.CLOSE_REQUESTED, time);
        }
        if (t.refs == 0 && !t.hasSource(Source.AFD) && t.closed < 0) {
            // Without AFD events the last reference going is the close itself (Linux: the last fd of the
            // struct file; Windows: the last handle of the FILE_OBJECT).
            t.closed = time;
            t.state(SocketState.CLOSED, time);
        }
        return prev;
    }

    /** {@code t} is gone: its FILE_OBJECT addresses may name new objects. */
    void forget(SocketTimeline t) {
        for (int i = 0; i < t.objectCount(); i++) {
            byObject.remove(t.object(i), t);
        }
    }

    /** Whether process {@code pid} held a handle of {@code t} (a loop: this runs per handle event). */
    private static boolean holds(SocketTimeline t, int pid) {
        for (int i = 0; i < t.handleCount(); i++) {
            if (t.handlePid(i) == pid) {
                return true;
            }
        }
        return false;
    }
}
