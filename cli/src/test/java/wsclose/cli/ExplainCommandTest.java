package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import wsclose.trace.analysis.Kinds;

class ExplainCommandTest {
    static final List<String> KINDS = Kinds.ALL;

    @Test
    void withoutAKindListsEveryKind() {
        Cli r = Cli.run("explain");
        assertThat(r.code()).isZero();
        for (String k : Kinds.ALL) {
            assertThat(r.out()).containsPattern("(?m)^" + k + " +(error|warning|info) +\\S");
        }
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void explainsTheRuleTheTraceAndTheFix(String kind) {
        Cli r = Cli.run("explain", kind);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith(kind + "  severity: ").contains("\nRULE\n", "\nDOCUMENTS\n  - ", "\nIN A TRACE\n", "\nFIX\n");
    }

    @Test
    void kindsAreCaseInsensitiveAndUnknownOnesAreAUsageError() {
        assertThat(Cli.run("explain", "LEAK").out()).startsWith("leak  severity: ");
        Cli r = Cli.run("explain", "nope");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("wsclose explain: unknown finding kind 'nope': use one of use-after-close,")
                .doesNotContain("\n");
    }

    @Test
    void jsonHasTheSameSections() throws Exception {
        JsonNode one = new ObjectMapper().readTree(Cli.run("explain", "--format", "json", "double-close").out());
        assertThat(one.get("format").asInt()).isEqualTo(1);
        assertThat(one.get("kind").asText()).isEqualTo("double-close");
        for (String f : List.of("rule", "docs", "trace", "fix")) {
            assertThat(one.get(f).isArray() && one.get(f).size() > 0).as(f).isTrue();
        }
        JsonNode all = new ObjectMapper().readTree(Cli.run("explain", "--format", "json").out());
        assertThat(all.get("kinds").size()).isEqualTo(Kinds.ALL.size());
    }
}
