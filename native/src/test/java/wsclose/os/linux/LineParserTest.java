package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** trace_pipe lines as Linux 6.18 printed them, with options/fields (raw values) and without (print fmt). */
class LineParserTest {
    private final Map<String, EventFormat> formats = Fixture.formats();
    private final LineParser p = new LineParser(formats);

    @Test
    void fieldsModeSocketTracepointInSoftirq() {
        Rec r = p.parse("         python3-23890   (  23890) [000] ..s2.  1916.316816: inet_sock_set_state: skaddr=0xffff888102a3a500"
                + " (-131387300272896) oldstate=0xa (10) newstate=0x3 (3) sport=0x88bb (35003) dport=0x976a (38762) family=0x2 (2)"
                + " protocol=0x6 (6) saddr=0x100007f (16777343) daddr=0x100007f (16777343) saddr_v6=<INVALID-SIZE> daddr_v6=<INVALID-SIZE>");
        assertThat(r.event).isEqualTo("inet_sock_set_state");
        assertThat(r.tid).isEqualTo(23890);
        assertThat(r.tgid).isEqualTo(23890);
        assertThat(r.cpu).isZero();
        assertThat(r.irq).isTrue();
        assertThat(r.mono).isEqualTo(1916_316_816_000L);
        assertThat(r.num("skaddr", 0)).isEqualTo(0xffff888102a3a500L);
        assertThat(r.num("newstate", -1)).isEqualTo(3);
        assertThat(r.num("dport", -1)).isEqualTo(38762);
        assertThat(r.ipv4("saddr")).isEqualTo(ProcNet.LITTLE_ENDIAN ? "127.0.0.1" : "1.0.0.127");
        assertThat(r.text("saddr_v6")).isEqualTo("<INVALID-SIZE>");
        assertThat(r.num("saddr_v6", -5)).isEqualTo(-5);
    }

    @Test
    void negativeReturnValueAndProcessContext() {
        Rec r = p.parse("         python3-23890   (  23890) [000] .N...  1916.330093: sys_exit_write: __syscall_nr=0x1 (1)"
                + " ret=0xfffffffffffffff7 (-9)");
        assertThat(r.num("ret", 0)).isEqualTo(-9);
        assertThat(r.irq).isFalse();
    }

    @Test
    void unknownTgidAndCommWithDashesSpacesAndBrackets() {
        Rec r = p.parse("           <...>-23858   (-------) [001] b..1.  1916.094511: tcp_destroy_sock: skaddr=0xffff888102da6f00"
                + " (-131387296682240) sport=0x0 (0) dport=0x0 (0) family=0x2 (2) saddr=0x0 (0) daddr=0x0 (0) saddr_v6=<INVALID-SIZE>"
                + " daddr_v6=<INVALID-SIZE> sock_cookie=0x101c (4124)");
        assertThat(r.tid).isEqualTo(23858);
        assertThat(r.tgid).isEqualTo(-1);
        assertThat(r.num("sock_cookie", 0)).isEqualTo(0x101c);
        Rec odd = p.parse("  Web [Content]-x-77  (   70) [001] .....   10.000001: sched_process_exit: comm=Web Content pid=0x4d (77)"
                + " prio=0x78 (120) group_dead=(0)");
        assertThat(odd.tid).isEqualTo(77);
        assertThat(odd.tgid).isEqualTo(70);
        assertThat(odd.text("comm")).isEqualTo("Web Content");
        assertThat(odd.num("group_dead", -1)).isZero();
        assertThat(odd.mono).isEqualTo(10_000_001_000L);
    }

    @Test
    void dataLocStringsAndPointersInParentheses() {
        Rec f = p.parse("         python3-23890   (  23890) [000] .....  1916.317665: sched_process_fork: parent_comm=python3"
                + " parent_pid=0x5d52 (23890) child_comm=python3 child_pid=0x5d5c (23900)");
        assertThat(f.num("child_pid", -1)).isEqualTo(23900);
        assertThat(f.text("child_comm")).isEqualTo("python3");
        Rec s = p.parse("         python3-23890   (  23890) [000] .....  1916.316865: sys_enter_setsockopt: __syscall_nr=0x36 (54)"
                + " fd=0x4 (4) level=0x1 (1) optname=0xd (13) optval=(0xffff8881624a7770) optlen=0x8 (8)");
        assertThat(s.num("optname", -1)).isEqualTo(13);
        assertThat(s.num("optval", -1)).isEqualTo(0xffff8881624a7770L);
        assertThat(s.num("optlen", -1)).isEqualTo(8);
    }

