package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wsclose ... | head -1}: when the reader of stdout goes, wsclose stops at once, quietly, with exit 0. */
@DisabledOnOs(OS.WINDOWS)
class ClosedStdoutTest {
    @ParameterizedTest
    @ValueSource(strings = {"events", "analyze --format jsonl --all-sockets --fail-on never"})
    void stopsWhenStdoutIsClosed(String command) throws Exception {
        Path big = wsclose.trace.testing.Corpus.file("microsoft__perfview/net.4.5.x86.PerfViewData.etl");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(command.split(" ")));
        cmd.add(big.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isNotBlank();
        } // closes the pipe, as head does after its line
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("wsclose stopped after its reader went").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Help and version pages are printed by picocli, not by a command: the same when their reader has gone. */
    @ParameterizedTest
    @ValueSource(strings = {"--version", "--help", "analyze --help"})
    void helpPagesStopQuietlyToo(String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(command.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getInputStream().close(); // gone before the JVM has started: the page's first write finds no reader
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
    }
}
