package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code cli/src/test/resources/golden}. A mismatch fails with the command that rewrites
 * them: {@code mvn -pl cli -am test -Dtest=... -Dwsclose.updateGolden=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
final class Golden {
    private Golden() {
    }

    static Path root() {
        String r = System.getProperty("wsclose.root");
        Path base = r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
        return base.resolve("cli/src/test/resources/golden");
    }

    static void check(String name, String actual) throws IOException {
        Path file = root().resolve(name);
        if (Boolean.getBoolean("wsclose.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file " + name + " is missing; create it with -Dwsclose.updateGolden=true").exists();
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            Path dump = root().getParent().getParent().getParent().getParent().resolve("target/golden-actual").resolve(name);
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("output differs from golden file " + file + "; if the change is intended, rewrite the golden files:"
                + " mvn -pl cli -am test -Dtest='AnalyzeGoldenTest' -Dwsclose.updateGolden=true -Dsurefire.failIfNoSpecifiedTests=false")
                .isEqualTo(expected);
    }
}
