package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.Pipeline;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/** Every scenario, written as a real .etl (x64 and x86), read back and analysed end to end. */
class WinsockScenariosTest {
    @TempDir
    Path dir;

    record Result(Report report, List<SocketSummary> sockets) {
        List<String> kinds() {
            return report.findings().stream().map(Finding::kind).toList();
        }

        Finding only(String kind) {
            List<Finding> fs = report.findings().stream().filter(f -> f.kind().equals(kind)).toList();
            assertThat(fs).as(kind).hasSize(1);
            return fs.get(0);
        }

        SocketSummary socket(long endpoint) {
            return sockets.stream().filter(s -> s.endpoint() == endpoint).findFirst().orElseThrow();
        }
    }

    Result run(String name, int pointerSize) throws IOException {
        return run(name, pointerSize, Scenarios.all().get(name));
    }

    Result run(String name, int pointerSize, Consumer<WinsockScenario> story) throws IOException {
        WinsockScenario s = new WinsockScenario(pointerSize, 4);
        story.accept(s);
        Path f = dir.resolve(name + "-" + pointerSize + ".etl");
        s.writeTo(f);
        List<SocketSummary> sockets = new ArrayList<>();
        Analyzer a = new Analyzer(name, AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary sock, List<Finding> findings) {
                sockets.add(sock);
            }
        });
        try (EtlFile e = EtlFile.open(f)) {
            assertThat(e.buffers()).as("events spread over several buffers").isGreaterThan(2);
            Pipeline.feed(List.of(e), a, null);
        }
        return new Result(a.finish(), sockets);
    }

    static Stream<Arguments> scenarios() {
        return Scenarios.all().keySet().stream().flatMap(n -> Stream.of(Arguments.of(n, 8), Arguments.of(n, 4)));
    }

    @ParameterizedTest(name = "{0} pointer size {1}")
    @MethodSource("scenarios")
    void eachScenarioFindsExactlyItsKind(String name, int pointerSize) throws IOException {
        Result r = run(name, pointerSize);
        assertThat(r.report().stats().decodeProblems()).isZero();
        assertThat(r.report().notes()).as("every source is present").isEmpty();
        Runs.assertOnlyItsKind(name, r.kinds(), r.report().findings());
    }

    @Test
    void lostSendDataCountsTheUnacknowledgedBytes() throws IOException {
        Finding f = run("lost-send-data", 8).only("lost-send-data");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.details()).containsEntry("bytesLost", 49152L).containsEntry("bytesSent", 65536L);
        assertThat(f.message()).contains("SO_LINGER {1,0}").contains("49,152").contains("shutdown(SD_SEND)");
        assertThat(f.socket().process()).isEqualTo("app.exe");
        assertThat(f.socket().local()).isEqualTo("10.0.0.5:50001");
        assertThat(f.socket().remote()).isEqualTo("10.0.0.2:443");
    }

    @Test
    void lostSendDataOverIpv6JoinsItsConnectionByTheIpv6Address() throws IOException {
        Result r = run("lost-send-data-ipv6", 8, s -> Scenarios.lostSendDataIpv6(s, 1234));
        Finding f = r.only("lost-send-data");
        assertThat(f.details()).containsEntry("bytesLost", 49152L).containsEntry("bytesSent", 65536L)
                .containsEntry("exact", true);
        assertThat(f.socket().local()).isEqualTo("[2001:db8::5]:50001");
        assertThat(f.socket().remote()).isEqualTo("[2001:db8::2]:443");
        assertThat(r.kinds()).containsExactly("lost-send-data");
        SocketSummary v4 = r.sockets().stream().filter(x -> "10.0.0.2:443".equals(x.remote())).findFirst().orElseThrow();
        assertThat(v4.local()).isEqualTo("10.0.0.5:50002");
    }

    @Test
    void unreadDataResetCountsTheUnreadBytes() throws IOException {
        Finding f = run("unread-data-reset", 8).only("unread-data-reset");
        assertThat(f.details()).containsEntry("bytesUnread", 4096L).containsEntry("abortReason", 7L);
    }

    @Test
    void abortedPendingOpNamesTheWaitingThread() throws IOException {
        Finding f = run("aborted-pending-op", 8).only("aborted-pending-op");
        assertThat(f.details()).containsEntry("thread", 104).containsEntry("op", "recv");
        assertThat(f.message()).contains("STATUS_CANCELLED");
    }

    @Test
    void useAfterCloseSeesTheApiCallAndTheAfdRequest() throws IOException {
        Result r = run("use-after-close", 8);
        List<Finding> fs = r.report().findings();
        assertThat(fs).extracting(Finding::kind).containsExactly("use-after-close", "use-after-close");
        assertThat(fs.get(0).message()).contains("WSAENOTSOCK");
        assertThat(fs.get(1).message()).contains("send requested after the socket was closed");
    }

    @Test
    void lingerTimeoutMeasuresTheBlockedClose() throws IOException {
        Result r = run("linger-timeout", 8);
        Finding f = r.only("linger-timeout");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat((Double) f.details().get("blockedSeconds")).isBetween(4.9, 5.1);
        // No acknowledgement events: the loss is an upper bound, reported as a warning.
        Finding lost = r.only("lost-send-data");
        assertThat(lost.details()).containsEntry("bytesLost", 32768L).containsEntry("exact", false);
        assertThat(lost.severity()).isEqualTo(Severity.WARNING);
        assertThat(lost.message()).contains("up to 32,768");
    }

    @Test
    void leakIsTheSocketItsProcessNeverClosed() throws IOException {
        Finding f = run("leak", 8).only("leak");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.socket().process()).isEqualTo("leaky.exe");
        assertThat(f.details()).containsEntry("reason", "process-exit");
    }

    @Test
    void doubleCloseNamesTheValue() throws IOException {
        Finding f = run("double-close", 8).only("double-close");
        assertThat(f.handle()).isEqualTo(0x208);
        assertThat(f.message()).contains("0x208");
    }

    @Test
    void handleReuseNamesBothSockets() throws IOException {
        Result r = run("handle-reuse", 8);
        Finding f = r.only("handle-reuse");
        assertThat(f.details()).containsEntry("thread", 100).containsEntry("previousEndpoint", "0x" + Long.toHexString(0xffffa50c3e5f1000L));
        assertThat(f.socket().endpoint()).isEqualTo(0xffffa50c3e5f1200L);
    }

    @Test
    void sharedSocketCountsReferencesAcrossProcesses() throws IOException {
        Result r = run("shared-socket", 8);
        SocketSummary s = r.socket(0xffffa50c3e5f0000L + 0x200L * 11);
        assertThat(s.refcountFromHandles()).isTrue();
        assertThat(s.refcountTimeline().stream().map(p -> p[1]).toList()).containsExactly(1L, 2L, 1L, 0L);
        assertThat(s.handles()).extracting(h -> h.pid()).containsExactly(1234, 1300);
        // The parent's close left a reference: AFD closed the endpoint only when the child closed its copy.
        long parentClose = s.refcountTimeline().get(2)[0];
        assertThat(s.closed()).isGreaterThan(parentClose);
        assertThat(r.report().findings()).isEmpty();
    }

    @Test
    void acceptedSocketsGetTheirOwnTimelines() throws IOException {
        Result r = run("server", 8);
        SocketSummary listener = r.socket(0xffffa50c3e5f0000L + 0x200L * 20);
        assertThat(listener.states()).extracting(i -> i.state().label()).contains("bound", "listening", "freed");
        SocketSummary a = r.socket(0xffffa50c3e5f0000L + 0x200L * 21);
        assertThat(a.local()).isEqualTo("10.0.0.5:8080");
        assertThat(a.remote()).isEqualTo("10.0.0.7:40000");
        assertThat(a.handles()).extracting(h -> h.handle()).containsExactly(0x250L);
        assertThat(a.bytesSent()).isEqualTo(1200);
        assertThat(a.bytesAcked()).isEqualTo(1200);
        assertThat(a.bytesReceived()).isEqualTo(300);
        assertThat(a.states()).extracting(i -> i.state().label()).containsSubsequence("connected", "send shut down", "closed", "freed");
        assertThat(r.report().findings()).isEmpty();
    }

    @Test
    void aShortPayloadIsACountedDecodeProblem() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 2);
        Scenarios.all().get("graceful-close").accept(s);
        // An AfdSendConnected (1003) payload cut to 20 bytes: EnterExit, Location, Process, half an Endpoint.
        s.afdRaw(30, 1234, 100, 1003, new byte[20]);
        Path f = dir.resolve("short.etl");
        s.writeTo(f);
        Analyzer a = new Analyzer("short", AnalysisOptions.all(), new ReportListener() { });
        try (EtlFile e = EtlFile.open(f)) {
            Pipeline.feed(List.of(e), a, null);
        }
        Report rep = a.finish();
        assertThat(rep.stats().decodeProblems()).isEqualTo(1);
        assertThat(rep.warnings()).anyMatch(w -> w.contains("1 payloads were shorter than their layout")
                && w.contains("AfdSendConnected") && w.contains("Endpoint"));
        assertThat(rep.findings()).isEmpty();
    }

    @Test
    void aCaptureWithOnlyAfdAndTcpipStillFindsWhatItCanAndSaysWhatIsMissing() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4).only(
                java.util.Set.of(wsclose.trace.etw.Providers.WINSOCK_AFD, wsclose.trace.etw.Providers.TCPIP), java.util.Set.of());
        Scenarios.tour(s);
        Path f = dir.resolve("afd-only.etl");
        s.writeTo(f);
        List<SocketSummary> sockets = new ArrayList<>();
        Analyzer a = new Analyzer("afd-only", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary sock, List<Finding> findings) {
                sockets.add(sock);
            }
        });
        try (EtlFile e = EtlFile.open(f)) {
            Pipeline.feed(List.of(e), a, null);
        }
        Report r = a.finish();
        // AFD's abort reasons and TCP's acknowledgements are enough for these; the SO_LINGER setting is not seen.
        assertThat(r.findings()).extracting(Finding::kind)
                .contains("lost-send-data", "unread-data-reset", "aborted-pending-op", "use-after-close")
                .doesNotContain("double-close", "handle-reuse", "linger-timeout", "leak");
        // Without handle events the reference counts are inferred: 1 from creation, 0 at the close.
        assertThat(sockets).allMatch(x -> !x.refcountFromHandles());
        // Every check that could not run says so once, naming what to capture.
        assertThat(r.notes()).hasSize(4);
        assertThat(String.join("\n", r.notes())).contains("linger-timeout: not checked")
                .contains("double-close: not checked").contains("handle-reuse: not checked").contains("leak: not checked")
                .contains("Microsoft-Windows-Winsock-Sockets");
        assertThat(r.stats().sourcesMissing()).contains("Microsoft-Windows-Winsock-Sockets");
    }

    @Test
    void shortLivedSocketsAreAllRetired() throws IOException {
        Result r = run("short-lived", 8);
        assertThat(r.report().stats().sockets()).isEqualTo(201);
        assertThat(r.report().stats().peakAlive()).isLessThan(10);
        assertThat(r.sockets()).allMatch(s -> s.freed() >= 0);
    }

    @Test
    void theTourHasEveryKindEachInItsOwnProcess() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4);
        Scenarios.tour(s);
        Path f = dir.resolve("tour.etl");
        s.writeTo(f);
        Analyzer a = new Analyzer("tour", AnalysisOptions.all(), new ReportListener() { });
        try (EtlFile e = EtlFile.open(f)) {
            Pipeline.feed(List.of(e), a, null);
        }
        Report r = a.finish();
        assertThat(r.findings()).extracting(Finding::kind).containsAll(Kinds.ALL);
        Map<String, String> processOf = Map.of("linger-timeout", "uploader.exe", "unread-data-reset", "client.exe",
                "aborted-pending-op", "server.exe", "leak", "leaky.exe", "double-close", "twice.exe", "handle-reuse", "pool.exe");
        processOf.forEach((kind, image) -> assertThat(r.findings()).filteredOn(x -> x.kind().equals(kind))
                .allMatch(x -> image.equals(x.socket().process()), kind + " in " + image));
        assertThat(r.stats().sockets()).as("noise + 11 stories; handle-reuse has two sockets, server three").isEqualTo(15);
    }

    static Map<String, Consumer<WinsockScenario>> all() {
        return Scenarios.all();
    }
}
