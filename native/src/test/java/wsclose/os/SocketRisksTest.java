package wsclose.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SocketRisksTest {
    private static final List<SocketSnapshot.Owner> ONE = List.of(new SocketSnapshot.Owner(10, 4, "a.exe"));

    @Test
    void abortiveLingerWithQueuedBytes() {
        assertThat(SocketRisks.of("ESTABLISHED", new SocketSnapshot.Linger(true, 0), 1, ONE, 2_803_712, -1, -1))
                .containsExactly("closing now would discard 2,803,712 bytes (SO_LINGER {1,0})");
        assertThat(SocketRisks.of("ESTABLISHED", new SocketSnapshot.Linger(true, 0), 1, ONE, 100, 1, 0))
                .containsExactly("closing now would discard 101 bytes (SO_LINGER {1,0})");
    }

    @Test
    void abortiveLingerWithoutQueuedBytesStillResets() {
        assertThat(SocketRisks.of("ESTABLISHED", new SocketSnapshot.Linger(true, 0), 1, ONE, 0, 0, 0))
                .containsExactly("SO_LINGER {1,0}: close resets the connection (RST) instead of closing it gracefully");
        assertThat(SocketRisks.of("TIME_WAIT", new SocketSnapshot.Linger(true, 0), 1, ONE, 0, 0, 0)).isEmpty();
    }

    @Test
    void lingerTimeoutUnreadDataSharingAndCloseWait() {
        assertThat(SocketRisks.of("ESTABLISHED", new SocketSnapshot.Linger(true, 30), 1, ONE, -1, -1, -1))
                .containsExactly("SO_LINGER {1,30}: a blocking close waits up to 30 s for queued data to be sent");
        assertThat(SocketRisks.of("CLOSE_WAIT", null, 2, List.of(new SocketSnapshot.Owner(10, 4, ""),
                new SocketSnapshot.Owner(20, 8, "")), -1, -1, 1))
                .containsExactly("1 byte received and not read: closing now resets the connection (RST)",
                        "shared by processes 10, 20: a close in one of them does not close the socket",
                        "the peer has closed (CLOSE_WAIT) and this side has not: a leak unless someone closes it");
        assertThat(SocketRisks.of("", null, 3, ONE, -1, -1, -1))
                .containsExactly("3 references: the socket stays open until the last one is closed");
        assertThat(SocketRisks.of("ESTABLISHED", new SocketSnapshot.Linger(false, 0), 1, ONE, 5, 5, 0)).isEmpty();
    }
}
