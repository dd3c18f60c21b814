package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/**
 * The one-story scenarios again, written the way Windows 10/11 before 25H2 writes them (the writer's realism
 * layer: DPC-context header pids, acknowledgements only as TcpDataTransferCumAck, send-backlog notifications,
 * nested sends completed twice, completions on other threads, late TcpConnectTcbComplete without ProcessId).
 * The findings must be the same as on the plain traces.
 */
class RealisticScenariosTest {
    @TempDir
    Path dir;

    Runs.Result run(String name, int pointerSize, long seed) throws IOException {
        WinsockScenario s = new WinsockScenario(pointerSize, 4).realistic(seed, 0);
        Scenarios.all().get(name).accept(s);
        return Runs.analyze(s, dir.resolve(name + "-" + pointerSize + "-" + seed + ".etl"));
    }

    static Stream<Arguments> scenarios() {
        return Scenarios.all().keySet().stream().flatMap(n -> Stream.of(1L, 2L, 3L).flatMap(seed ->
                Stream.of(Arguments.of(n, 8, seed), Arguments.of(n, 4, seed))));
    }

    @ParameterizedTest(name = "{0} pointer size {1} seed {2}")
    @MethodSource("scenarios")
    void eachScenarioFindsExactlyItsKind(String name, int pointerSize, long seed) throws IOException {
        Runs.Result r = run(name, pointerSize, seed);
        assertThat(r.report().stats().decodeProblems()).isZero();
        Runs.assertOnlyItsKind(name, r.kinds(), r.report().findings());
    }

    @Test
    void lostBytesComeFromSequenceNumbersWhenOnlyCumulativeAcksAreLogged() throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            Runs.Result r = run("lost-send-data", 8, seed);
            assertThat(r.of("lost-send-data")).hasSize(1);
            Finding f = r.of("lost-send-data").get(0);
            assertThat(f.details()).as("seed " + seed).containsEntry("bytesLost", 49152L).containsEntry("bytesSent", 65536L)
                    .containsEntry("bytesAcked", 16384L).containsEntry("exact", true);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.socket().pid()).as("owner from the payload, not the DPC header pid").isEqualTo(1234);
            assertThat(f.socket().process()).isEqualTo("app.exe");
        }
    }

    @Test
    void aLostAcknowledgementMakesTheFigureAnUpperBound() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).realistic(5, 0);
        Scenarios.lastAckLost(s, 1234);
        Runs.Result r = Runs.analyze(s, dir.resolve("ack-lost.etl"));
        assertThat(r.report().stats().eventsLost()).isEqualTo(1);
        Finding f = r.of("lost-send-data").get(0);
        assertThat(f.details()).as("the trace shows 16 KiB acknowledged; the rest may have been")
                .containsEntry("bytesLost", 49152L).containsEntry("exact", false);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("up to 49,152").contains("lost events while the socket was open");
    }

    @Test
    void aLossAfterTheSocketLeavesItsFigureExact() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).realistic(5, 0);
        Scenarios.lostSendData(s, 1234);
        s.eventLost(60, 100); // on the closing thread's CPU, well after the close at 30 ms
        Runs.Result r = Runs.analyze(s, dir.resolve("loss-after.etl"));
        assertThat(r.report().stats().eventsLost()).isEqualTo(1);
        Finding f = r.of("lost-send-data").get(0);
        assertThat(f.details()).containsEntry("bytesLost", 49152L).containsEntry("exact", true);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void aLossThatNoBufferPlacesMakesEveryFigureAnUpperBound() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).realistic(5, 0);
        Scenarios.lostSendData(s, 1234);
        Path f = dir.resolve("unplaced.etl");
        s.writeTo(f);
        byte[] b = java.nio.file.Files.readAllBytes(f);
        // TRACE_LOGFILE_HEADER.EventsLost (payload offset 0x30, §A.7) after the buffer header and the SYSTEM header
        int at = 0x48 + 0x20 + 0x30;
        b[at] = 7;
        java.nio.file.Files.write(f, b);
        Runs.Result r = Runs.analyze(f, AnalysisOptions.all());
        assertThat(r.report().stats().eventsLost()).isEqualTo(7);
        Finding lost = r.of("lost-send-data").get(0);
        assertThat(lost.details()).containsEntry("exact", false);
        assertThat(lost.message()).contains("up to 49,152");
    }

    @Test
    void aSendBacklogNotificationIsNeverALoss() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).realistic(7, 0);
        Scenarios.abortiveCloseLosingNothing(s, 1234);
        Runs.Result r = Runs.analyze(s, dir.resolve("backlog.etl"));
        assertThat(r.kinds()).isEmpty();
        SocketSummary k = r.sockets().stream().filter(x -> "fast.exe".equals(x.process())).findFirst().orElseThrow();
        assertThat(k.bytesSent()).isEqualTo(262144);
        assertThat(k.bytesAcked()).as("SndUna progress, not the ideal backlog").isEqualTo(262144);
        assertThat(k.abortReason()).isEqualTo(2);
    }

    @Test
    void staleUseOfAReusedValueIsFoundFromAfdAndHandleEventsAlone() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            WinsockScenario s = new WinsockScenario(8, 4).realistic(seed, 0)
                    .only(Set.of(Providers.WINSOCK_AFD, Providers.TCPIP), Set.of(0x03, 0x11));
            Scenarios.handleReuseAfd(s, 1234);
            Runs.Result r = Runs.analyze(s, dir.resolve("reuse-afd-" + seed + ".etl"));
            assertThat(r.of("handle-reuse")).as("seed " + seed).hasSize(1);
            Finding f = r.of("handle-reuse").get(0);
            assertThat(f.details()).containsEntry("thread", 100);
            assertThat(f.handle()).isEqualTo(0x214);
            assertThat(r.kinds()).containsOnly("handle-reuse");
        }
    }

    @Test
    void aPoolThreadThatGetsACompletionIsNotAStaleUser() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).realistic(11, 0)
                .only(Set.of(Providers.WINSOCK_AFD, Providers.TCPIP), Set.of(0x03, 0x11));
        Scenarios.completionPortServer(s, 1234);
        Runs.Result r = Runs.analyze(s, dir.resolve("iocp.etl"));
        assertThat(r.kinds()).isEmpty();
    }
}
