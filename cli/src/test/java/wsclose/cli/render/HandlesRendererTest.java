package wsclose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import wsclose.os.SocketSnapshot;

class HandlesRendererTest {
    static SocketSnapshot tcp(String state, String remote) {
        return new SocketSnapshot("ino:1", 1, 0, 0, "inet", "stream", state, "0.0.0.0:80", remote, List.of(), 0, 0, -1, -1, -1, -1,
                null, List.of());
    }

    @Test
    void aListenerHasNoPeer() {
        assertThat(HandlesRenderer.remote(tcp("LISTEN", "0.0.0.0:0"))).isEqualTo("*");
        assertThat(HandlesRenderer.remote(tcp("ESTABLISHED", "10.0.0.2:443"))).isEqualTo("10.0.0.2:443");
    }
}
