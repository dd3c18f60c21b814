package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/** A Linux socket first known under a made-up id is reported under its inode once the live source learns it. */
class LiveIdentityTest {
    @Test
    void theSocketIsReportedUnderItsInode() {
        long t = 133_486_238_450_000_000L;
        long made = 1L << 62;
        List<SocketEvent> events = List.of(
                SocketEvent.at(t, SocketEventKind.CREATE, Source.LINUX).thread(700, 700).endpoint(made).build(),
                SocketEvent.at(t + 1, SocketEventKind.API_CREATE, Source.LINUX).thread(700, 700).endpoint(made).handle(5).build(),
                SocketEvent.at(t + 2, SocketEventKind.IDENTITY, Source.LINUX).endpoint(made).value(48213).build(),
                SocketEvent.at(t + 3, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.ENTER).thread(700, 700).handle(5).build(),
                SocketEvent.at(t + 4, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.EXIT).thread(700, 700).handle(5).build(),
                SocketEvent.at(t + 5, SocketEventKind.API_SEND, Source.LINUX).thread(700, 700).handle(5).status(9).build(),
                SocketEvent.at(t + 6, SocketEventKind.FREE, Source.LINUX).endpoint(48213).build());
        Analyzer a = new Analyzer("live", AnalysisOptions.all(), new ReportListener() { });
        events.forEach(a::accept);
        Report r = a.finish();
        assertThat(r.findings()).extracting(Finding::kind).containsExactly("use-after-close");
        assertThat(r.findings().get(0).socket().endpoint()).isEqualTo(48213L);
        assertThat(r.findings().get(0).message()).contains("socket inode 48213");
    }
}
