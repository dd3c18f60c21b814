package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * Linux SO_LINGER {1,0} closes judged on a sock_diag sample carried forward to the close: bytes sent since are
 * added, acknowledgements since (tcp:tcp_probe snd_una, logged before each segment's ACK is processed) are
 * taken off, and the figure is exact only when no segment's ACK after the sample is unknown.
 */
class LinuxAcksAtCloseTest {
    static final long INODE = 654321;
    static final long T = 133_486_238_450_000_000L;
    static final long UNA = 0xFFFF_FF00L; // wraps during the story

    private final List<SocketEvent> events = new ArrayList<>();

    LinuxAcksAtCloseTest() {
        add(SocketEvent.at(T, SocketEventKind.CREATE, Source.LINUX).thread(700, 700).endpoint(INODE));
        add(SocketEvent.at(T + 1, SocketEventKind.API_CREATE, Source.LINUX).thread(700, 700).endpoint(INODE).handle(5));
        add(SocketEvent.at(T + 2, SocketEventKind.TCP_STATE, Source.LINUX).endpoint(INODE).value(5)
                .local("127.0.0.1:40000").remote("127.0.0.1:8080"));
        add(SocketEvent.at(T + 3, SocketEventKind.API_SETOPT, Source.LINUX).thread(700, 700).handle(5).name("SO_LINGER").value(1L << 16));
        send(T + 4, 5000);
    }

    private void add(SocketEvent.Builder b) {
        events.add(b.build());
    }

    private void send(long at, long bytes) {
        add(SocketEvent.at(at, SocketEventKind.API_SEND, Source.LINUX).thread(700, 700).handle(5).bytes(bytes));
    }

    private void sample(long at, long sendQueue, boolean acksTraced) {
        add(SocketEvent.at(at, SocketEventKind.QUEUE_SAMPLE, Source.LINUX).endpoint(INODE).bytes(0).value(sendQueue)
                .name(acksTraced ? SocketEvent.ACKS_TRACED : null));
    }

    private void probe(long at, long una, long nxt) {
        add(SocketEvent.at(at, SocketEventKind.TCP_CUM_ACK, Source.LINUX).endpoint(INODE).value(una & 0xFFFFFFFFL)
                .seq(nxt & 0xFFFFFFFFL));
    }

    private List<Finding> close(long at) {
        add(SocketEvent.at(at, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.ENTER).thread(700, 700).handle(5));
        add(SocketEvent.at(at + 1, SocketEventKind.TCP_RST_SENT, Source.LINUX).endpoint(INODE));
        add(SocketEvent.at(at + 2, SocketEventKind.FREE, Source.LINUX).endpoint(INODE));
        add(SocketEvent.at(at + 3, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.EXIT).thread(700, 700).handle(5));
        return LinuxUnreadAtCloseTest.analyze(events).findings().stream().filter(f -> f.kind().equals("lost-send-data")).toList();
    }

    @Test
    void noSegmentAfterTheSampleMakesTheSampleExact() {
        probe(T + 5, UNA, UNA + 4000);
        sample(T + 10, 1000, true);
        send(T + 20, 200); // queued behind the closed window: lost too
        List<Finding> lost = close(T + 30);
        assertThat(lost).singleElement().satisfies(f -> {
            assertThat(f.details()).containsEntry("bytesLost", 1200L).containsEntry("exact", true);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).as("Linux identities as Linux writes them").contains("socket inode 654321 (pid 700");
            assertThat(f.socket().endpointText()).isEqualTo("654321");
            assertThat(f.socket().handleList()).isEqualTo("700:5");
        });
    }

    @Test
    void acknowledgementsAfterTheSampleAreTakenOffButTheLastSegmentsOwnAckIsUnknown() {
        probe(T + 5, UNA, UNA + 4000);
        sample(T + 10, 1000, true);
        // The first probe after the sample shows snd_una at the sample (4000 acknowledged then); the second 400 more.
        probe(T + 12, UNA + 4000, UNA + 5000);
        probe(T + 14, UNA + 4400, UNA + 5000);
        List<Finding> lost = close(T + 30);
        assertThat(lost).singleElement().satisfies(f -> {
            assertThat(f.details()).containsEntry("bytesLost", 600L).containsEntry("exact", false);
            assertThat(f.message()).contains("up to 600");
        });
    }

    @Test
    void aLastSegmentWithNothingInFlightKeepsTheFigureExact() {
        sample(T + 10, 1000, true);
        probe(T + 12, UNA + 4000, UNA + 4600); // 600 of the 1000 in flight, 400 not yet sent (window closed)
        probe(T + 14, UNA + 4600, UNA + 4600); // all that was sent is acknowledged; a zero-window ACK acks nothing
        List<Finding> lost = close(T + 30);
        assertThat(lost).singleElement().satisfies(f ->
                assertThat(f.details()).containsEntry("bytesLost", 400L).containsEntry("exact", true));
    }

    @Test
    void everythingAcknowledgedIsNoFinding() {
        sample(T + 10, 1000, true);
        probe(T + 12, UNA + 4000, UNA + 5000);
        probe(T + 14, UNA + 5000, UNA + 5000);
        assertThat(close(T + 30)).isEmpty();
    }

    @Test
    void withoutTcpProbeTheSampleIsAnUpperBound() {
        sample(T + 10, 1000, false);
        List<Finding> lost = close(T + 30);
        assertThat(lost).singleElement().satisfies(f -> assertThat(f.details()).containsEntry("exact", false));
    }
}
