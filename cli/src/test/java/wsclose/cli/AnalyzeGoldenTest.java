package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/** {@code analyze --format json} of every scenario against its golden JSON (style-study.md §6 "Analysis tests"). */
class AnalyzeGoldenTest {
    @TempDir
    Path dir;

    static Stream<String> scenarios() {
        return Scenarios.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void jsonMatchesGolden(String name) throws Exception {
        WinsockScenario s = new WinsockScenario(8, 4);
        Scenarios.all().get(name).accept(s);
        Path f = dir.resolve(name + ".etl");
        s.writeTo(f);
        Cli r = Cli.run("analyze", "--format", "json", "--all-sockets", "--pretty", "--fail-on", "never", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String json = r.out().replace(f.toString().replace("\\", "\\\\"), name + ".etl");
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("findings").findValuesAsText("kind")).allMatch(k -> Scenarios.clean(name) ? false
                : k.equals(name) || k.equals("lost-send-data"));
        Golden.check("analyze/" + name + ".json", json);
    }
}
