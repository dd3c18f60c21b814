package wsclose.trace.testing;

import java.util.function.UnaryOperator;
import wsclose.trace.etw.Providers;

/**
 * One socket in a {@link WinsockScenario}. Each method writes the events a real capture shows for the call,
 * with the payload layouts of etl-format.md §B.1 (AFD), §B.2 (TCPIP), §B.3 (Winsock-Sockets) and §B.5.1
 * (ObTrace). Times are ms after the start; {@code tid} is the calling thread.
 */
public final class WinsockSocket {
    private final WinsockProcess p;
    private final WinsockScenario s;
    private final long endpoint;
    private final long fileObject;
    private final long handle;
    long tcb;
    String local = "10.0.0.5:50000";
    String remote;
    /** Realism: the local address TCP reports (an implicit bind shows as 0.0.0.0:0 in AFD), and the sequence space. */
    private String tcpLocal;
    private static final long M32 = 0xFFFFFFFFL;
    private long sndNxt;
    private long sndUna;
    private long handedOver;

    WinsockSocket(WinsockProcess p, long endpoint, long fileObject, long handle) {
        this.p = p;
        this.s = p.s;
        this.endpoint = s.p(endpoint);
        this.fileObject = s.p(fileObject);
        this.handle = handle;
        if (s.real()) {
            // Initial sequence numbers are random; some start just below 2^32 so the count must survive wrap-around.
            long isn = s.rnd().nextInt(4) == 0 ? M32 - s.rnd().nextInt(200_000) : s.rnd().nextLong() & M32;
            sndNxt = (isn + 1) & M32;
            sndUna = sndNxt;
        }
    }

    /** Bytes the application handed over so far, and bytes the peer acknowledged (for a scenario's expectations). */
    public long handedOver() {
        return handedOver;
    }

    public long acknowledged() {
        return (sndUna - firstSeq()) & M32;
    }

    private long firstSeq;
    private boolean seqStarted;

    private long firstSeq() {
        return seqStarted ? firstSeq : sndUna;
    }

    private String tcpLocal() {
        if (tcpLocal == null) {
            tcpLocal = local.endsWith(":0") && s.real() ? "10.0.0.5:" + (49152 + s.rnd().nextInt(16000)) : local;
        }
        return tcpLocal;
    }

    public long endpoint() {
        return endpoint;
    }

    public long handle() {
        return handle;
    }

    long fileObject() {
        return fileObject;
    }

    /** AFD event with the common prefix (§B.1) then {@code rest}; level 4, opcode as given. */
    void afd(double ms, int tid, int id, int opcode, int enterExit, UnaryOperator<PayloadBuilder> rest) {
        afdAt(ms, p.pid, p.tid(tid), id, opcode, enterExit, 4000 + id, rest);
    }

    /** An AFD event with an explicit header context and Location (the realism layer's completions, §C.7). */
    void afdAt(double ms, int hdrPid, int hdrTid, int id, int opcode, int enterExit, int location, UnaryOperator<PayloadBuilder> rest) {
        PayloadBuilder b = s.payload().u32(enterExit).u32(location).ptr(p.eprocess).ptr(endpoint);
        s.event(ms, Providers.WINSOCK_AFD, id, opcode, id == 1032 ? 2 : 4, hdrPid, hdrTid, rest.apply(b).build());
    }

    /** Realism: a completion or indication logged in whatever context ran (a DPC, another process's thread). */
    private void afdDpc(double ms, int id, int opcode, int enterExit, int location, UnaryOperator<PayloadBuilder> rest) {
        afdAt(ms, s.dpcPid(), s.dpcTid(), id, opcode, enterExit, location, rest);
    }

    /** Realism: a completion on another thread of the owning process (an I/O completion port's pool). */
    private int poolTid() {
        return p.tid(100 + 4 * (40 + s.rnd().nextInt(8)));
    }

    private int pick(int... choices) {
        return choices[s.rnd().nextInt(choices.length)];
    }

    /** TcpDataTransfer* (1071/1072/1073): Tcb Cwnd SSThresh RttSample NumBytes SeqNo SndUna Round SRTT RTO DWnd BaseRtt DupAckCount. */
    private void dataTransfer(double ms, int id, long numBytes, long seqNo, long una) {
        tcpip(ms, id, b -> b.ptr(tcb).u32(65535).u32(0x7fffffff).u32(120).u32(numBytes).u32(seqNo).u32(una).u32(1)
                .u32(150).u32(3000).u32(0).u32(100).u32(0));
    }

