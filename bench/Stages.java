import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.model.SocketEvent;

/**
 * Warm cost of each stage of `analyze`, in one JVM (run by bench/stages.sh): the time-ordered walk alone, the walk
 * with the Winsock decoders (into reused slots, as the decoding thread does), the whole analysis on one thread
 * (-Dwsclose.decodeAhead=false: decode, model, checks and the table one after the other) and on two (the default:
 * decoding ahead on a thread of its own). Each stage runs PASSES times; the fastest pass counts, so the JIT's
 * warm-up is left out. The model's, checks' and report's share is the one-thread analysis minus the decoding stage.
 */
public final class Stages {
    static long sink;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int passes = Integer.parseInt(args[1]);
        long bytes = Files.size(file);
        double walk = best(passes, () -> walk(file));
        double decode = best(passes, () -> decode(file));
        double one = best(passes, () -> analyze(file, false));
        double two = best(passes, () -> analyze(file, true));
        System.out.printf("%-34s %8s %8s%n", "stage (warm, fastest of " + passes + ")", "seconds", "MB/s");
        row("time-ordered walk", walk, bytes);
        row("walk + decode (decoding thread)", decode, bytes);
        row("analyze, one thread", one, bytes);
        row("  of which model, checks, report", one - decode, bytes);
        row("analyze, two threads (default)", two, bytes);
        System.out.println("two threads take at least the larger of the decoding stage and the model's share: "
                + (decode >= one - decode ? "decoding" : "the model") + " sets the pace once warm");
        System.out.println("sink " + (sink & 1)); // keeps the walks' sums alive
    }

    interface Pass {
        void run() throws Exception;
    }

    static double best(int passes, Pass p) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            p.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    static void row(String what, double s, long bytes) {
        System.out.printf("%-34s %8.2f %8.0f%n", what, s, bytes / s / 1e6);
    }

    static void walk(Path file) throws Exception {
        long[] sum = new long[1];
        try (EtlFile f = EtlFile.open(file)) {
            EtlFile.forEachInTimeOrder(List.of(f), ev -> sum[0] += ev.timestamp());
        }
        sink += sum[0];
    }

    static void decode(Path file) throws Exception {
        long[] sum = new long[1];
        SocketEvent[] slots = new SocketEvent[1024];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = SocketEvent.blank();
        }
        int[] next = new int[1];
        SocketDecoder.Slots into = new SocketDecoder.Slots() {
            @Override
            public SocketEvent slot() {
                return slots[next[0] & 1023];
            }

            @Override
            public void filled(SocketEvent e) {
                e.keepTexts(); // as the decoding thread does before it hands a batch over
                next[0]++;
                sum[0] += e.endpoint();
            }
        };
        SocketDecoder d = new SocketDecoder();
        try (EtlFile f = EtlFile.open(file)) {
            EtlFile.forEachInTimeOrder(List.of(f), ev -> d.decodeInto(ev, into));
        }
        sink += sum[0];
    }

    static void analyze(Path file, boolean ahead) {
        System.setProperty("wsclose.decodeAhead", Boolean.toString(ahead));
        PrintWriter out = new PrintWriter(OutputStream.nullOutputStream());
        PrintWriter err = new PrintWriter(new StringWriter());
        int code = wsclose.cli.Main.run(out, err, new String[] {"analyze", "--fail-on", "never", "--quiet", file.toString()});
        out.flush();
        if (code != 0) {
            throw new IllegalStateException("analyze exited " + code);
        }
    }
}
