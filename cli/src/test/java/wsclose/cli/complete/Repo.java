package wsclose.cli.complete;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (tests run in cli/), where completions/ is checked in. */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String p = System.getProperty("wsclose.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("cli"))) {
            throw new IllegalStateException(root + " is not the wsclose checkout (set -Dwsclose.root)");
        }
        return root;
    }

    static Path completions() {
        return root().resolve("completions");
    }
}