    /** A TCPIP payload ProcessId: the owner, or 0 (unknown) as close and connect-complete events often carry. */
    private int payloadPid(double unknownShare) {
        return s.real() && s.rnd().nextDouble() < unknownShare ? 0 : p.pid;
    }

    void sockets(double ms, int tid, int id, UnaryOperator<PayloadBuilder> rest) {
        s.event(ms, Providers.WINSOCK_SOCKETS, id, id % 2 == 1 ? 1 : 2, id % 2 == 1 ? 5 : 4, p.pid, p.tid(tid), rest.apply(s.payload()).build());
    }

    void tcpip(double ms, int id, UnaryOperator<PayloadBuilder> rest) {
        // TCPIP logs in whatever context runs (System, pid 4, or with the realism layer anything), §B.2, §C.7.
        if (s.real()) {
            s.event(ms, Providers.TCPIP, id, 0, 4, s.dpcPid(), s.dpcTid(), rest.apply(s.payload()).build());
        } else {
            s.event(ms, Providers.TCPIP, id, 0, 4, 4, 16, rest.apply(s.payload()).build());
        }
    }

    /** A TCPIP event logged in the calling thread (TcpRequestConnect, TcpSendPosted: §C.7's reliable ones). */
    void tcpipCaller(double ms, int tid, int id, UnaryOperator<PayloadBuilder> rest) {
        s.event(ms, Providers.TCPIP, id, 0, 4, p.pid, p.tid(tid), rest.apply(s.payload()).build());
    }

    /** ObTrace CreateHandle (32) / CloseHandle (33): Object, Handle, ObjectType, empty ObjectName (§B.5.1). */
    void handleEvent(double ms, int tid, int opcode, int pid) {
        s.kernel(ms, s.cpu(p.tid(tid)), 0x11, opcode, 2, pid, p.tid(tid),
                s.payload().ptr(fileObject).u32(handle).u16(WinsockScenario.FILE_TYPE).utf16z("").build());
    }

    /** A SOCKADDR_IN for "a.b.c.d:port", a SOCKADDR_IN6 for "[v6]:port" (what AFD and TCPIP log, §B.0). */
    private static PayloadBuilder addr(PayloadBuilder b, String hostPort) {
        int c = hostPort.lastIndexOf(':');
        int port = Integer.parseInt(hostPort.substring(c + 1));
        if (hostPort.startsWith("[")) {
            return b.sockaddrIn6(hostPort.substring(1, c - 1), port);
        }
        return b.sockaddrIn(hostPort.substring(0, c), port);
    }

    /** The address length field logged before an address: 16 for SOCKADDR_IN, 28 for SOCKADDR_IN6. */
    private static int addrLength(String hostPort) {
        return hostPort.startsWith("[") ? 28 : 16;
    }

    /** bind(): AFD 1030 Enter and Exit with the local address. */
    public WinsockSocket bind(double ms, int tid, String localAddr) {
        local = localAddr;
        afd(ms, tid, 1030, 10, 0, b -> addr(b.u32(0).u32(addrLength(localAddr)), localAddr));
        afd(ms + 0.005, tid, 1030, 12, 1, b -> addr(b.u32(0).u32(addrLength(localAddr)), localAddr));
        return this;
    }

