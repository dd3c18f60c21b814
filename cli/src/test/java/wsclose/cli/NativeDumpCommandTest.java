package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class NativeDumpCommandTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void needsWindowsAndSaysSoInOneLine(@TempDir Path dir) {
        Cli r = Cli.run("native-dump", "--out", dir.resolve("d").toString(), "--seconds", "0");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("wsclose native-dump: wsclose native-dump with handle tables and ETW"
                + " needs Windows; this is ").doesNotContain("Exception").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void isHiddenFromTheCommandList() {
        assertThat(Cli.run("--help").out()).doesNotContain("native-dump").contains("summary");
    }
}
