package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventFormatTest {
    @Test
    void fieldsInOrderWithoutCommonOnesAndArraySuffixes() {
        EventFormat f = EventFormat.parse(Fixture.text("inet_sock_set_state.format"));
        assertThat(f.name()).isEqualTo("inet_sock_set_state");
        assertThat(f.fields()).containsExactly("skaddr", "oldstate", "newstate", "sport", "dport", "family", "protocol", "saddr",
                "daddr", "saddr_v6", "daddr_v6");
        assertThat(f.symbol("newstate", 1)).isEqualTo("TCP_ESTABLISHED");
        assertThat(f.symbol("family", 10)).isEqualTo("AF_INET6");
    }

    @Test
    void resetReasonsComeFromTheRunningKernelsTable() {
        EventFormat f = EventFormat.parse(Fixture.text("tcp_send_reset.format"));
        assertThat(f.fields()).containsExactly("skbaddr", "skaddr", "state", "reason", "saddr", "daddr");
        assertThat(f.symbol("reason", 14)).isEqualTo("TCP_STATE");
        assertThat(f.symbol("reason", 11)).isEqualTo("TCP_ABORT_ON_CLOSE");
        assertThat(f.symbol("reason", 99)).isEqualTo("99");
        // the state table uses kernel constants, not numbers: nothing to map
        assertThat(f.symbols()).doesNotContainKey("state");
    }

    @Test
    void syscallFormats() {
        assertThat(EventFormat.parse(Fixture.text("sys_enter_close.format")).fields()).containsExactly("__syscall_nr", "fd");
        assertThat(EventFormat.parse(Fixture.text("sys_exit_close.format")).fields()).containsExactly("__syscall_nr", "ret");
        assertThat(EventFormat.parse(Fixture.text("sched_process_fork.format")).fields())
                .containsExactly("parent_comm", "parent_pid", "child_comm", "child_pid");
    }

    @Test
    void notAFormatFile() {
        assertThatThrownBy(() -> EventFormat.parse("hello\nworld")).hasMessageContaining("name:");
    }
}