    /**
     * connect(): SockConnectStart, AFD 1021 Enter (remote address), TCPIP TcpConnectTcbComplete (1033, the
     * Tcb and 4-tuple, §B.6 step 4), AFD 1021 Exit, SockConnectStop.
     */
    public WinsockSocket connect(double ms, int tid, String remoteAddr, long tcbAddr) {
        this.remote = remoteAddr;
        this.tcb = s.p(tcbAddr);
        sockets(ms, tid, 9, b -> b);
        afd(ms + 0.01, tid, 1021, 12, 0, b -> addr(b.ptr(0).u32(0).u32(0).u32(addrLength(remoteAddr)), remoteAddr));
        if (!s.real()) {
            tcpip(ms + 0.5, 1033, b -> addr(addr(b.u32(addrLength(local)), local).u32(addrLength(remoteAddr)), remoteAddr).u32(0).u32(p.pid).u32(1).ptr(tcb));
            afd(ms + 0.6, tid, 1021, 12, 1, b -> addr(b.ptr(0).u32(0).u32(0).u32(addrLength(remoteAddr)), remoteAddr));
        } else {
            String lo = tcpLocal();
            // TcpRequestConnect on the connecting thread (state SynSent), the handshake's state change with SndNxt,
            // then TcpConnectTcbComplete late and in another context, sometimes without the ProcessId (§C.7).
            tcpipCaller(ms + 0.02, tid, 1002, b -> addr(addr(b.ptr(tcb).u32(addrLength(lo)), lo).u32(addrLength(remoteAddr)), remoteAddr).u32(2).u32(0));
            long first = sndNxt;
            tcpip(ms + 0.3, 1051, b -> b.u32(2).u32(4).u32(first).ptr(tcb));
            double late = ms + 0.35 + (s.rnd().nextInt(3) == 0 ? s.rnd().nextDouble() * 30 : s.rnd().nextDouble() * 0.2);
            int owner = payloadPid(0.2);
            tcpip(late, 1033, b -> addr(addr(b.u32(addrLength(lo)), lo).u32(addrLength(remoteAddr)), remoteAddr).u32(0).u32(owner).u32(1).ptr(tcb));
            afdAt(ms + 0.4, s.rnd().nextBoolean() ? p.pid : s.dpcPid(), s.rnd().nextBoolean() ? p.tid(tid) : s.dpcTid(),
                    1021, 12, 1, 4021, b -> addr(b.ptr(0).u32(0).u32(0).u32(addrLength(remoteAddr)), remoteAddr));
        }
        sockets(ms + 0.61, tid, 10, b -> addr(b.u32(0).ptr(handle).u32(addrLength(remoteAddr)), remoteAddr).u32(0));
        return this;
    }

    /** setsockopt(SOL_SOCKET, SO_LINGER, {onoff, seconds}): SockSetOptStart/Stop (§B.3). */
    public WinsockSocket linger(double ms, int tid, int onOff, int seconds) {
        sockets(ms, tid, 7, b -> b);
        sockets(ms + 0.01, tid, 8, b -> b.u32(0).ptr(handle).i32(0xFFFF).i32(0x80).u32(4).u16(onOff).u16(seconds).u32(0));
        return this;
    }

    /** send(): AFD 1003 Enter and Exit with the byte count, TCPIP TcpSendPosted (1159). */
    public WinsockSocket send(double ms, int tid, int bytes) {
        handedOver += bytes;
        afd(ms, tid, 1003, 12, 0, b -> b.u32(1).ptr(0x1000).u32(bytes).u32(0));
        if (!s.real()) {
            tcpip(ms + 0.01, 1159, b -> b.ptr(tcb).utf16z("").u32(bytes).u32(1000));
            afd(ms + 0.02, tid, 1003, 12, 1, b -> b.u32(1).ptr(0x1000).u32(bytes).u32(0));
            return this;
        }
        if (!seqStarted) {
            firstSeq = sndUna;
            seqStarted = true;
        }
        long posted = sndNxt;
        tcpipCaller(ms + 0.005, tid, 1159, b -> b.ptr(tcb).utf16z("").u32(bytes).u32(posted));
        // Segments as TCP sends them: TcpDataTransferSend with SeqNo and the SndUna of the moment.
        double t = ms + 0.006;
        long seq = sndNxt;
        for (int left = bytes; left > 0; left -= 16384) {
            int n = Math.min(left, 16384);
            dataTransfer(t, 1073, n, seq, sndUna);
            seq = (seq + n) & M32;
            t += 0.0005;
        }
        sndNxt = seq;
        // The completion: another context, an unreliable Location; sometimes completed twice (nested send, §C.7).
        afdDpc(ms + 0.015, 1003, 12, 1, pick(3018, 3023, 3025), b -> b.u32(1).ptr(0x1000).u32(bytes).u32(0));
        if (s.rnd().nextInt(6) == 0) {
            int loc = pick(3073, 3024);
            afdDpc(ms + 0.016, 1003, 12, 1, loc, b -> b.u32(1).ptr(0x1000).u32(bytes).u32(0));
        }
        if (bytes >= 8192 && s.rnd().nextBoolean()) {
            int ideal = pick(65536, 131072, 262144, 1048576); // the ideal send backlog, unrelated to what is queued
            afdDpc(ms + 0.017, 3007, 0, 3, 3007, b -> b.u32(ideal));
        }
        return this;
    }

    /** The peer acknowledged {@code bytes} (TCPIP TcpSendAcked, 1637). */
    public WinsockSocket acked(double ms, int bytes) {
        if (s.real()) {
            // Before 25H2 there is no TcpSendAcked: the cumulative ACK's SndUna is the only record (§C.6 item 4).
            sndUna = (sndUna + bytes) & M32;
            long una = sndUna;
            dataTransfer(ms, 1071, bytes, una, una);
            return this;
        }
        tcpip(ms, 1637, b -> b.ptr(tcb).u32(bytes).u32(2000).ptr(0).u64(0).u64(0).u64(0).u32(0).u32(0).u32(0).u32(0).u32(0));
        return this;
    }

