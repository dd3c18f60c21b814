package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every finding kind has its explanation: the rule (with the documents that state it), the trace signs, the fix. */
class ExplanationsTest {
    static final List<String> KINDS = Kinds.ALL;

    @ParameterizedTest
    @FieldSource("KINDS")
    void everyKindIsExplained(String kind) {
        Explanations.Explanation e = Explanations.of(kind).orElseThrow(() -> new AssertionError("no explanation for " + kind));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.title()).isNotBlank().endsWith(".");
        assertThat(e.severity()).containsAnyOf("error", "warning", "info");
        assertThat(e.rule()).isNotEmpty().allMatch(p -> p.length() > 80);
        assertThat(e.docs()).as("the documents behind the rule").isNotEmpty()
                .anyMatch(d -> d.startsWith("Microsoft Learn, \"") || d.startsWith("Microsoft Support"));
        assertThat(e.trace()).as("how it shows in a trace").isNotEmpty()
                .anyMatch(p -> p.contains("Microsoft-Windows-Winsock-AFD") || p.contains("Microsoft-Windows-Winsock-Sockets"));
        assertThat(e.fix()).as("how to fix the code").isNotEmpty();
    }

    @Test
    void onlyKnownKindsInKindOrder() {
        assertThat(Explanations.all()).extracting(Explanations.Explanation::kind).containsExactlyElementsOf(Kinds.ALL);
        assertThat(Explanations.of("no-such-kind")).isEmpty();
    }

    @Test
    void theFormatJoinsLinesIntoParagraphsAndKeepsReferencesApart() {
        Map<String, Explanations.Explanation> m = Explanations.parse(List.of(
                "# a comment", "=== k", "--- title", "A title.", "--- rule", "one", "two", "", "three",
                "--- docs", "Doc A", "", "Doc B", "--- trace", "t", "--- fix", "f"));
        Explanations.Explanation e = m.get("k");
        assertThat(e.title()).isEqualTo("A title.");
        assertThat(e.rule()).containsExactly("one two", "three");
        assertThat(e.docs()).containsExactly("Doc A", "Doc B");
        assertThat(e.trace()).containsExactly("t");
        assertThat(e.fix()).containsExactly("f");
    }
}
