package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up work a one-shot run does not need stays out of it (issue: analyze at the reader's speed): the table
 * loads no Jackson (but two exception types), and the streamed JSON loads Jackson's streaming core but not its databind mappers. Run
 * in a JVM of its own, which logs every class it loads.
 */
class ClassLoadingTest {
    @TempDir
    Path dir;

    private List<String> loaded(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes-" + Integer.toHexString(String.join(" ", args).hashCode()) + ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "wsclose.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of %s", List.of(args)).isIn(0, 1);
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    @Test
    void theTableLoadsNoJacksonAndTheJsonNoMapper() throws Exception {
        String file = Example.FILE.toString();
        List<String> table = loaded("analyze", "--quiet", file);
        assertThat(table).anyMatch(l -> l.contains("wsclose.cli.render.TableReportWriter"));
        // only the exception types the event-log reader's catch clauses name, which the verifier loads with it
        assertThat(table).noneMatch(l -> l.contains("com.fasterxml.jackson") && !l.contains("Exception "));
        List<String> json = loaded("analyze", "--format", "json", "--quiet", file);
        assertThat(json).anyMatch(l -> l.contains("com.fasterxml.jackson.core.json.WriterBasedJsonGenerator"));
        assertThat(json).noneMatch(l -> l.contains("com.fasterxml.jackson.databind"));
    }

    @Test
    void aRunBuildsOnlyTheCommandItNames() throws Exception {
        List<String> analyze = loaded("analyze", "--quiet", Example.FILE.toString());
        assertThat(analyze).anyMatch(l -> l.contains("wsclose.cli.AnalyzeCommand "));
        for (String other : List.of("EventsCommand", "TraceCommand", "TimelineCommand", "ShellCommand", "CompletionCommand")) {
            assertThat(analyze).noneMatch(l -> l.contains("wsclose.cli." + other + " "));
        }
        List<String> version = loaded("--version");
        assertThat(version).anyMatch(l -> l.contains("wsclose.cli.ManifestVersion "));
        assertThat(version).noneMatch(l -> l.contains("wsclose.cli.AnalyzeCommand "));
    }
}