    /**
     * The peer acknowledged {@code bytes}, but the session lost the TcpDataTransferCumAck that says so (realistic
     * mode): the stack's SndUna moves, the trace shows nothing but a flagged buffer.
     */
    public WinsockSocket ackLost(double ms, int bytes) {
        sndUna = (sndUna + bytes) & M32;
        s.eventLost(ms, 8);
        return this;
    }

    /** A recv() posted on {@code tid} that has not completed (AFD 1004 Enter). */
    public WinsockSocket recvPosted(double ms, int tid, int bufferBytes) {
        afd(ms, tid, 1004, 12, 0, b -> b.u32(1).ptr(0x2000).u32(bufferBytes).u32(0));
        return this;
    }

    /** Completion of a recv on {@code tid} (AFD 1004 Exit) with the bytes read and an NTSTATUS. */
    public WinsockSocket recvDone(double ms, int tid, int bytes, long status) {
        if (s.real() && s.rnd().nextInt(3) != 0) {
            boolean pool = s.rnd().nextBoolean();
            afdAt(ms, pool ? p.pid : s.dpcPid(), pool ? poolTid() : s.dpcTid(), 1004, 12, 1, pick(3040, 3050, 4052),
                    b -> b.u32(1).ptr(0x2000).u32(bytes).u32(status));
            return this;
        }
        afd(ms, tid, 1004, 12, 1, b -> b.u32(1).ptr(0x2000).u32(bytes).u32(status));
        return this;
    }

    /** recv() that returns {@code bytes} at once. */
    public WinsockSocket recv(double ms, int tid, int bytes) {
        recvPosted(ms, tid, 65536);
        return recvDone(ms + 0.01, tid, bytes, 0);
    }

    /** Data arrived from the transport (AFD 3003 DataIndication, EnterExit 3). */
    public WinsockSocket dataArrived(double ms, int bytes) {
        if (s.real()) {
            afdDpc(ms, 3003, 0, 3, 3003, b -> b.ptr(0x3000).u32(bytes));
            return this;
        }
        afd(ms, 16, 3003, 0, 3, b -> b.ptr(0x3000).u32(bytes));
        return this;
    }

    /** shutdown(SD_SEND) as TCP shows it: TcpShutdownTcb (1044) and Established → FinWait1 (1051). */
    public WinsockSocket shutdownSend(double ms) {
        int owner = payloadPid(0.5);
        String lo = s.real() ? tcpLocal() : local;
        long nxt = s.real() ? sndNxt : 1000;
        tcpip(ms, 1044, b -> addr(addr(b.u32(addrLength(lo)), lo).u32(addrLength(remote)), remote).u32(0).u32(owner).u32(1).ptr(tcb));
        tcpip(ms + 0.01, 1051, b -> b.u32(4).u32(5).u32(nxt).ptr(tcb));
        return this;
    }

    /** The peer's FIN arrived: AFD 3006 Disconnect (transport action). */
    public WinsockSocket peerClosed(double ms) {
        if (s.real()) {
            afdDpc(ms, 3006, 13, 3, 3006, b -> b.u32(0));
            return this;
        }
        afd(ms, 16, 3006, 13, 3, b -> b.u32(0));
        return this;
    }

    /**
     * closesocket() that ends a graceful or abortive close: SockCloseStart, ObTrace CloseHandle, AFD 1001
     * Enter … Exit, SockCloseStop. {@code abortReason} &gt; 0 adds AfdAbort (1032) with that reason plus TCPIP
     * TcpAbortTcbRequest (1039) and TcpRstSend (1479) between Enter and Exit (§C.1, §C.2).
     */
    public WinsockSocket close(double ms, int tid, int abortReason) {
        return close(ms, tid, abortReason, 0.1);
    }

