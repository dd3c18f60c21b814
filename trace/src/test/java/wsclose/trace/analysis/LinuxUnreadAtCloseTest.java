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
 * A Linux server answers 413 and close()s with the upload body unread: tcp_close() resets instead of sending FIN.
 * The queue sample before the close is stale (it was taken before the body arrived), so the finding must follow
 * from the reset at the close itself, and the reply the peer acknowledged is not lost.
 */
class LinuxUnreadAtCloseTest {
    static final long INODE = 123456;

    static List<SocketEvent> story(boolean lingerZero, long ackedAtClose) {
        long t = 133_486_238_450_000_000L;
        List<SocketEvent> l = new ArrayList<>();
        l.add(SocketEvent.at(t, SocketEventKind.CREATE, Source.LINUX).thread(700, 700).endpoint(INODE).build());
        l.add(SocketEvent.at(t + 1, SocketEventKind.API_ACCEPT, Source.LINUX).thread(700, 700).endpoint(INODE).handle(5).build());
        l.add(SocketEvent.at(t + 2, SocketEventKind.TCP_STATE, Source.LINUX).endpoint(INODE).value(5)
                .local("127.0.0.1:8080").remote("127.0.0.1:40000").build());
        l.add(SocketEvent.at(t + 10, SocketEventKind.QUEUE_SAMPLE, Source.LINUX).endpoint(INODE).bytes(0).value(0).build());
        if (lingerZero) {
            l.add(SocketEvent.at(t + 20, SocketEventKind.API_SETOPT, Source.LINUX).thread(700, 700).handle(5).name("SO_LINGER")
                    .value(1L << 16).build());
        }
        l.add(SocketEvent.at(t + 30, SocketEventKind.API_SEND, Source.LINUX).thread(700, 700).handle(5).bytes(72).build());
        if (ackedAtClose >= 0) {
            // tcp_info at the close (sock_diag): what the peer acknowledged of the reply
            l.add(SocketEvent.at(t + 35, SocketEventKind.TCP_ACKED, Source.LINUX).endpoint(INODE).bytes(ackedAtClose).build());
        }
        l.add(SocketEvent.at(t + 40, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.ENTER).thread(700, 700).handle(5).build());
        l.add(SocketEvent.at(t + 41, SocketEventKind.TCP_RST_SENT, Source.LINUX).endpoint(INODE).build());
        l.add(SocketEvent.at(t + 42, SocketEventKind.FREE, Source.LINUX).endpoint(INODE).build());
        l.add(SocketEvent.at(t + 43, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.EXIT).thread(700, 700).handle(5).build());
        return l;
    }

    static Report analyze(List<SocketEvent> events) {
        Analyzer a = new Analyzer("live", AnalysisOptions.all(), new ReportListener() { });
        events.forEach(a::accept);
        return a.finish();
    }

    @Test
    void aResetByCloseWithoutLingerIsUnreadDataEvenWhenTheSampleWasStale() {
        Report r = analyze(story(false, 72));
        assertThat(r.findings()).extracting(Finding::kind).containsExactly("unread-data-reset");
        Finding f = r.findings().get(0);
        assertThat(f.message()).contains("ECONNRESET").contains("received data unread");
        assertThat(f.details()).containsEntry("bytesUnread", null);
    }

    @Test
    void theAcknowledgedReplyIsNotReportedAsLost() {
        assertThat(analyze(story(false, 72)).findings()).noneMatch(f -> f.kind().equals("lost-send-data"));
        assertThat(analyze(story(false, -1)).findings()).extracting(Finding::kind).containsExactly("unread-data-reset");
    }

    @Test
    void theUnreadCountIsTheSampleCarriedToTheCloseByTcpProbe() {
        long t = 133_486_238_450_000_000L;
        List<SocketEvent> l = new ArrayList<>(story(false, 72).subList(0, 3));
        // sampled with nothing unread and tcp_probe on; then the upload arrives in three segments, 40 bytes are read
        l.add(SocketEvent.at(t + 10, SocketEventKind.QUEUE_SAMPLE, Source.LINUX).endpoint(INODE).bytes(0).value(0)
                .name(SocketEvent.ACKS_TRACED).build());
        for (int i = 0; i < 3; i++) {
            l.add(SocketEvent.at(t + 11 + i, SocketEventKind.TCP_CUM_ACK, Source.LINUX).endpoint(INODE).value(1000).seq(1000)
                    .bytes(i == 2 ? 3000 : 8000).build());
        }
        l.add(SocketEvent.at(t + 15, SocketEventKind.TCP_CUM_ACK, Source.LINUX).endpoint(INODE).value(1000).seq(1000).build());
        l.add(SocketEvent.at(t + 20, SocketEventKind.API_RECV, Source.LINUX).thread(700, 700).handle(5).bytes(40).build());
        List<SocketEvent> rest = story(false, 72);
        l.add(rest.get(4)); // the 72-byte reply
        // the peer's ACK of the reply: tcp_probe logs snd_una before processing it, so its progress is unknown
        l.add(SocketEvent.at(t + 32, SocketEventKind.TCP_CUM_ACK, Source.LINUX).endpoint(INODE).value(1000).seq(1072).build());
        l.addAll(rest.subList(5, rest.size()));
        Report r = analyze(l);
        assertThat(r.findings()).extracting(Finding::kind).containsExactly("unread-data-reset");
        Finding f = r.findings().get(0);
        assertThat(f.details()).containsEntry("bytesUnread", 18_960L);
        assertThat(f.message()).contains("18,960 bytes of received data unread");
    }

    @Test
    void aSocketKnownByItsCookieIsNamedAsSsNamesIt() {
        long madeUp = wsclose.trace.model.LinuxIds.SYNTHETIC + 7;
        long cookie = wsclose.trace.model.LinuxIds.COOKIE + 0x98;
        List<SocketEvent> l = new ArrayList<>();
        for (SocketEvent e : story(false, 72)) {
            SocketEvent.Builder b = SocketEvent.at(e.time(), e.kind(), e.source()).phase(e.phase()).thread(e.pid(), e.tid())
                    .handle(e.handle()).bytes(e.bytes()).value(e.value()).local(e.local()).remote(e.remote()).name(e.name());
            // the socket was made up at creation; a TCP event gave its cookie before the close
            b.endpoint(e.endpoint() == 0 ? 0 : e.time() < 133_486_238_450_000_040L ? madeUp : cookie);
            l.add(b.build());
            if (e.kind() == SocketEventKind.API_SEND) {
                l.add(SocketEvent.at(e.time() + 1, SocketEventKind.IDENTITY, Source.LINUX).endpoint(madeUp).value(cookie).build());
            }
        }
        Finding f = analyze(l).findings().get(0);
        assertThat(f.kind()).isEqualTo("unread-data-reset");
        assertThat(f.socket().endpointText()).isEqualTo("sk:98");
        assertThat(f.message()).startsWith("socket sk:98 (pid 700");
    }

    @Test
    void lingerZeroIsLostSendDataNotUnreadData() {
        Report r = analyze(story(true, 0));
        assertThat(r.findings()).extracting(Finding::kind).containsExactly("lost-send-data");
        assertThat(r.findings().get(0).details()).containsEntry("bytesLost", 72L).containsEntry("exact", true);
    }
}
