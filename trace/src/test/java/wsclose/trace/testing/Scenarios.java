package wsclose.trace.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Winsock scenarios wsclose is tested on: one per finding kind, plus clean ones that must produce no
 * finding. Each is a small story in a real capture's events (see {@link WinsockSocket}), with an unrelated
 * socket of another process as noise. Addresses and values are made up but shaped like x64 kernel pointers.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** One story of a scenario, told by process {@code pid}. */
    interface Story {
        void tell(WinsockScenario s, int pid);
    }

    private static Map<String, Story> stories() {
        Map<String, Story> m = new LinkedHashMap<>();
        m.put("lost-send-data", Scenarios::lostSendData);
        m.put("unread-data-reset", Scenarios::unreadDataReset);
        m.put("aborted-pending-op", Scenarios::abortedPendingOp);
        m.put("use-after-close", Scenarios::useAfterClose);
        m.put("linger-timeout", Scenarios::lingerTimeout);
        m.put("leak", Scenarios::leak);
        m.put("double-close", Scenarios::doubleClose);
        m.put("handle-reuse", Scenarios::handleReuse);
        m.put("graceful-close", Scenarios::gracefulClose);
        m.put("shared-socket", Scenarios::sharedSocket);
        m.put("short-lived", Scenarios::shortLived);
        m.put("server", Scenarios::server);
        return m;
    }

    /** Name → scenario (noise plus one story by pid 1234), in a stable order; each writes into a fresh {@link WinsockScenario}. */
    public static Map<String, Consumer<WinsockScenario>> all() {
        Map<String, Consumer<WinsockScenario>> m = new LinkedHashMap<>();
        stories().forEach((name, story) -> m.put(name, s -> {
            noise(s);
            story.tell(s, 1234);
        }));
        return m;
    }

    /** Every story at once, each told by its own process (pids 2000, 2100, ...): the bundled example trace. */
    public static void tour(WinsockScenario s) {
        noise(s);
        int pid = 2000;
        for (Map.Entry<String, Story> e : stories().entrySet()) {
            if (!e.getKey().equals("short-lived")) {
                e.getValue().tell(s, pid);
            }
            pid += 100;
        }
    }

    static long eproc(int pid) {
        return 0xffffa50c00000000L + 0x1000L * pid;
    }

    /** The scenarios expected to produce no finding. */
    public static boolean clean(String name) {
        return name.equals("graceful-close") || name.equals("shared-socket") || name.equals("short-lived")
                || name.equals("server");
    }

    static long ep(int n) {
        return 0xffffa50c3e5f0000L + 0x200L * n;
    }

    static long fo(int n) {
        return 0xffffa50c4a100000L + 0x150L * n;
    }

    static long tcb(int n) {
        return 0xffffa50c5b200000L + 0x400L * n;
    }

    /** Another process with an ordinary, graceful connection: noise every scenario carries. */
    static void noise(WinsockScenario s) {
        WinsockProcess svc = s.process(880, "svchost.exe", 0xffffa50c00088000L);
        svc.socket(2, 881, ep(90), fo(90), 0x2f0).bind(2.1, 881, "10.0.0.5:50900")
                .connect(2.2, 881, "10.0.0.9:443", tcb(90)).send(3, 881, 512).acked(3.5, 512)
                .dataArrived(4, 2048).recv(4.1, 881, 2048).shutdownSend(5).peerClosed(6).recv(6.1, 881, 0)
                .close(7, 881, 0).freed(8);
    }

    static WinsockSocket connected(WinsockProcess p, double ms, int tid, int n, int handle) {
        return p.socket(ms, tid, ep(n), fo(n), handle).bind(ms + 0.1, tid, "10.0.0.5:" + (50000 + n))
                .connect(ms + 0.2, tid, "10.0.0.2:443", tcb(n));
    }

    /** SO_LINGER {1,0}, 64 KiB sent, 16 KiB acknowledged, closesocket: 48 KiB discarded with an RST. */
    public static void lostSendData(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "app.exe", eproc(pid));
        connected(app, 10, 100, 1, 0x1a4).linger(15, 100, 1, 0).send(20, 100, 65536).acked(25, 16384)
                .close(30, 100, 2).freed(40);
    }

    /**
     * lostSendData over IPv6 (SOCKADDR_IN6 in AFD's and TCPIP's events), beside a graceful IPv4 connection of the same
     * process: the TCP connection must be joined by its IPv6 remote address for the acknowledged bytes to count.
     */
    public static void lostSendDataIpv6(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "app.exe", eproc(pid));
        app.socket(10, 100, ep(1), fo(1), 0x1a4).bind(10.1, 100, "[2001:db8::5]:50001")
                .connect(10.2, 100, "[2001:db8::2]:443", tcb(1)).linger(15, 100, 1, 0).send(20, 100, 65536)
                .acked(25, 16384).close(30, 100, 2).freed(40);
        connected(app, 11, 101, 2, 0x1a8).send(21, 101, 4096).acked(26, 4096).close(31, 101, 0).freed(41);
    }

    /**
     * lostSendData, but the peer acknowledged everything and the session lost the TcpDataTransferCumAck of the last
     * 48 KiB (realistic mode): nothing was discarded, and the trace cannot show it.
     */
    public static void lastAckLost(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "app.exe", eproc(pid));
        connected(app, 10, 100, 1, 0x1a4).linger(15, 100, 1, 0).send(20, 100, 65536).acked(25, 16384)
                .ackLost(27, 49152).close(30, 100, 2).freed(40);
    }

    /** 8 KiB arrived, 4 KiB read, closesocket: AFD aborts (reason 7) and TCP resets. */
    public static void unreadDataReset(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "client.exe", eproc(pid));
        connected(app, 10, 100, 2, 0x1b0).send(12, 100, 200).acked(13, 200).dataArrived(15, 8192).recv(16, 100, 4096)
                .close(20, 100, 7).freed(30);
    }

    /** Thread 104 waits in recv; thread 100 closes the socket; the recv completes with STATUS_CANCELLED. */
    public static void abortedPendingOp(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "server.exe", eproc(pid));
        connected(app, 10, 100, 3, 0x1c8).recvPosted(12, 104, 4096).close(20, 100, 0)
                .recvDone(20.2, 104, 0, 0xC0000120L).freed(30);
    }

    /** closesocket, then a setsockopt on the dead value (WSAENOTSOCK), and a send request on the closed endpoint. */
    public static void useAfterClose(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "worker.exe", eproc(pid));
        connected(app, 10, 100, 4, 0x1d4).send(12, 100, 100).acked(13, 100).close(20, 100, 0)
                .setOptFails(22, 108, 10038).sendRequest(24, 108, 512).freed(40);
    }

    /** SO_LINGER {1,5}: closesocket blocks 5 s with 32 KiB unacknowledged, then resets. */
    public static void lingerTimeout(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "uploader.exe", eproc(pid));
        connected(app, 10, 100, 5, 0x1e0).linger(11, 100, 1, 5).send(12, 100, 32768).close(20, 100, 2, 5000)
                .freed(5030);
    }

    /** A process creates a socket, uses it and exits without closing it. */
    public static void leak(WinsockScenario s, int pid) {
        WinsockProcess app = s.startProcess(5, pid, "leaky.exe", eproc(pid));
        connected(app, 10, 200, 6, 0x1f4).send(12, 200, 100).acked(13, 100);
        app.exit(50);
    }

    /** closesocket twice on one value; the second call fails with WSAENOTSOCK. */
    public static void doubleClose(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "twice.exe", eproc(pid));
        connected(app, 10, 100, 7, 0x208).close(20, 100, 0).closeFails(25, 100, 10038).freed(30);
    }

    /**
     * Thread 100 closes value 0x214; thread 112 creates a new socket that gets the same value; thread 100 then
     * calls setsockopt on 0x214 — on the new socket.
     */
    public static void handleReuse(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "pool.exe", eproc(pid));
        connected(app, 10, 100, 8, 0x214).send(11, 100, 10).acked(11.5, 10).close(20, 100, 0).freed(21);
        connected(app, 22, 112, 9, 0x214).setOpt(25, 100).send(26, 112, 10).acked(26.5, 10);
    }

    /** shutdown(SD_SEND), drain until recv returns 0, closesocket: the safe pattern, no finding. */
    public static void gracefulClose(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "good.exe", eproc(pid));
        connected(app, 10, 100, 10, 0x220).send(12, 100, 4096).acked(13, 4096).shutdownSend(14).dataArrived(15, 100)
                .recv(15.1, 100, 100).peerClosed(16).recv(16.1, 100, 0).close(17, 100, 0).freed(18);
    }

    /** A socket shared with a second process and closed by both: refcount 2 → 1 (no AFD close yet) → 0. */
    public static void sharedSocket(WinsockScenario s, int pid) {
        WinsockProcess parent = s.process(pid, "parent.exe", eproc(pid));
        WinsockProcess child = s.process(pid + 66, "child.exe", eproc(pid + 66));
        WinsockSocket k = connected(parent, 10, 100, 11, 0x22c).send(11, 100, 100).acked(12, 100);
        k.duplicateTo(13, 100, child, 0x3c);
        k.closeCopy(15, parent, 100, 0x22c);
        k.shutdownSend(19).peerClosed(19.5);
        k.closeCopy(20, child, 1304, 0x3c);
        k.afdClose(20.05, 1304).freed(21);
    }

    /** A server: bind, listen, accept two connections, serve each gracefully, close the listener. */
    public static void server(WinsockScenario s, int pid) {
        WinsockProcess srv = s.process(pid, "server.exe", eproc(pid));
        WinsockSocket l = srv.socket(10, 100, ep(20), fo(20), 0x240).bind(10.1, 100, "10.0.0.5:8080").listen(10.2, 100, 128);
        for (int i = 0; i < 2; i++) {
            double t = 20 + 10 * i;
            WinsockSocket a = l.accept(t, 100, ep(21 + i), fo(21 + i), 0x250 + 4 * i, "10.0.0.7:" + (40000 + i), tcb(21 + i));
            a.dataArrived(t + 1, 300).recv(t + 1.1, 104, 300).send(t + 2, 104, 1200).acked(t + 2.5, 1200).shutdownSend(t + 3)
                    .peerClosed(t + 4).recv(t + 4.1, 104, 0).close(t + 5, 104, 0).freed(t + 6);
        }
        l.close(50, 100, 0).freed(51);
    }

    /** 200 short-lived sockets, each opened, used and closed gracefully. */
    public static void shortLived(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "busy.exe", eproc(pid));
        for (int i = 0; i < 200; i++) {
            double t = 10 + i * 2;
            int tid = 100 + 4 * (i % 4);
            connected(app, t, tid, 100 + i, 0x400 + 4 * (i % 8)).send(t + 0.5, tid, 300).acked(t + 0.6, 300)
                    .shutdownSend(t + 0.7).peerClosed(t + 0.8).recv(t + 0.9, tid, 0).close(t + 1, tid, 0).freed(t + 1.5);
        }
    }

    /**
     * SO_LINGER {1,0} after 256 KiB, every byte acknowledged before the close (with AfdSendBackLog notifications on
     * the way): an abortive close that loses nothing, a legitimate way to skip TIME_WAIT. No finding.
     */
    public static void abortiveCloseLosingNothing(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "fast.exe", eproc(pid));
        WinsockSocket k = connected(app, 10, 100, 30, 0x1a8).linger(11, 100, 1, 0);
        for (int i = 0; i < 4; i++) {
            k.send(12 + i, 100, 65536).acked(12.5 + i, 65536);
        }
        k.close(20, 100, 2).freed(21);
    }

    /**
     * handle-reuse with no Winsock-Sockets events: thread 100 closes 0x214, thread 112 creates a socket that gets
     * 0x214 at once, and thread 100 sends on 0x214, which AFD logs only as a send on the new endpoint.
     */
    public static void handleReuseAfd(WinsockScenario s, int pid) {
        WinsockProcess app = s.process(pid, "pool.exe", eproc(pid));
        connected(app, 10, 100, 8, 0x214).send(11, 100, 10).acked(11.5, 10).close(20, 100, 0).freed(21);
        WinsockSocket b = connected(app, 22, 112, 9, 0x214);
        b.send(23, 100, 10).acked(23.5, 10);
        b.send(26, 112, 10).acked(26.5, 10).shutdownSend(27).peerClosed(28).recv(28.1, 112, 0).close(29, 112, 0).freed(30);
    }

    /**
     * An I/O completion port server: the acceptor (thread 100) accepts and posts the first recv; pool threads 104
     * and 108 take the completions and go on with the connection, then close it; the next connection gets the same
     * SOCKET value (LIFO reuse) and is served by the other pool thread. Nothing stale: no finding.
     */
    public static void completionPortServer(WinsockScenario s, int pid) {
        WinsockProcess srv = s.process(pid, "iocp.exe", eproc(pid));
        WinsockSocket l = srv.socket(5, 100, ep(40), fo(40), 0x240).bind(5.1, 100, "10.0.0.5:8443").listen(5.2, 100, 128);
        for (int i = 0; i < 6; i++) {
            double t = 10 + 10 * i;
            int w = i % 2 == 0 ? 104 : 108;
            WinsockSocket a = l.accept(t, 100, ep(41 + i % 2), fo(41 + i % 2), 0x300, "10.0.0.7:" + (41000 + i), tcb(41 + i % 2));
            a.recvPosted(t + 1, 100, 4096).dataArrived(t + 1.4, 200).recvDone(t + 1.5, w, 200, 0).send(t + 2, w, 500)
                    .acked(t + 2.5, 500).shutdownSend(t + 3).peerClosed(t + 3.5).recv(t + 4, w, 0).close(t + 5, w, 0).freed(t + 6);
        }
        l.close(80, 100, 0).freed(81);
    }
}
