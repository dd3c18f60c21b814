package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What /proc's descriptor links let the terminal detection decide without jline. */
class TerminalTest {
    @Test
    void pipesSocketsFilesAndDevNullAreNotTerminals() {
        assertThat(Terminal.notTerminal("pipe:[123456]", false)).isTrue();
        assertThat(Terminal.notTerminal("socket:[98765]", false)).isTrue();
        assertThat(Terminal.notTerminal("anon_inode:[eventfd]", false)).isTrue();
        assertThat(Terminal.notTerminal("/dev/null", false)).isTrue();
        assertThat(Terminal.notTerminal("/home/u/report.txt", true)).isTrue();
    }

    @Test
    void terminalsAndOtherDevicesAreLeftToJline() {
        assertThat(Terminal.notTerminal("/dev/pts/3", false)).isFalse();
        assertThat(Terminal.notTerminal("/dev/tty1", false)).isFalse();
        assertThat(Terminal.notTerminal("/dev/console", false)).isFalse();
        assertThat(Terminal.notTerminal("/dev/ttyS0", false)).isFalse();
        assertThat(Terminal.notTerminal("/dev/null (deleted)", false)).isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aTestRunsStdoutIsNotATerminal() {
        // surefire's forked JVM writes to a pipe (or a file): /proc tells without jline
        assertThat(Terminal.notTerminal(1)).isTrue();
        assertThat(Terminal.notTerminal(999_999)).isFalse(); // no such descriptor: unknown, so jline would decide
    }
}
