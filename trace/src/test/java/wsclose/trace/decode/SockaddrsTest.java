package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import wsclose.trace.model.Ip4;

/** SOCKADDR_IN text made digit by digit equals the plain decimal text, cached or not, and the model's key of it. */
class SockaddrsTest {
    @Property(tries = 3000)
    void ipv4TextIsDottedDecimalAndPort(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b,
                                        @ForAll @IntRange(min = 0, max = 255) int c, @ForAll @IntRange(min = 0, max = 255) int d,
                                        @ForAll @IntRange(min = 0, max = 65535) int port) {
        byte[] sa = {2, 0, (byte) (port >> 8), (byte) port, (byte) a, (byte) b, (byte) c, (byte) d, 0, 0, 0, 0, 0, 0, 0, 0};
        String expected = a + "." + b + "." + c + "." + d + ":" + port;
        assertThat(Sockaddrs.format(sa, 0, sa.length)).isEqualTo(expected);
        assertThat(Sockaddrs.format(sa, 0, sa.length)).as("from the cache").isEqualTo(expected);
        long key = Sockaddrs.ip4Key(sa, 0, sa.length);
        assertThat(key).isNotZero();
        assertThat(Ip4.text(key)).as("the model's text of the key").isEqualTo(expected);
    }

    @Test
    void onlyAnIpv4SockaddrHasAKey() {
        byte[] v6 = new byte[28];
        v6[0] = 23;
        assertThat(Sockaddrs.ip4Key(v6, 0, v6.length)).isZero();
        byte[] shortV4 = {2, 0, 0, 80, 10, 0, 0};
        assertThat(Sockaddrs.ip4Key(shortV4, 0, shortV4.length)).isZero();
        assertThat(Sockaddrs.format(shortV4, 0, shortV4.length)).doesNotContain(".");
    }
}
