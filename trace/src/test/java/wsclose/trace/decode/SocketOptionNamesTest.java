package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Evidence names socket options as winsock2.h does, and never turns a valueless SO_LINGER into a setting. */
class SocketOptionNamesTest {
    @Test
    void namesFromWinsock2() {
        assertThat(SocketsEvents.optionName(0xFFFF, 0x1001)).isEqualTo("SO_SNDBUF");
        assertThat(SocketsEvents.optionName(0xFFFF, 0x0004)).isEqualTo("SO_REUSEADDR");
        assertThat(SocketsEvents.optionName(0xFFFF, 0x700B)).isEqualTo("SO_UPDATE_ACCEPT_CONTEXT");
        assertThat(SocketsEvents.optionName(6, 1)).isEqualTo("TCP_NODELAY");
        assertThat(SocketsEvents.optionName(41, 27)).isEqualTo("level 0x29 option 0x1b");
    }

    @Test
    void lingerWithoutAValueIsNotALingerSetting() {
        assertThat(SocketsEvents.optionName(0xFFFF, 0x0080)).isNotEqualTo("SO_LINGER").startsWith("SO_LINGER");
        assertThat(SocketsEvents.optionName(0xFFFF, 0xFF7F)).isNotEqualTo("SO_DONTLINGER").startsWith("SO_DONTLINGER");
    }
}
