package wsclose.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.testing.MixedScenario;
import wsclose.trace.testing.WinsockScenario;

/**
 * Decoding on a second thread ahead of the model changes nothing the model sees: the same report, sockets and
 * findings as the single thread, on a large mixed trace with lost events, on damaged copies of it (loss windows
 * that the walk itself finds, reaching the model mid-walk), and on two unrelated captures; a failure in the model
 * ends the reading thread instead of leaving it to run or hang.
 */
class DecodeAheadTest {
    @TempDir
    Path dir;

    record Run(Report report, List<SocketSummary> sockets) {
    }

    private static Run analyze(List<Path> files, boolean ahead) throws IOException {
        String old = System.getProperty("wsclose.decodeAhead");
        System.setProperty("wsclose.decodeAhead", Boolean.toString(ahead));
        List<SocketSummary> sockets = new ArrayList<>();
        Analyzer a = new Analyzer("x", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary s, List<Finding> findings) {
                sockets.add(s);
            }
        });
        List<EtlFile> open = new ArrayList<>();
        try {
            for (Path p : files) {
                open.add(EtlFile.open(p));
            }
            Pipeline.feed(open, a, null);
            return new Run(a.finish(), sockets);
        } finally {
            for (EtlFile f : open) {
                f.close();
            }
            if (old == null) {
                System.clearProperty("wsclose.decodeAhead");
            } else {
                System.setProperty("wsclose.decodeAhead", old);
            }
        }
    }

    /**
     * The same report and sockets. Records compare their arrays by identity, so the refcount timelines (long[] pairs)
     * are compared apart and blanked in the text of the rest.
     */
    private static void assertSameRun(Run one, Run two, String what) {
        assertThat(text(two.report().toString())).as(what).isEqualTo(text(one.report().toString()));
        assertThat(text(two.sockets().toString())).as(what).isEqualTo(text(one.sockets().toString()));
        assertThat(refcounts(two.sockets())).as(what).isEqualTo(refcounts(one.sockets()));
        assertThat(refcounts(two.report().sockets())).as(what).isEqualTo(refcounts(one.report().sockets()));
    }

    private static String text(String s) {
        return s.replaceAll("\\[J@[0-9a-f]+", "[J");
    }

    private static List<String> refcounts(List<SocketSummary> sockets) {
        return sockets.stream().map(s -> s.id() + ":" + java.util.Arrays.deepToString(s.refcountTimeline().toArray())).toList();
    }

    private Path mixed(String name, long seed, int sockets) throws IOException {
        MixedScenario m = new MixedScenario(new WinsockScenario(8, 4).realistic(seed, 0.001), seed);
        m.tell(sockets, 0.5);
        Path f = dir.resolve(name);
        m.writeTo(f);
        return f;
    }

    /** Run in a JVM of its own by the hand-over test (the switch is read once per JVM): analyzes args[0] ahead. */
    public static void main(String[] args) throws IOException {
        System.out.println("socketEvents " + analyze(List.of(Path.of(args[0])), true).report().stats().socketEvents());
    }

    /**
     * With {@code wsclose.handOverStats} (bench/stages.sh reads the line), one line on stderr per walk: the batches
     * handed over (every event in one of 1,024, the last one partly filled) and each thread's wait; without it, none.
     */
    @Test
    void handOverStatsSayHowLongEachThreadWaited() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "decodes ahead on two cores only");
        Path f = mixed("stats.etl", 7, 2000);
        Pattern line = Pattern.compile("wsclose: hand-over: (\\d+) batches;"
                + " the decoding thread waited (\\d+\\.\\d{3}) s, the model (\\d+\\.\\d{3}) s\\R?");
        for (boolean on : new boolean[] {true, false}) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dwsclose.handOverStats=" + on, "-cp", System.getProperty("java.class.path"),
                    DecodeAheadTest.class.getName(), f.toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err).isZero();
            long events = Long.parseLong(out.trim().replace("socketEvents ", ""));
            assertThat(events).isGreaterThan(10 * 1024);
            if (!on) {
                assertThat(err).isEmpty();
                continue;
            }
            Matcher m = line.matcher(err);
            assertThat(m.matches()).as(err).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo((events + 1023) / 1024);
            double waits = Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3));
            assertThat(waits).isLessThan(60); // within the run's own time limit
        }
    }

    @Test
    void aheadGivesTheSingleThreadsReport() throws IOException {
        Path f = mixed("mixed.etl", 42, 3000);
        Run one = analyze(List.of(f), false);
        Run two = analyze(List.of(f), true);
        assertThat(one.report().findings()).hasSizeGreaterThan(500);
        assertThat(one.report().stats().eventsLost()).isPositive();
        assertSameRun(one, two, "");
    }

    @Test
    void lossWindowsFoundByTheWalkReachTheModelWhereTheyWouldInOneThread() throws IOException {
        byte[] full = Files.readAllBytes(mixed("clean.etl", 7, 2000));
        List<Integer> starts = new ArrayList<>();
        for (long off = 0; off + 72 <= full.length; ) {
            long size = Integer.toUnsignedLong(wsclose.trace.etw.Bytes.i32(full, (int) off));
            if (size < 72) {
                break;
            }
            starts.add((int) off);
            off += size;
        }
        assertThat(starts.size()).isGreaterThan(20);
        Random r = new Random(3);
        int differentFromClean = 0;
        Run clean = analyze(List.of(dir.resolve("clean.etl")), false);
        for (int round = 0; round < 4; round++) {
            byte[] b = full.clone();
            for (int k = 0; k < 2 + 2 * round; k++) { // the first record's header of buffers past the first
                int at = starts.get(1 + r.nextInt(starts.size() - 1)) + 72 + r.nextInt(8);
                b[at] ^= (byte) (1 + r.nextInt(255));
            }
            Path p = dir.resolve("damaged-" + round + ".etl");
            Files.write(p, b);
            Run one = analyze(List.of(p), false);
            Run two = analyze(List.of(p), true);
            assertThat(one.report().warnings()).as("round %d: the reader reported the damage", round)
                    .hasSizeGreaterThan(clean.report().warnings().size());
            assertSameRun(one, two, "round " + round);
            differentFromClean += one.report().findings().equals(clean.report().findings()) ? 0 : 1;
        }
        assertThat(differentFromClean).as("rounds whose damage changed the findings (loss windows at work)").isPositive();
    }

    @Test
    void unrelatedCapturesGiveTheSameReportAhead() throws IOException {
        Path a = mixed("a.etl", 5, 800);
        MixedScenario m = new MixedScenario(new WinsockScenario(4, 2).realistic(6, 0.001), 6);
        m.tell(800, 0.5);
        Path b = dir.resolve("b.etl");
        m.writeTo(b);
        Run one = analyze(List.of(a, b), false);
        Run two = analyze(List.of(a, b), true);
        assertThat(one.report().warnings()).anyMatch(w -> w.contains("unrelated captures"));
        assertSameRun(one, two, "");
    }

    @Test
    void aFailureInTheModelEndsTheReader() throws IOException {
        Path f = mixed("fail.etl", 11, 3000);
        System.setProperty("wsclose.decodeAhead", "true");
        try (EtlFile e = EtlFile.open(f)) {
            Analyzer a = new Analyzer("x", AnalysisOptions.all(), new ReportListener() {
                @Override
                public void finding(Finding finding) {
                    throw new IllegalStateException("listener failed");
                }
            });
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> Pipeline.feed(List.of(e), a, null)).hasMessage("listener failed"));
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("wsclose-decode"));
        } finally {
            System.clearProperty("wsclose.decodeAhead");
        }
    }

    @Test
    void aFailureOfTheReaderReachesTheCaller() throws IOException {
        Path f = mixed("closed.etl", 12, 500);
        System.setProperty("wsclose.decodeAhead", "true");
        try {
            EtlFile e = EtlFile.open(f);
            e.close(); // every read of a buffer now fails, on the reading thread
            Analyzer a = new Analyzer("x", AnalysisOptions.all(), new ReportListener() {
            });
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> Pipeline.feed(List.of(e), a, null)).isInstanceOf(IOException.class));
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("wsclose-decode"));
        } finally {
            System.clearProperty("wsclose.decodeAhead");
        }
    }
}
