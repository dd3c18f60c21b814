package wsclose.trace.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * An address the model gets as text and the same address from a SOCKADDR must compare equal, and a text that is not
 * exactly what the formatter writes must stay text (else a report would print another spelling than the trace's).
 */
class Ip4Test {
    @Property(tries = 3000)
    void textAndParseRoundTrip(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b,
                               @ForAll @IntRange(min = 0, max = 255) int c, @ForAll @IntRange(min = 0, max = 255) int d,
                               @ForAll @IntRange(min = 0, max = 65535) int port) {
        String s = a + "." + b + "." + c + "." + d + ":" + port;
        long key = Ip4.key(a << 24 | b << 16 | c << 8 | d, port);
        assertThat(key).isNotZero();
        assertThat(Ip4.text(key)).isEqualTo(s);
        assertThat(Ip4.parse(s)).isEqualTo(key);
        assertThat(Ip4.unspecified(key)).isEqualTo(port == 0 || (a | b | c | d) == 0);
    }

    @Test
    void nonCanonicalTextsStayText() {
        for (String s : new String[] {"010.0.0.1:80", "10.0.0.1:080", "256.0.0.1:80", "10.0.0.1:65536", "10.0.0.1",
                "10.0.0:80", "10.0.0.1:80 ", " 10.0.0.1:80", "[::1]:80", "10.0.0.1.5:80", "a.b.c.d:80", "10.0.0.1:",
                "1000.0.0.1:80", "10.0.0.1:123456"}) {
            assertThat(Ip4.parse(s)).as(s).isZero();
        }
        assertThat(Ip4.parse("0.0.0.0:0")).isEqualTo(Ip4.key(0, 0));
        assertThat(Ip4.parse("255.255.255.255:65535")).isEqualTo(Ip4.key(-1, 65535));
    }

    @Test
    void theTimelineComparesAnAddressFromTextAndFromAKeyAlike() {
        SocketTimeline t = new SocketTimeline(1, 0, 0, false, new ArrayPool());
        SocketEvent fromText = SocketEvent.at(0, SocketEventKind.CONNECT, SocketEvent.Source.AFD).remote("10.0.0.2:443").local("0.0.0.0:0").build();
        assertThat(t.remote(fromText)).isTrue();
        assertThat(t.remoteIp4()).isEqualTo(Ip4.key(10 << 24 | 2, 443));
        assertThat(t.remoteText()).isNull();
        assertThat(t.remote()).isEqualTo("10.0.0.2:443");
        assertThat(t.sameRemote(fromText)).isTrue();
        t.local(fromText);
        assertThat(t.localUnspecified()).isTrue();
        SocketEvent v6 = SocketEvent.at(0, SocketEventKind.CONNECT, SocketEvent.Source.AFD).remote("[fe80::1]:80").build();
        assertThat(t.sameRemote(v6)).isFalse();
        t.setRemote(v6);
        assertThat(t.remoteIp4()).isZero();
        assertThat(t.remote()).isEqualTo("[fe80::1]:80");
        assertThat(t.sameRemote(v6)).isTrue();
        t.setRemote(SocketEvent.at(0, SocketEventKind.CONNECT, SocketEvent.Source.AFD).build());
        assertThat(t.hasRemote()).isFalse();
        assertThat(t.remote()).isNull();
    }
}
