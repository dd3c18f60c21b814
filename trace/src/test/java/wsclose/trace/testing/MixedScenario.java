package wsclose.trace.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A large trace of many programs at once, written through the realism layer, with the findings it must give
 * computed by the writer itself as it tells each story: all eight kinds among noise that must give none
 * (graceful closes, abortive closes that lose nothing, peer resets, long-lived keep-alive connections, sockets
 * that existed before the trace, duplicated handles, a completion-port server whose pool threads serve sockets
 * whose values were just reused). Endpoint, FILE_OBJECT, TCB and handle values are reused LIFO right after they
 * are freed, as Windows does. {@link #expected()} lists one entry per finding the analyzer should report.
 */
public final class MixedScenario {
    /** One finding the trace must produce: its kind, the socket's endpoint and creation time, bytes lost or -1. */
    public record Expected(String kind, long endpoint, double createdMs, long bytesLost) {
    }

    private final WinsockScenario s;
    private final Random rnd;
    private final List<Expected> expected = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final Pool endpoints = new Pool(0xffffa50c40000000L, 0x200);
    private final Pool files = new Pool(0xffffa50c60000000L, 0x150);
    private final Pool tcbs = new Pool(0xffffa50c80000000L, 0x400);
    /**
     * The long-running programs are told first, across the whole trace, so they draw from pools of their own: a
     * pool hands values out in time order only (take(ms) with ms never going back).
     */
    private final Pool bgEndpoints = new Pool(0xffffa50c48000000L, 0x200);
    private final Pool bgFiles = new Pool(0xffffa50c68000000L, 0x150);
    private final Pool bgTcbs = new Pool(0xffffa50c88000000L, 0x400);
    private int next;
    private int lingering;

    /** A LIFO free list whose values come back at the time their socket frees them. */
    static final class Pool {
        private final long base;
        private final long stride;
        private long fresh;
        private final ArrayDeque<Long> free = new ArrayDeque<>();
        private final PriorityQueue<long[]> pending = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

        Pool(long base, long stride) {
            this.base = base;
            this.stride = stride;
        }

        long take(double ms) {
            long now = Math.round(ms * 1000);
            while (!pending.isEmpty() && pending.peek()[0] <= now) {
                free.push(pending.poll()[1]); // the most recently freed comes out first
            }
            return free.isEmpty() ? base + stride * fresh++ : free.pop();
        }

        void giveBack(double ms, long v) {
            pending.add(new long[] {Math.round(ms * 1000), v});
        }
    }

    /** A client program: 16 threads, its own LIFO handle values. */
    final class Client {
        final WinsockProcess p;
        final Pool handles;
        int turn;

        Client(WinsockProcess p) {
            this.p = p;
            this.handles = new Pool(0x100, 4);
        }

        int thread() {
            return 100 + 4 * (turn++ % 16);
        }
    }

    public MixedScenario(WinsockScenario s, long seed) {
        this.s = s;
        this.rnd = new Random(seed);
        s.process(880, "svchost.exe", 0xffffa50c00088000L);
        for (int i = 0; i < 20; i++) {
            int pid = 5000 + 4 * i;
            clients.add(new Client(s.process(pid, "client" + i + ".exe", 0xffffa50c00000000L + 0x10000L * (i + 1))));
        }
    }

    public List<Expected> expected() {
        return expected;
    }

    /**
     * Writes {@code sockets} client stories, one starting every {@code spacingMs}, plus the long-lived servers, the
     * leaking loop and a process that exits with sockets open.
     */
    public void tell(int sockets, double spacingMs) {
        double end = 10 + sockets * spacingMs + 1100; // the last linger timeouts end about here
        keepAliveServer(5, end);
        existingConnections(end);
        completionPortServer(6, end, Math.max(20, sockets / 200));
        leakingLoop(end * 0.3, end - 10, 40);
        exitsWithSocketsOpen(end * 0.5);
        for (int i = 0; i < sockets; i++) {
            double t = 10 + i * spacingMs;
            story(clients.get(i % clients.size()), t);
            if (i % 256 == 0) {
                s.flushBefore(t - 1);
            }
        }
    }

    public void writeTo(Path file) throws IOException {
        s.writeTo(file);
    }

    private WinsockSocket open(Client c, double t, int tid, long[] vals) {
        vals[0] = endpoints.take(t);
        vals[1] = files.take(t);
        vals[2] = tcbs.take(t);
        vals[3] = c.handles.take(t);
        String local = rnd.nextBoolean() ? "0.0.0.0:0" : "10.0.0.5:" + (20000 + next++ % 40000);
        return c.p.socket(t, tid, vals[0], vals[1], vals[3]).bind(t + 0.1, tid, local)
                .connect(t + 0.2, tid, "10.2." + rnd.nextInt(4) + "." + (1 + rnd.nextInt(3)) + ":443", vals[2]);
    }

    private WinsockSocket openBg(Client c, double t, int tid, long[] vals) {
        vals[0] = bgEndpoints.take(t);
        vals[1] = bgFiles.take(t);
        vals[2] = bgTcbs.take(t);
        vals[3] = c.handles.take(t);
        return c.p.socket(t, tid, vals[0], vals[1], vals[3]).bind(t + 0.1, tid, "0.0.0.0:0")
                .connect(t + 0.2, tid, "10.7.0." + (1 + rnd.nextInt(3)) + ":443", vals[2]);
    }

    private void freeAll(Client c, double freedAt, double closedAt, long[] vals) {
        endpoints.giveBack(freedAt, vals[0]);
        files.giveBack(freedAt, vals[1]);
        tcbs.giveBack(freedAt, vals[2]);
        // The SOCKET value is free once CloseHandle ran, near the end of the closesocket call (WinsockSocket.close:
        // 0.1 ms by default), not when the call began: handing it out earlier is what Windows never does.
        c.handles.giveBack(closedAt + CLOSE_CALL_MS, vals[3]);
    }

    /** How long a closesocket call takes in the writer (WinsockSocket.close's default). */
    private static final double CLOSE_CALL_MS = 0.1;

    private void expect(String kind, long[] vals, double t, long lost) {
        expected.add(new Expected(kind, s.p(vals[0]), t + 0.010, lost));
    }

    /** One client socket's story, drawn by weight: mostly noise, each finding kind among it. */
    private void story(Client c, double t) {
        int tid = c.thread();
        long[] v = new long[4];
        int r = rnd.nextInt(1000);
        if (r < 20) {
            handleReuse(c, t, tid);
            return;
        }
        WinsockSocket k = open(c, t, tid, v);
        int sends = 1 + rnd.nextInt(4);
        if (r < 560) { // graceful: the safe pattern
            long acked = sendAll(k, t + 1, tid, sends, true);
            k.dataArrived(t + 3, 300).recv(t + 3.1, tid, 300).shutdownSend(t + 3.5).peerClosed(t + 4).recv(t + 4.1, tid, 0)
                    .close(t + 4.5, tid, 0).freed(t + 5);
            freeAll(c, t + 5, t + 4.5, v);
        } else if (r < 660) { // SO_LINGER {1,0} after everything was acknowledged: no loss, no finding
            k.linger(t + 0.9, tid, 1, 0);
            sendAll(k, t + 1, tid, sends, true);
            k.close(t + 4, tid, 2).freed(t + 4.5);
            freeAll(c, t + 4.5, t + 4, v);
        } else if (r < 720) { // peer reset: nothing of ours was discarded by the close
            sendAll(k, t + 1, tid, sends, true);
            k.recvPosted(t + 2.5, tid, 4096).peerReset(t + 3).recvDone(t + 3.05, tid, 0, 0xC000020DL)
                    .close(t + 3.5, tid, 0).freed(t + 4);
            freeAll(c, t + 4, t + 3.5, v);
        } else if (r < 760) { // duplicated to svchost-like helper and closed by both: refcount 2 -> 1 -> 0
            sendAll(k, t + 1, tid, 1, true);
            WinsockProcess helper = clients.get((clients.indexOf(c) + 1) % clients.size()).p;
            long copy = 0x8000 + 4L * (next++ % 4096);
            k.duplicateTo(t + 2, tid, helper, copy).closeCopy(t + 2.5, c.p, tid, v[3]);
            k.shutdownSend(t + 3).peerClosed(t + 3.2);
            k.closeCopy(t + 3.5, helper, 100, copy);
            k.afdClose(t + 3.55, 100).freed(t + 4);
            freeAll(c, t + 4, t + 2.5, v);
        } else if (r < 820) { // lost-send-data: linger {1,0} with bytes unacknowledged
            k.linger(t + 0.9, tid, 1, 0);
            sendAll(k, t + 1, tid, sends, false);
            k.close(t + 4, tid, 2).freed(t + 4.5);
            freeAll(c, t + 4.5, t + 4, v);
            expect("lost-send-data", v, t, k.handedOver() - k.acknowledged());
        } else if (r < 860) { // unread-data-reset
            sendAll(k, t + 1, tid, 1, true);
            int arrived = 2000 + rnd.nextInt(20000);
            int read = rnd.nextInt(arrived / 2);
            k.dataArrived(t + 2.5, arrived).recv(t + 2.6, tid, read).close(t + 3, tid, 7).freed(t + 3.5);
            freeAll(c, t + 3.5, t + 3, v);
            expect("unread-data-reset", v, t, -1);
        } else if (r < 900) { // aborted-pending-op: a recv waiting on another thread when the socket is closed
            sendAll(k, t + 1, tid, 1, true);
            int waiter = tid + 2;
            k.recvPosted(t + 2, waiter, 4096).shutdownSend(t + 2.5).close(t + 3, tid, 0).recvDone(t + 3.2, waiter, 0, 0xC0000120L)
                    .freed(t + 3.5);
            freeAll(c, t + 3.5, t + 3, v);
            expect("aborted-pending-op", v, t, -1);
        } else if (r < 930) { // use-after-close: setsockopt on the dead value
            sendAll(k, t + 1, tid, 1, true);
            k.shutdownSend(t + 2).peerClosed(t + 2.2).recv(t + 2.3, tid, 0).close(t + 2.5, tid, 0).freed(t + 2.8)
                    .setOptFails(t + 2.6, tid, 10038);
            freeAll(c, t + 2.8, t + 50, v); // the value is not handed out again before the stray call
            expect("use-after-close", v, t, -1);
        } else if (r < 960) { // double-close
            sendAll(k, t + 1, tid, 1, true);
            k.shutdownSend(t + 2).peerClosed(t + 2.2).recv(t + 2.3, tid, 0).close(t + 2.5, tid, 0).closeFails(t + 2.7, tid, 10038)
                    .freed(t + 3);
            freeAll(c, t + 3, t + 50, v);
            expect("double-close", v, t, -1);
        } else { // linger-timeout: SO_LINGER {1,1}, nothing acknowledged, closesocket blocks a second and resets
            k.linger(t + 0.9, tid, 1, 1);
            k.send(t + 1, tid, 32768);
            // The blocked thread can do nothing else for that second: the close runs on a thread of its own.
            int blocked = 400 + 4 * (lingering++ % 900);
            k.close(t + 2, blocked, 2, 1000).freed(t + 1010);
            freeAll(c, t + 1010, t + 1002, v);
            expect("linger-timeout", v, t, -1);
            expect("lost-send-data", v, t, 32768);
        }
    }

    /** Sends with acknowledgements: all of them, or (lossy) all but a part of the last send. */
    private long sendAll(WinsockSocket k, double t, int tid, int sends, boolean all) {
        long acked = 0;
        for (int j = 0; j < sends; j++) {
            int bytes = 200 + rnd.nextInt(30000);
            k.send(t + 0.4 * j, tid, bytes);
            int ack = all || j < sends - 1 ? bytes : rnd.nextInt(bytes);
            if (ack > 0) {
                k.acked(t + 0.4 * j + 0.2, ack);
            }
            acked += ack;
        }
        return acked;
    }

    /** Thread T closes A; thread U creates B, which gets A's value at once; T then sends on the value: on B. */
    private void handleReuse(Client c, double t, int tid) {
        long[] a = new long[4];
        WinsockSocket ka = open(c, t, tid, a);
        sendAll(ka, t + 1, tid, 1, true);
        ka.shutdownSend(t + 1.5).peerClosed(t + 1.7).recv(t + 1.8, tid, 0).close(t + 2, tid, 0).freed(t + 2.2);
        int other = c.thread();
        long[] b = {endpoints.take(t), files.take(t), tcbs.take(t), a[3]};
        WinsockSocket kb = c.p.socket(t + 2.5, other, b[0], b[1], b[3]).bind(t + 2.6, other, "0.0.0.0:0")
                .connect(t + 2.7, other, "10.3.0.1:443", b[2]);
        kb.send(t + 3.5, tid, 120).acked(t + 3.7, 120);
        kb.send(t + 4, other, 500).acked(t + 4.2, 500).shutdownSend(t + 4.5).peerClosed(t + 4.7).recv(t + 4.8, other, 0)
                .close(t + 5, other, 0).freed(t + 5.3);
        endpoints.giveBack(t + 2.2, a[0]);
        files.giveBack(t + 2.2, a[1]);
        tcbs.giveBack(t + 2.2, a[2]);
        freeAll(c, t + 5.3, t + 5, b);
        expected.add(new Expected("handle-reuse", s.p(b[0]), t + 2.5 + 0.010, -1));
    }

    /** A steady server holding 40 keep-alive connections accepted early, each busy until the end: not a leak. */
    private void keepAliveServer(double t, double end) {
        WinsockProcess srv = s.process(6000, "keepalive.exe", 0xffffa50c00600000L);
        WinsockSocket l = srv.socket(t, 100, bgEndpoints.take(t), bgFiles.take(t), 0x40).bind(t + 0.1, 100, "10.0.0.5:80").listen(t + 0.2, 100, 128);
        for (int i = 0; i < 40; i++) {
            double at = t + 1 + i * 0.5;
            int w = 104 + 4 * (i % 4);
            WinsockSocket a = l.accept(at, 100, bgEndpoints.take(at), bgFiles.take(at), 0x100 + 4 * i, "10.4.0." + (1 + i) + ":5" + (1000 + i), bgTcbs.take(at));
            for (double q = at + 1 + rnd.nextDouble() * 50; q < end - 2; q += 100 + rnd.nextDouble() * 100) {
                a.dataArrived(q, 400).recv(q + 0.1, w, 400).send(q + 0.3, w, 1500).acked(q + 0.5, 1500);
            }
        }
    }

    /** 20 connections that existed before the trace (TCP rundown only), used now and then: no finding. */
    private void existingConnections(double end) {
        WinsockProcess db = s.process(6100, "dbclient.exe", 0xffffa50c00610000L);
        for (int i = 0; i < 20; i++) {
            WinsockSocket k = db.existingSocket(bgEndpoints.take(0), bgFiles.take(0), 0x200 + 4 * i)
                    .rundown("10.0.0.5:" + (30000 + i), "10.5.0.1:5432", bgTcbs.take(0));
            for (double q = 20 + rnd.nextDouble() * 100; q < end - 2; q += 150 + rnd.nextDouble() * 150) {
                k.send(q, 100 + 4 * (i % 8), 200).acked(q + 0.3, 200).dataArrived(q + 0.5, 800).recv(q + 0.6, 100 + 4 * (i % 8), 800);
            }
        }
    }

    /** An I/O completion port server whose pool threads serve connections that get just-freed SOCKET values. */
    private void completionPortServer(double t, double end, int connections) {
        WinsockProcess srv = s.process(6200, "iocp.exe", 0xffffa50c00620000L);
        Pool values = new Pool(0x300, 4);
        WinsockSocket l = srv.socket(t, 100, bgEndpoints.take(t), bgFiles.take(t), 0x2c0).bind(t + 0.1, 100, "10.0.0.5:8443").listen(t + 0.2, 100, 512);
        double span = (end - 30 - t) / connections;
        for (int i = 0; i < connections; i++) {
            double at = t + 5 + i * span;
            int w = 104 + 4 * rnd.nextInt(6);
            long ep = bgEndpoints.take(at);
            long fo = bgFiles.take(at);
            long tcb = bgTcbs.take(at);
            long h = values.take(at);
            WinsockSocket a = l.accept(at, 100, ep, fo, h, "10.6.0." + (1 + i % 200) + ":" + (40000 + i % 20000), tcb);
            a.recvPosted(at + 1, 100, 4096).dataArrived(at + 1.4, 200).recvDone(at + 1.5, w, 200, 0).send(at + 2, w, 500)
                    .acked(at + 2.5, 500).shutdownSend(at + 3).peerClosed(at + 3.5).recv(at + 4, w, 0).close(at + 5, w, 0).freed(at + 6);
            values.giveBack(at + 5 + CLOSE_CALL_MS, h); // after CloseHandle, near the end of closesocket
            bgEndpoints.giveBack(at + 6, ep);
            bgFiles.giveBack(at + 6, fo);
            bgTcbs.giveBack(at + 6, tcb);
        }
    }

    /** A loop that opens a socket every few tens of ms, uses it once and never closes it: 40 leaks. */
    private void leakingLoop(double from, double to, int n) {
        WinsockProcess app = s.startProcess(from - 1, 6300, "leaky.exe", 0xffffa50c00630000L);
        Client c = new Client(app);
        double step = (to - from) / n;
        for (int i = 0; i < n; i++) {
            double t = from + i * step;
            long[] v = new long[4];
            WinsockSocket k = openBg(c, t, 100, v);
            k.send(t + 1, 100, 100).acked(t + 1.2, 100).dataArrived(t + 1.5, 300).recv(t + 1.6, 100, 300);
            expect("leak", v, t, -1);
        }
    }

    /** A process that exits with three sockets open. */
    private void exitsWithSocketsOpen(double t) {
        WinsockProcess app = s.startProcess(t - 1, 6400, "exits.exe", 0xffffa50c00640000L);
        Client c = new Client(app);
        for (int i = 0; i < 3; i++) {
            long[] v = new long[4];
            WinsockSocket k = openBg(c, t + i, 100 + 4 * i, v);
            k.send(t + i + 1, 100 + 4 * i, 100).acked(t + i + 1.2, 100);
            expect("leak", v, t + i, -1);
        }
        app.exit(t + 10);
    }
}
