package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SOCK_SHARED_INFO (live-mode.md §A.2.3), TCP_INFO_v0/v1 (§A.2.2) and AFD address answers: buffers written at
 * the documented offsets. Both structures are the same on x86 and x64, so one layout covers both.
 */
class SocketStructParsersTest {

    @Test
    void sharedInfoLingerStateAndShutdownFlags() {
        Bin bin = new Bin(120 + 32).u32(0, 3).u32(4, 2).u32(8, 1).u32(12, 6).u32(16, 16).u32(20, 16)
                .u16(24, 1).u16(26, 0)                   // LingerInfo {1, 0}: abortive close
                .u32(28, 5000).u32(32, 0).u32(36, 65536).u32(40, 131072)
                .u16(44, (1 << 9) | (1 << 6))             // SendShutdown + NonBlocking
                .u32(76, 10054);
        SockSharedInfo s = SockSharedInfo.parse(bin.buffer());
        assertThat(s.state()).isEqualTo(3);
        assertThat(s.family()).isEqualTo(2);
        assertThat(s.type()).isEqualTo(1);
        assertThat(s.protocol()).isEqualTo(6);
        assertThat(s.lingerOn()).isTrue();
        assertThat(s.lingerSeconds()).isZero();
        assertThat(s.sendTimeout()).isEqualTo(5000);
        assertThat(s.receiveBufferSize()).isEqualTo(65536);
        assertThat(s.sendBufferSize()).isEqualTo(131072);
        assertThat(s.sendShutdown()).isTrue();
        assertThat(s.receiveShutdown()).isFalse();
        assertThat(s.listening()).isFalse();
        assertThat(s.lastError()).isEqualTo(10054);
    }

    @Test
    void sharedInfoLingerWithTimeoutAndListeningFlag() {
        Bin bin = new Bin(120).u16(24, 1).u16(26, 30).u16(44, 1);
        SockSharedInfo s = SockSharedInfo.parse(bin.buffer());
        assertThat(s.lingerOn()).isTrue();
        assertThat(s.lingerSeconds()).isEqualTo(30);
        assertThat(s.listening()).isTrue();
    }

    @Test
    void shortSharedInfoIsRejected() {
        assertThatThrownBy(() -> SockSharedInfo.parse(new Bin(100).buffer()))
                .hasMessageContaining("needs 120 bytes");
    }

    private static Bin tcpInfo(int version) {
        Bin bin = new Bin(version == 0 ? 88 : 136).u32(0, 4).u32(4, 1460).u64(8, 12_345).u8(16, 1).u32(20, 250)
                .u32(24, 100).u32(28, 2_803_712).u32(32, 64_000).u32(36, 65_535).u32(40, 262_144).u32(44, 65_536)
                .u64(48, 9_000_000_000L).u64(56, 77).u32(64, 1).u32(68, 2920).u32(72, 2).u32(76, 3).u32(80, 1)
                .u8(84, 2);
        if (version == 1) {
            bin.u32(88, 4).u32(92, 10).u64(96, 1000).u32(104, 5).u32(108, 20).u64(112, 2000).u32(120, 6)
                    .u32(124, 30).u64(128, 3000);
        }
        return bin;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void tcpInfoStateBytesInFlightAndBytesOut(int version) {
        TcpInfo t = TcpInfo.parse(tcpInfo(version).buffer(), version);
        assertThat(TcpStates.ofTcpState(t.state())).isEqualTo("ESTABLISHED");
        assertThat(t.mss()).isEqualTo(1460);
        assertThat(t.connectionTimeMs()).isEqualTo(12_345);
        assertThat(t.timestampsEnabled()).isTrue();
        assertThat(t.rttUs()).isEqualTo(250);
        assertThat(t.bytesInFlight()).isEqualTo(2_803_712);
        assertThat(t.sndWnd()).isEqualTo(65_535);
        assertThat(t.bytesOut()).isEqualTo(9_000_000_000L);
        assertThat(t.bytesIn()).isEqualTo(77);
        assertThat(t.bytesRetrans()).isEqualTo(2920);
        assertThat(t.timeoutEpisodes()).isEqualTo(1);
        assertThat(t.synRetrans()).isEqualTo(2);
        assertThat(t.sndLimBytesRwin()).isEqualTo(version == 1 ? 1000 : -1);
        assertThat(t.sndLimBytesCwnd()).isEqualTo(version == 1 ? 2000 : -1);
        assertThat(t.sndLimBytesSnd()).isEqualTo(version == 1 ? 3000 : -1);
    }

    @Test
    void tcpInfoV1NeedsAllOfItsBytes() {
        assertThatThrownBy(() -> TcpInfo.parse(tcpInfo(0).buffer(), 1)).hasMessageContaining("needs 136 bytes");
        assertThatThrownBy(() -> TcpInfo.parse(tcpInfo(1).buffer(), 2)).hasMessageContaining("version 2");
    }

    @Test
    void tcpStateNamesForBothNumberings() {
        assertThat(TcpStates.ofTcpState(0)).isEqualTo("CLOSED");
        assertThat(TcpStates.ofTcpState(7)).isEqualTo("CLOSE_WAIT");
        assertThat(TcpStates.ofTcpState(10)).isEqualTo("TIME_WAIT");
        assertThat(TcpStates.ofMib(5)).isEqualTo("ESTABLISHED");
        assertThat(TcpStates.ofMib(12)).isEqualTo("DELETE_TCB");
        assertThat(TcpStates.ofMib(0)).isEqualTo("STATE_0");
    }

    @Test
    void afdAddressesAreSockaddrs() {
        Bin v4 = new Bin(128).u16(0, 2).u8(2, 0x01).u8(3, 0xBB).raw(4, new byte[] {10, 0, 0, 7});
        assertThat(AfdAddress.format(v4.b, 16)).isEqualTo("10.0.0.7:443");
        byte[] loop6 = new byte[16];
        loop6[15] = 1;
        Bin v6 = new Bin(128).u16(0, 23).u8(2, 0x1F).u8(3, 0x90).raw(8, loop6);
        assertThat(AfdAddress.format(v6.b, 28)).isEqualTo("[::1]:8080");
        assertThat(AfdAddress.format(new Bin(128).u16(0, 32).b, 32)).as("AF_BTH is not decoded").isNull();
        assertThat(AfdAddress.format(v4.b, 0)).isNull();
    }
}
