package wsclose.trace.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark input: a large Winsock-heavy trace of many short-lived sockets, streamed to disk (memory does
 * not grow with the file). {@code java -cp trace/target/classes:trace/target/test-classes
 * wsclose.trace.testing.BigWinsockTrace OUT.etl SOCKETS [SENDS]}.
 *
 * <p>Socket i starts 10 µs after socket i-1 and lives about 10 ms, so about 1,000 are open at once.
 * 50 processes of 16 threads share the work; endpoint addresses (4,096 of them) and handle values are reused
 * after the socket is freed, as on a busy server. Every 1,000th socket closes with SO_LINGER {1,0} and
 * unacknowledged data, so the lost-send-data check has work too. Prints the counts as key=value lines.
 */
public final class BigWinsockTrace {
    private BigWinsockTrace() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long sockets = Long.parseLong(args[1]);
        int sends = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Files.createDirectories(out.toAbsolutePath().getParent());
        WinsockScenario s = new WinsockScenario(8, 8);
        s.streamTo(out, 1 << 20);
        WinsockProcess[] procs = new WinsockProcess[50];
        for (int p = 0; p < procs.length; p++) {
            procs[p] = s.process(4000 + 4 * p, "worker" + p + ".exe", 0xffffa50c00000000L + 0x10000L * (p + 1));
        }
        long lossy = 0;
        for (long i = 0; i < sockets; i++) {
            double t = 1 + i * 0.01;
            int p = (int) (i % procs.length);
            int tid = 100 + 4 * (int) ((i / procs.length) % 16);
            int slot = (int) (i % 4096);
            long endpoint = 0xffffa50c40000000L + 0x200L * slot;
            long fileObject = 0xffffa50c60000000L + 0x150L * slot;
            long handle = 0x100 + 4 * ((i / procs.length) % 1024);
            WinsockSocket k = procs[p].socket(t, tid, endpoint, fileObject, handle)
                    .connect(t + 0.1, tid, "10.1." + (i % 250) + "." + (1 + i % 200) + ":443", 0xffffa50c80000000L + 0x400L * slot);
            boolean lose = i % 1000 == 999;
            if (lose) {
                k.linger(t + 0.2, tid, 1, 0);
                lossy++;
            }
            for (int j = 0; j < sends; j++) {
                k.send(t + 0.5 + j, tid, 1460);
                k.acked(t + 0.8 + j, lose && j == sends - 1 ? 0 : 1460);
            }
            k.dataArrived(t + 0.5 + sends, 512).recv(t + 0.6 + sends, tid, 512);
            if (!lose) {
                k.shutdownSend(t + 0.7 + sends).peerClosed(t + 0.8 + sends).recv(t + 0.9 + sends, tid, 0);
            }
            k.close(t + 1 + sends, tid, lose ? 2 : 0).freed(t + 1.2 + sends);
            if (i % 64 == 0) {
                s.flushBefore(t);
            }
        }
        s.finish();
        System.out.println(String.format(Locale.ROOT, "bytes=%d%nsockets=%d%nlossy=%d", Files.size(out), sockets, lossy));
    }
}
