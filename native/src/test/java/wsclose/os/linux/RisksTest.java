package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import wsclose.os.SocketSnapshot.Linger;

class RisksTest {
    @Test
    void abortiveLingerWithQueuedData() {
        assertThat(Risks.of(1, 1234567, 0, new Linger(true, 0))).containsExactly("closing now would discard 1,234,567 bytes (SO_LINGER {1,0})");
        assertThat(Risks.of(1, 0, 0, new Linger(true, 0))).isEmpty();
        assertThat(Risks.of(1, 10, 0, null)).isEmpty(); // linger unknown: say nothing rather than guess
    }

    @Test
    void unreadDataResetsThePeer() {
        assertThat(Risks.of(8, 0, 42, new Linger(false, 0))).containsExactly("closing now would reset the peer: 42 bytes received and unread");
        assertThat(Risks.of(1, 5, 7, new Linger(true, 0))).hasSize(2);
    }

    @Test
    void lingerTimeoutBlocks() {
        assertThat(Risks.of(1, 100, 0, new Linger(true, 7))).singleElement().asString().contains("block up to 7 s");
    }

    @Test
    void aSharedSocketIsAtRiskOnlyAtItsLastClose() {
        assertThat(Risks.of(1, 1234567, 0, new Linger(true, 0), 1)).containsExactly("closing now would discard 1,234,567 bytes (SO_LINGER {1,0})");
        assertThat(Risks.of(1, 1234567, 0, new Linger(true, 0), 3))
                .containsExactly("the last of its 3 descriptors to close would discard 1,234,567 bytes (SO_LINGER {1,0})");
    }

    @Test
    void closedStatesHaveNoRisk() {
        assertThat(Risks.of(7, 100, 100, new Linger(true, 0))).isEmpty();
        assertThat(Risks.of(0, 100, 100, null)).isEmpty();
    }
}
