package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.testing.WriteExamples;

/** The bundled examples are what {@link WriteExamples} writes today, and README's first command works on them. */
class ExamplesTest {
    @TempDir
    Path dir;

    static Path examples() {
        String r = System.getProperty("wsclose.root");
        return (r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent()).resolve("examples");
    }

    @Test
    void checkedInExamplesAreUpToDate() throws IOException {
        WriteExamples.write(dir);
        for (String name : WriteExamples.examples().keySet()) {
            Path checkedIn = examples().resolve(name);
            assertThat(checkedIn).exists();
            assertThat(Files.mismatch(checkedIn, dir.resolve(name))).as(name + " is stale; regenerate with: mvn -q -pl trace"
                    + " test-compile && java -cp trace/target/classes:trace/target/test-classes wsclose.trace.testing.WriteExamples examples")
                    .isEqualTo(-1L);
        }
    }

    @Test
    void readmeMainJobFindsEveryKind() {
        Cli r = Cli.run("analyze", "--no-color", examples().resolve("close-bugs.etl").toString());
        assertThat(r.code()).isEqualTo(1);
        for (String kind : wsclose.trace.analysis.Kinds.ALL) {
            assertThat(r.out()).contains(kind);
        }
        assertThat(Cli.run("analyze", examples().resolve("graceful-close.etl").toString()).code()).isZero();
    }
}
