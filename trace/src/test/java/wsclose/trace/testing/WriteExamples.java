package wsclose.trace.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the example traces bundled in {@code examples/} (README's first command analyses one). They are
 * generated, never captured: no public trace has Winsock-AFD events. Run from the repository root:
 * {@code mvn -q -pl trace test-compile exec:java}-free form: {@code java -cp trace/target/classes:trace/target/test-classes
 * wsclose.trace.testing.WriteExamples examples}. ExamplesTest fails when a checked-in file is stale.
 */
public final class WriteExamples {
    private WriteExamples() {
    }

    /** File name → how to build it. */
    public static Map<String, Consumer<WinsockScenario>> examples() {
        Map<String, Consumer<WinsockScenario>> m = new LinkedHashMap<>();
        m.put("close-bugs.etl", Scenarios::tour);
        m.put("lost-send-data.etl", Scenarios.all().get("lost-send-data"));
        m.put("graceful-close.etl", Scenarios.all().get("graceful-close"));
        return m;
    }

    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, Consumer<WinsockScenario>> e : examples().entrySet()) {
            WinsockScenario s = new WinsockScenario(8, 4);
            e.getValue().accept(s);
            s.writeTo(dir.resolve(e.getKey()));
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "examples"));
    }
}
