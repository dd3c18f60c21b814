package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import wsclose.os.SocketSnapshot.Linger;

/** The Linux snapshot's risk wording, with the Windows byte counts as lower bounds. */
class RisksTest {
    @Test
    void abortiveLingerWithUnacknowledgedData() {
        assertThat(Risks.of("ESTABLISHED", 2_803_712, -1, new Linger(true, 0)))
                .containsExactly("closing now would discard at least 2,803,712 bytes (SO_LINGER {1,0})");
        assertThat(Risks.of("ESTABLISHED", 0, -1, new Linger(true, 0))).isEmpty();
        assertThat(Risks.of("ESTABLISHED", 10, -1, null)).as("linger unknown: say nothing rather than guess").isEmpty();
    }

    @Test
    void lingerTimeoutBlocksThenDiscards() {
        assertThat(Risks.of("CLOSE_WAIT", 100, -1, new Linger(true, 7))).singleElement().asString()
                .isEqualTo("closing now would block up to 7 s (SO_LINGER {1,7}) and then discard what is left of at"
                        + " least 100 bytes");
    }

    @Test
    void unreadDataResetsThePeer() {
        assertThat(Risks.of("FIN_WAIT2", 0, 42, new Linger(false, 0)))
                .containsExactly("closing now would reset the peer: 42 bytes received and unread");
    }

    @Test
    void closedListeningAndNonTcpSocketsHaveNoRisk() {
        assertThat(Risks.of("TIME_WAIT", 100, 100, new Linger(true, 0))).isEmpty();
        assertThat(Risks.of("LISTEN", 100, 100, new Linger(true, 0))).isEmpty();
        assertThat(Risks.of("", 100, 100, new Linger(true, 0))).isEmpty();
    }
}
