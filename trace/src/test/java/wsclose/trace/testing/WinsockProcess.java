package wsclose.trace.testing;

/** A process in a {@link WinsockScenario}: creates sockets and exits. */
public final class WinsockProcess {
    final WinsockScenario s;
    final int pid;
    final String image;
    final long eprocess;

    WinsockProcess(WinsockScenario s, int pid, String image, long eprocess) {
        this.s = s;
        this.pid = pid;
        this.image = image;
        this.eprocess = eprocess;
    }

    public int pid() {
        return pid;
    }

    /**
     * Thread ids are unique system-wide, so stories told by several processes in one trace (the tour) get their
     * own: ids below 100 (system threads) stay, the others move to pid * 1000 + id (identity for pid 1234).
     */
    int tid(int t) {
        return t < 100 || pid == 1234 ? t : t + pid * 1000;
    }

    /**
     * socket() on thread {@code tid}: Winsock-Sockets SockCreateStart, AFD 1000 Enter and Exit (the endpoint),
     * ObTrace CreateHandle of the FILE_OBJECT, SockCreateStop with the SOCKET value (§B.6 step 2).
     */
    public WinsockSocket socket(double ms, int tid, long endpoint, long fileObject, long handle) {
        WinsockSocket k = new WinsockSocket(this, endpoint, fileObject, handle);
        s.event(ms, wsclose.trace.etw.Providers.WINSOCK_SOCKETS, 1, 1, 5, pid, tid(tid), new byte[0]);
        k.afd(ms + 0.001, tid, 1000, 10, 0, b -> b.u32(2).u32(1).u32(6).ptr(pid).u32(0));
        k.afd(ms + 0.010, tid, 1000, 10, 1, b -> b.u32(2).u32(1).u32(6).ptr(pid).u32(0));
        k.handleEvent(ms + 0.011, tid, 32, pid);
        k.sockets(ms + 0.012, tid, 2, b -> b.u32(0).ptr(handle).u32(2).u32(1).u32(6).u32(pid).u32(0));
        return k;
    }

    /** A socket created before the trace: only its handle rundown (HandleDCStart) names it. */
    public WinsockSocket existingSocket(long endpoint, long fileObject, long handle) {
        WinsockSocket k = new WinsockSocket(this, endpoint, fileObject, handle);
        byte[] p = s.payload().ptr(k.fileObject()).u32(pid).u32(handle).u16(WinsockScenario.FILE_TYPE).utf16z("\\Device\\Afd").build();
        s.kernel(0, 0, 0x11, 38, 2, 4, 8, p);
        return k;
    }

    /** Process End (§B.5.4). */
    public void exit(double ms) {
        s.processEvent(ms, 2, pid, image, eprocess);
    }
}