    @Test
    void defaultModeSyscallsAndTracepoints() {
        Rec enter = p.parse("         python3-6726    (   6726) [000] .....   866.391927: sys_dup2(oldfd: 5, newfd: 0x14)");
        assertThat(enter.event).isEqualTo("sys_enter_dup2");
        assertThat(enter.num("oldfd", -1)).isEqualTo(5);
        assertThat(enter.num("newfd", -1)).isEqualTo(20);
        Rec exit = p.parse("            bash-6720    (   6720) [000] .....   865.635818: sys_dup2 -> 0x1");
        assertThat(exit.event).isEqualTo("sys_exit_dup2");
        assertThat(exit.num("ret", -1)).isEqualTo(1);
        Rec st = p.parse("         python3-6726    (   6726) [000] ..s2.   866.391852: inet_sock_set_state: family=AF_INET"
                + " protocol=IPPROTO_TCP sport=56187 dport=59874 saddr=127.0.0.1 daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1"
                + " daddrv6=::ffff:127.0.0.1 oldstate=TCP_SYN_RECV newstate=TCP_ESTABLISHED");
        assertThat(st.num("oldstate", -1)).isEqualTo(3);
        assertThat(st.num("newstate", -1)).isEqualTo(1);
        assertThat(st.num("protocol", -1)).isEqualTo(6);
        assertThat(st.ipv4("daddr")).isEqualTo("127.0.0.1");
        assertThat(st.num("skaddr", 0)).isZero(); // not in the print fmt
        Rec rst = p.parse("         python3-6726    (   6726) [000] .....   866.407988: tcp_send_reset: skbaddr=0000000000000000"
                + " skaddr=0000000023f28336 src=127.0.0.1:59874 dest=127.0.0.1:56187 state=TCP_CLOSE reason=TCP_STATE");
        assertThat(rst.num("skaddr", 0)).isEqualTo(0x23f28336L);
        assertThat(rst.num("reason", -1)).isEqualTo(14);
    }

    @Test
    void lostEventsMarkersAndGarbage() {
        assertThat(p.parse("CPU:1 [LOST 123 EVENTS]")).isNull();
        assertThat(p.parse("CPU:0 [LOST 7 EVENTS]")).isNull();
        assertThat(p.lost()).isEqualTo(130);
        assertThat(p.parse("            java-1    (     1) [000] .....    1.000000: tracing_mark_write: hello")).isNull();
        assertThat(p.unparsed()).isZero();
        assertThat(p.parse("not a trace line")).isNull();
        assertThat(p.parse("x-1 (1) [000] ..... 1.5: sys_enter_close: fd=0x3 (3)").num("fd", -1)).isEqualTo(3);
        assertThat(p.unparsed()).isEqualTo(1);
    }

    @Test
    void everyRecordedLineParses() {
        long n = 0;
        for (String file : new String[] {"fork-linger-ebadf.sys.txt", "fork-linger-ebadf.net.txt"}) {
            for (String line : Fixture.lines(file)) {
                Rec r = p.parse(line);
                assertThat(r).as(line).isNotNull();
                assertThat(r.values).as(line).doesNotContainNull();
                n++;
            }
        }
        assertThat(n).isEqualTo(248);
        assertThat(p.unparsed()).isZero();
    }

    @Test
    void seconds() {
        assertThat(LineParser.seconds("12.5:", 0, 4)).isEqualTo(12_500_000_000L);
        assertThat(LineParser.seconds("3.000000123", 0, 11)).isEqualTo(3_000_000_123L);
        assertThat(LineParser.seconds("42", 0, 2)).isEqualTo(42_000_000_000L);
    }
}
