package wsclose.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.LogfileHeader;
import wsclose.trace.testing.Corpus;

/** Which input files are one capture session (merged in time order) and which are unrelated (analyzed apart). */
class SessionsTest {
    static final long T = 133_000_000_000_000_000L;
    static final long MIN = 600_000_000L;

    static LogfileHeader header(String logger, int processors, long boot, long start, long end, int clock, long freq) {
        return new LogfileHeader(65536, 0x0105000A, 10, 0, 19045, processors, end, 156250, 0, 0x10001, 10, 8, 0, 2995, -60,
                boot, freq, start, clock, 0, logger, "x.etl", 8, 0);
    }

    @Test
    void oneMachineIsOneSessionWhenLoggerTimeOrBootMeet() {
        LogfileHeader kernel = header("NT Kernel Logger", 8, T - 100 * MIN, T, T + 10 * MIN, 3, 2_995_000_000L);
        LogfileHeader user = header("wsclose", 8, T - 100 * MIN + 7, T + MIN, T + 11 * MIN, 1, 10_000_000L);
        assertThat(Pipeline.oneSession(kernel, user)).as("side by side: overlapping, clocks differ").isTrue();
        LogfileHeader next = header("wsclose", 8, T - 50 * MIN, T + 20 * MIN, T + 30 * MIN, 1, 10_000_000L);
        assertThat(Pipeline.oneSession(user, next)).as("one logger's consecutive files, boot times apart").isTrue();
        LogfileHeader later = header("other", 8, T - 50 * MIN, T + 60 * MIN, T + 70 * MIN, 1, 10_000_000L);
        assertThat(Pipeline.oneSession(user, later)).as("another logger, another time").isFalse();
        LogfileHeader sameBoot = header("other", 8, T - 100 * MIN + 7, T + 60 * MIN, T + 70 * MIN, 1, 10_000_000L);
        assertThat(Pipeline.oneSession(user, sameBoot)).as("an equal boot time").isTrue();
        LogfileHeader openEnded = header("other", 8, 0, T + 5 * MIN, 0, 1, 10_000_000L);
        assertThat(Pipeline.oneSession(user, openEnded)).as("no end time: overlaps what follows its start").isTrue();
    }

    @Test
    void anotherMachineIsNeverTheSameSession() {
        LogfileHeader a = header("wsclose", 8, T - 100 * MIN, T, T + 10 * MIN, 1, 10_000_000L);
        assertThat(Pipeline.oneSession(a, header("wsclose", 4, T - 100 * MIN, T, T + 10 * MIN, 1, 10_000_000L))).isFalse();
        assertThat(Pipeline.oneSession(a, header("wsclose", 8, T - 100 * MIN, T, T + 10 * MIN, 1, 3_579_545L)))
                .as("another QPC frequency with the same clock").isFalse();
    }

    @Test
    void realFileSetsGroupAsTheyWereCaptured() throws IOException {
        // three consecutive files of one logger whose BootTime moves by tens of seconds: one session
        List<EtlFile> cld = open("jtmoon79__super-speedy-syslog-searcher/CldFlt0-2025-12-21-121418.etl",
                "jtmoon79__super-speedy-syslog-searcher/CldFlt1-2025-12-21-121418.etl",
                "jtmoon79__super-speedy-syslog-searcher/CldFlt2-2025-12-21-121418.etl");
        List<EtlFile> pyetw = open("jtbraun__pyetw/out.etl", "jtbraun__pyetw/user.etl");
        try {
            assertThat(cld.get(0).header().bootTime()).isNotEqualTo(cld.get(1).header().bootTime());
            assertThat(Pipeline.sessions(cld)).hasSize(1);
            assertThat(Pipeline.sessions(pyetw)).hasSize(2); // two loggers days apart
            List<EtlFile> all = new ArrayList<>(cld);
            all.addAll(pyetw);
            assertThat(Pipeline.sessions(all)).extracting(List::size).containsExactly(3, 1, 1);
        } finally {
            for (EtlFile f : cld) {
                f.close();
            }
            for (EtlFile f : pyetw) {
                f.close();
            }
        }
    }

    private static List<EtlFile> open(String... names) throws IOException {
        List<EtlFile> out = new ArrayList<>();
        for (String n : names) {
            out.add(EtlFile.open(Corpus.file(n)));
        }
        return out;
    }
}