    /** As {@link #close(double, int, int)} with the call taking {@code durationMs}. */
    public WinsockSocket close(double ms, int tid, int abortReason, double durationMs) {
        sockets(ms, tid, 3, b -> b);
        double end = ms + durationMs;
        handleEvent(end - 0.05, tid, 33, p.pid);
        // Realism: AfdClose at Locations 2000/2001 may carry the System pid; AfdAbort at 8016/8028 anything (§C.7).
        boolean system = s.real() && s.rnd().nextInt(3) == 0;
        int cPid = system ? 4 : p.pid;
        int cTid = system ? s.dpcTid() : p.tid(tid);
        afdAt(end - 0.04, cPid, cTid, 1001, 15, 0, s.real() ? 2000 : 5001, b -> b.u32(0));
        if (abortReason > 0) {
            if (s.real()) {
                afdDpc(end - 0.03, 1032, 14, 2, pick(8016, 8028), b -> b.u32(abortReason));
            } else {
                afd(end - 0.03, tid, 1032, 14, 2, b -> b.u32(abortReason));
            }
            if (tcb != 0) {
                int owner = payloadPid(0.3);
                String lo = s.real() ? tcpLocal() : local;
                tcpip(end - 0.025, 1039, b -> addr(addr(b.u32(addrLength(lo)), lo).u32(addrLength(remote)), remote).u32(0).u32(owner).u32(1).ptr(tcb));
                tcpip(end - 0.02, 1479, b -> addr(addr(b.ptr(tcb).u32(6).u32(2).u32(addrLength(lo)), lo).u32(addrLength(remote)), remote).u32(1));
            }
        }
        afdAt(end - 0.01, cPid, cTid, 1001, 15, 1, s.real() ? 2001 : 5001, b -> b.u32(0));
        sockets(end, tid, 4, b -> b.u32(0).ptr(handle).u32(1).u32(0));
        return this;
    }

    /** listen(): AFD 1037 Enter and Exit with the backlog. */
    public WinsockSocket listen(double ms, int tid, int backlog) {
        afd(ms, tid, 1037, 0, 0, b -> b.u32(backlog).u32(0));
        afd(ms + 0.01, tid, 1037, 0, 1, b -> b.u32(backlog).u32(0));
        return this;
    }

    /**
     * accept() on this listening socket: SockAcceptStart, AFD 1024 (AcceptWithAddress) Enter and Exit whose
     * Exit names the new AcceptEndpoint and the peer's address (§B.1 NETBLAME note), TCPIP
     * TcpAcceptListenerComplete (1017) with the new connection's Tcb, ObTrace CreateHandle of the new
     * socket's FILE_OBJECT, SockAcceptStop with the new SOCKET value. Returns the accepted socket.
     */
    public WinsockSocket accept(double ms, int tid, long newEndpoint, long newFileObject, long newHandle, String peer, long newTcb) {
        WinsockSocket a = new WinsockSocket(p, newEndpoint, newFileObject, newHandle);
        a.local = local;
        a.remote = peer;
        a.tcb = s.p(newTcb);
        sockets(ms, tid, 5, b -> b);
        afd(ms + 0.01, tid, 1024, 12, 0, b -> addr(b.ptr(0).u32(0).u32(0).u32(16), "0.0.0.0:0").ptr(0).u32(0));
        if (s.real()) {
            long first = a.sndNxt;
            tcpip(ms + 0.29, 1051, b -> b.u32(3).u32(4).u32(first).ptr(a.tcb));
        }
        tcpip(ms + 0.3, 1017, b -> addr(addr(b.u32(addrLength(local)), local).u32(addrLength(peer)), peer).u32(0).u32(p.pid).u32(1).ptr(a.tcb));
        afd(ms + 0.5, tid, 1024, 12, 1, b -> addr(b.ptr(0).u32(0).u32(0).u32(addrLength(peer)), peer).ptr(a.endpoint).u32(1));
        a.handleEvent(ms + 0.51, tid, 32, p.pid);
        sockets(ms + 0.52, tid, 6, b -> b.u32(0).ptr(newHandle).ptr(handle).u32(p.pid).u32(0));
        return a;
    }

    /** AFD's close of the endpoint (1001 Enter and Exit) on thread {@code tid}, when the last handle went. */
    public WinsockSocket afdClose(double ms, int tid) {
        afd(ms, tid, 1001, 15, 0, b -> b.u32(0));
        afd(ms + 0.01, tid, 1001, 15, 1, b -> b.u32(0));
        return this;
    }

    /** closesocket() that fails at the API boundary with {@code wsaError} (e.g. 10038 WSAENOTSOCK). */
    public WinsockSocket closeFails(double ms, int tid, long wsaError) {
        sockets(ms, tid, 3, b -> b);
        sockets(ms + 0.01, tid, 4, b -> b.u32(wsaError).ptr(handle).u32(1).u32(0));
        return this;
    }

