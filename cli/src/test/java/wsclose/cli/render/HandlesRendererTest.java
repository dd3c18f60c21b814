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

    @Test
    void eachPlatformWritesItsOwnNumbers() {
        SocketSnapshot.Owner owner = new SocketSnapshot.Owner(4242, 0x2c4, "server.exe");
        SocketSnapshot win = new SocketSnapshot("obj:0xffffa50c3e5f2010", 0, 0xffffa50c3e5f0200L, 0xffffa50c3e5f2010L, "inet",
                "stream", "ESTABLISHED", "10.0.0.5:50544", "10.2.0.3:443", List.of(owner), 1, 0, 0, 0, 0, 0, null, List.of());
        SocketSnapshot lin = new SocketSnapshot("ino:70899", 70899, 0x98, 0, "inet", "stream", "ESTABLISHED", "10.0.0.5:50544",
                "10.2.0.3:443", List.of(new SocketSnapshot.Owner(4242, 12, "server")), 1, 0, 0, 0, 0, 0, null, List.of());
        String w = render(new wsclose.os.HandlesSnapshot(0, "windows", List.of(win), List.of(), List.of()), true);
        assertThat(w).contains("SOCKET", "OWNERS (pid:handle)", "4242:0x2c4(server.exe)").doesNotContain("INODE", "pid:fd");
        String l = render(new wsclose.os.HandlesSnapshot(0, "linux", List.of(lin), List.of(), List.of()), true);
        assertThat(l).contains("INODE", "OWNERS (pid:fd)", "70899", "4242:12(server)").doesNotContain("0x114f3", "0xc");
        String csv = render(new wsclose.os.HandlesSnapshot(0, "windows", List.of(win), List.of(), List.of()), false);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains("4242:0x2c4(server.exe)");
    }

    private static String render(wsclose.os.HandlesSnapshot s, boolean table) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (java.io.PrintWriter out = new java.io.PrintWriter(w)) {
            if (table) {
                HandlesRenderer.table(out, s, 200);
            } else {
                HandlesRenderer.csv(out, s);
            }
        }
        return w.toString();
    }
}
