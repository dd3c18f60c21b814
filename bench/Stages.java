import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.model.SocketEvent;

/**
 * Warm cost of one stage of `analyze` (run by bench/stages.sh, a JVM per stage): {@code walk}, the time-ordered walk
 * alone; {@code decode}, the walk with the Winsock decoders (into reused slots, as the decoding thread does);
 * {@code one}, the whole analysis on one thread (-Dwsclose.decodeAhead=false: decode, model, checks and the table one
 * after the other); {@code two}, on two (the default: decoding ahead on a thread of its own). The stage runs PASSES
 * times and the fastest pass is printed (seconds), so the JIT's warm-up is left out. One stage per JVM: run after
 * another in one JVM, a stage inherits the profile of the walk's loop from the one before (another consumer at the
 * same call), and its compiled code with it. Run it compiled ({@code javac -d DIR}, as stages.sh does), not as a source
 * file: the source launcher's in-process javac run leaves the JDK's shared code (file channels, collections) with its
 * own profile, and the walk measured 1.03-1.21 s that way against 0.73 s compiled (decode 1.98-2.12 s against 1.71 s).
 */
public final class Stages {
    static long sink;

    public static void main(String[] args) throws Exception {
        String stage = args[0];
        Path file = Path.of(args[1]);
        int passes = Integer.parseInt(args[2]);
        Pass p;
        switch (stage) {
            case "walk": p = () -> walk(file); break;
            case "decode": p = () -> decode(file); break;
            case "one": p = () -> analyze(file, false); break;
            case "two": p = () -> analyze(file, true); break;
            default: throw new IllegalArgumentException("stage walk, decode, one or two, not " + stage);
        }
        System.out.printf("%.3f%n", best(passes, p));
        System.err.println("sink " + (sink & 1)); // keeps the walks' sums alive
    }

    interface Pass {
        void run() throws Exception;
    }

    static double best(int passes, Pass p) throws Exception {
        double best = Double.MAX_VALUE;
        int fastest = 0;
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            p.run();
            double s = (System.nanoTime() - t0) / 1e9;
            if (s < best) {
                best = s;
                fastest = i + 1;
            }
        }
        System.err.println("fastest pass " + fastest); // stages.sh picks that pass's hand-over line
        return best;
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