    /** AFD released the endpoint (1002 Cleanup/Freed); its address may be reused afterwards. */
    public WinsockSocket freed(double ms) {
        if (s.real()) {
            afdDpc(ms, 1002, 16, 2, 1002, b -> b.u32(0));
            return this;
        }
        afd(ms, 16, 1002, 16, 2, b -> b.u32(0));
        return this;
    }

    /** A new send request on the endpoint (AFD 1003 Enter), e.g. through a stale pointer after close. */
    public WinsockSocket sendRequest(double ms, int tid, int bytes) {
        afd(ms, tid, 1003, 12, 0, b -> b.u32(1).ptr(0x1000).u32(bytes).u32(0));
        return this;
    }

    /** A Winsock API call on the SOCKET value that fails, e.g. setsockopt → WSAENOTSOCK after close. */
    public WinsockSocket setOptFails(double ms, int tid, long wsaError) {
        sockets(ms, tid, 7, b -> b);
        sockets(ms + 0.01, tid, 8, b -> b.u32(wsaError).ptr(handle).i32(0xFFFF).i32(0x1001).u32(4).u32(0).u32(0));
        return this;
    }

    /** A successful setsockopt on the SOCKET value (any option but SO_LINGER). */
    public WinsockSocket setOpt(double ms, int tid) {
        sockets(ms, tid, 7, b -> b);
        sockets(ms + 0.01, tid, 8, b -> b.u32(0).ptr(handle).i32(0xFFFF).i32(0x1001).u32(4).u32(65536).u32(0));
        return this;
    }

    /**
     * Another process gets a reference (DuplicateHandle / WSADuplicateSocket): ObTrace DuplicateHandle (34)
     * with source and target (§B.5.1), in the caller's context.
     */
    public WinsockSocket duplicateTo(double ms, int tid, WinsockProcess target, long targetHandle) {
        byte[] b = s.payload().ptr(fileObject).u32(handle).u32(targetHandle).u32(target.pid).u16(WinsockScenario.FILE_TYPE)
                .u32(p.pid).build();
        s.kernel(ms, 0, 0x11, 34, 3, p.pid, p.tid(tid), b);
        return this;
    }

    /** The target process's copy (pid, handle) closed: SockCloseStart/Stop around ObTrace CloseHandle. */
    public WinsockSocket closeCopy(double ms, WinsockProcess owner, int tid, long copyHandle) {
        s.event(ms, Providers.WINSOCK_SOCKETS, 3, 1, 5, owner.pid, owner.tid(tid), new byte[0]);
        s.kernel(ms + 0.01, 0, 0x11, 33, 2, owner.pid, owner.tid(tid),
                s.payload().ptr(fileObject).u32(copyHandle).u16(WinsockScenario.FILE_TYPE).utf16z("").build());
        s.event(ms + 0.02, Providers.WINSOCK_SOCKETS, 4, 2, 4, owner.pid, owner.tid(tid), s.payload().u32(0).ptr(copyHandle).u32(1).u32(0).build());
        return this;
    }

    /**
     * The peer reset the connection: TCPIP TcpConnectionTerminatedRcvdRst (1184) and AFD's abort with reason 4
     * ("transport indicated abortive disconnect"), both in DPC context.
     */
    public WinsockSocket peerReset(double ms) {
        String lo = s.real() ? tcpLocal() : local;
        tcpip(ms, 1184, b -> addr(addr(b.ptr(tcb).u32(addrLength(lo)), lo).u32(addrLength(remote)), remote).u32(0).u32(0));
        if (s.real()) {
            afdDpc(ms + 0.01, 1032, 14, 3, 8004, b -> b.u32(4));
        } else {
            afd(ms + 0.01, 16, 1032, 14, 3, b -> b.u32(4));
        }
        return this;
    }

    /**
     * A connection that existed before the trace: its TcpConnectionRundown (1300 v0: Tcb, addresses, State, Pid)
     * at the start, logged in the rundown context; AFD names the endpoint only when it is next used.
     */
    public WinsockSocket rundown(String localAddr, String remoteAddr, long tcbAddr) {
        local = localAddr;
        tcpLocal = localAddr;
        remote = remoteAddr;
        tcb = s.p(tcbAddr);
        s.event(0.001, Providers.TCPIP, 1300, 0, 4, 4, 8,
                addr(addr(s.payload().ptr(tcb).u32(addrLength(localAddr)), localAddr).u32(addrLength(remoteAddr)), remoteAddr).u32(4).u32(p.pid).build());
        return this;
    }
}
