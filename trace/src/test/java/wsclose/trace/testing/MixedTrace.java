package wsclose.trace.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark and scoring input: the {@link MixedScenario} at any size, streamed to disk, with its expected findings
 * written beside it as TSV (kind, endpoint, created ms, bytes lost). {@code java -cp trace/target/classes:
 * trace/target/test-classes wsclose.trace.testing.MixedTrace OUT.etl SOCKETS [SPACING_MS] [SEED]}.
 */
public final class MixedTrace {
    private MixedTrace() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int sockets = Integer.parseInt(args[1]);
        double spacing = args.length > 2 ? Double.parseDouble(args[2]) : 0.05;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        WinsockScenario s = new WinsockScenario(8, 8).realistic(seed, 0.001);
        s.streamTo(out, 64 << 10); // xperf's default buffer size; a loss ends a buffer early (EtlWriter.eventLostAt)
        MixedScenario m = new MixedScenario(s, seed);
        m.tell(sockets, spacing);
        s.finish();
        Map<String, Integer> byKind = new TreeMap<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out + ".expected.tsv")))) {
            w.println("kind\tendpoint\tcreatedMs\tbytesLost");
            for (MixedScenario.Expected e : m.expected()) {
                w.printf("%s\t0x%x\t%.3f\t%d%n", e.kind(), e.endpoint(), e.createdMs(), e.bytesLost());
                byKind.merge(e.kind(), 1, Integer::sum);
            }
        }
        System.out.println("bytes=" + Files.size(out));
        System.out.println("sockets=" + sockets);
        System.out.println("eventsLost=" + s.eventsLost());
        byKind.forEach((k, v) -> System.out.println("expected." + k + "=" + v));
    }
}
