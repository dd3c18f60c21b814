package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** /proc/net tables in the kernel's text layout (live-mode.md §B.1 step 2 and 3). */
class ProcNetTest {
    static final String TCP = String.join("\n",
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:D36D 00000000:0000 0A 00000000:00000010 00:00000000 00000000     0        0 113450 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:8892 0100007F:D36D 01 002AC800:00000000 01:00000046 00000000     0        0 113451 1 0000000000000000 20 4 30 10 -1",
            "   2: garbage");

    @Test
    void tcpRowsLittleEndian() {
        List<DiagEntry> rows = ProcNet.inet(TCP, 2, 6, true);
        assertThat(rows).hasSize(2);
        DiagEntry a = rows.get(1);
        assertThat(a.local()).isEqualTo("127.0.0.1:34962");
        assertThat(a.remote()).isEqualTo("127.0.0.1:54125");
        assertThat(a.state()).isEqualTo(1);
        assertThat(a.wqueue()).isEqualTo(2803712);
        assertThat(a.rqueue()).isZero();
        assertThat(a.inode()).isEqualTo(113451);
        assertThat(rows.get(0).state()).isEqualTo(10);
        assertThat(rows.get(0).rqueue()).isEqualTo(16);
    }

    @Test
    void bigEndianHostsPrintTheBytesInOrder() {
        assertThat(ProcNet.address("7F000001:0050", false)).isEqualTo("127.0.0.1:80");
    }

    @Test
    void tcp6Address() {
        assertThat(ProcNet.address("00000000000000000000000001000000:1F90", true)).isEqualTo("[::1]:8080");
        assertThat(ProcNet.address("0000000000000000FFFF00000100007F:0016", true)).isEqualTo("[::ffff:7f00:1]:22");
    }

    @Test
    void unixRows() {
        String text = String.join("\n",
                "Num       RefCount Protocol Flags    Type St Inode Path",
                "0000000000000000: 00000002 00000000 00010000 0001 01 20951 /run/dbus/system_bus_socket",
                "0000000000000000: 00000003 00000000 00000000 0001 03 21003",
                "0000000000000000: 00000002 00000000 00000000 0002 01 21010 @abstract name");
        List<ProcNet.UnixRow> rows = ProcNet.unix(text);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).stateName()).isEqualTo("LISTEN");
        assertThat(rows.get(0).path()).isEqualTo("/run/dbus/system_bus_socket");
        assertThat(rows.get(1).stateName()).isEqualTo("CONNECTED");
        assertThat(rows.get(1).typeName()).isEqualTo("stream");
        assertThat(rows.get(1).path()).isEmpty();
        assertThat(rows.get(2).typeName()).isEqualTo("dgram");
        assertThat(rows.get(2).path()).isEqualTo("@abstract name");
    }

    @Test
    void netlinkInodes() {
        String text = String.join("\n",
                "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode",
                "0000000000000000 0   4294967295 00000000 0        0        0     2        0        1234",
                "0000000000000000 4   0          00000000 0        0        0     2        0        5678");
        assertThat(ProcNet.netlinkInodes(text)).containsExactly(1234L, 5678L);
    }
}
