package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sock_diag messages laid out as live-mode.md §B.3 describes them (inet_diag_msg 72 bytes, rtattrs after it). */
class InetDiagTest {
    /** One SOCK_DIAG_BY_FAMILY message: header, inet_diag_msg, optionally an INET_DIAG_INFO attribute of tcpInfoLen bytes. */
    static void message(ByteBuffer b, int family, int state, byte[] src, int sport, byte[] dst, int dport, long cookie,
                        int rq, int wq, int inode, int tcpInfoLen, long notsent) {
        int start = b.position();
        int attr = tcpInfoLen > 0 ? InetDiag.align(4 + tcpInfoLen) : 0;
        b.putInt(16 + 72 + attr).putShort((short) 20).putShort((short) 2).putInt(7).putInt(0);
        int m = b.position();
        b.put((byte) family).put((byte) state).put((byte) 0).put((byte) 0);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) sport).putShort((short) dport).order(ByteOrder.nativeOrder());
        b.put(src).put(new byte[16 - src.length]).put(dst).put(new byte[16 - dst.length]);
        b.putInt(0).putInt((int) cookie).putInt((int) (cookie >>> 32));
        b.putInt(0).putInt(rq).putInt(wq).putInt(1000).putInt(inode);
        assertThat(b.position() - m).isEqualTo(72);
        if (tcpInfoLen > 0) {
            b.putShort((short) (4 + tcpInfoLen)).putShort((short) InetDiag.INET_DIAG_INFO);
            int ti = b.position();
            b.put(new byte[attr - 4]);
            b.put(ti, (byte) state);
            b.putInt(ti + 24, 17); // unacked
            if (tcpInfoLen >= 128) {
                b.putLong(ti + 120, 4097); // bytes_acked
            }
            if (tcpInfoLen >= 148) {
                b.putInt(ti + 144, (int) notsent);
            }
            if (tcpInfoLen >= 208) {
                b.putLong(ti + 200, 4096); // bytes_sent
            }
        }
        assertThat(b.position() - start).isEqualTo(16 + 72 + attr);
    }

    static void done(ByteBuffer b) {
        b.putInt(20).putShort((short) InetDiag.NLMSG_DONE).putShort((short) 2).putInt(7).putInt(0).putInt(0);
    }

    @Test
    void parsesMessagesWithTcpInfoAndStopsAtDone() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        message(b, 2, 1, new byte[] {127, 0, 0, 1}, 34962, new byte[] {127, 0, 0, 1}, 54125, 9, 0, 2803712, 113451, 280, 2803712);
        message(b, 2, 10, new byte[] {127, 0, 0, 1}, 54125, new byte[4], 0, 0x1_0000_0003L, 0, 16, 113450, 0, 0);
        done(b);
        b.flip();
        List<DiagEntry> out = new ArrayList<>();
        assertThat(InetDiag.parse(b, 6, out)).isTrue();
        assertThat(out).hasSize(2);
        DiagEntry a = out.get(0);
        assertThat(a.local()).isEqualTo("127.0.0.1:34962");
        assertThat(a.remote()).isEqualTo("127.0.0.1:54125");
        assertThat(a.state()).isEqualTo(1);
        assertThat(a.wqueue()).isEqualTo(2803712);
        assertThat(a.inode()).isEqualTo(113451);
        assertThat(a.cookie()).isEqualTo(9);
        assertThat(a.tcp().notSent()).isEqualTo(2803712);
        assertThat(a.tcp().unacked()).isEqualTo(17);
        assertThat(a.tcp().bytesAcked()).isEqualTo(4097);
        assertThat(a.tcp().bytesSent()).isEqualTo(4096);
        DiagEntry l = out.get(1);
        assertThat(l.state()).isEqualTo(10);
        assertThat(l.cookie()).isEqualTo(0x1_0000_0003L);
        assertThat(l.tcp()).isNull();
        assertThat(l.remote()).isEqualTo("0.0.0.0:0");
    }

    @Test
    void shortTcpInfoLeavesLaterFieldsUnknown() {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        message(b, 2, 1, new byte[] {10, 0, 0, 1}, 1, new byte[] {10, 0, 0, 2}, 2, 1, 5, 6, 77, 104, 0);
        b.flip();
        List<DiagEntry> out = new ArrayList<>();
        assertThat(InetDiag.parse(b, 6, out)).isFalse(); // no NLMSG_DONE in this datagram: the dump goes on
        DiagEntry.TcpInfo t = out.get(0).tcp();
        assertThat(t.unacked()).isEqualTo(17);
        assertThat(t.bytesAcked()).isEqualTo(-1);
        assertThat(t.notSent()).isEqualTo(-1);
        assertThat(t.bytesSent()).isEqualTo(-1);
    }

    @Test
    void ipv6AddressesAreBracketed() {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        byte[] loop = new byte[16];
        loop[15] = 1;
        message(b, 10, 1, loop, 8080, loop, 40000, 3, 0, 0, 5, 0, 0);
        b.flip();
        List<DiagEntry> out = new ArrayList<>();
        InetDiag.parse(b, 6, out);
        assertThat(out.get(0).local()).isEqualTo("[::1]:8080");
        assertThat(out.get(0).family()).isEqualTo(10);
    }

    @Test
    void errorReplyNamesTheErrno() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) InetDiag.NLMSG_ERROR).putShort((short) 0).putInt(1).putInt(0).putInt(-2).put(new byte[16]);
        b.flip();
        assertThatThrownBy(() -> InetDiag.parse(b, 17, new ArrayList<>())).hasMessageContaining("errno 2");
    }

    @Test
    void truncatedMessageIsAnError() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        b.putInt(200).putShort((short) 20).putShort((short) 0).putInt(1).putInt(0).put(new byte[20]);
        b.flip();
        assertThatThrownBy(() -> InetDiag.parse(b, 6, new ArrayList<>())).hasMessageContaining("does not fit");
    }

    @Test
    void dumpRequestIsTheDocumented72Bytes() {
        ByteBuffer r = InetDiag.dumpRequest(2, 6, 0xFFF, 5);
        assertThat(r.remaining()).isEqualTo(72);
        ByteBuffer b = r.duplicate().order(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(72);
        assertThat(b.getShort(4)).isEqualTo((short) 20);
        assertThat(b.getShort(6) & 0xFFFF).isEqualTo(0x301);
        assertThat(b.get(16)).isEqualTo((byte) 2);
        assertThat(b.get(17)).isEqualTo((byte) 6);
        assertThat(b.get(18)).isEqualTo((byte) 2); // 1 << (INET_DIAG_INFO - 1)
        assertThat(b.getInt(20)).isEqualTo(0xFFF);
        assertThat(b.getInt(64)).isEqualTo(-1); // INET_DIAG_NOCOOKIE
        assertThat(b.getInt(68)).isEqualTo(-1);
    }
}
