package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** SOCKADDR_IN text made digit by digit equals the plain decimal text, cached or not. */
class SockaddrsTest {
    @Property(tries = 3000)
    void ipv4TextIsDottedDecimalAndPort(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b,
                                        @ForAll @IntRange(min = 0, max = 255) int c, @ForAll @IntRange(min = 0, max = 255) int d,
                                        @ForAll @IntRange(min = 0, max = 65535) int port) {
        byte[] sa = {2, 0, (byte) (port >> 8), (byte) port, (byte) a, (byte) b, (byte) c, (byte) d, 0, 0, 0, 0, 0, 0, 0, 0};
        String expected = a + "." + b + "." + c + "." + d + ":" + port;
        assertThat(Sockaddrs.format(sa, 0, sa.length)).isEqualTo(expected);
        assertThat(Sockaddrs.format(sa, 0, sa.length)).as("from the cache").isEqualTo(expected);
    }
}
