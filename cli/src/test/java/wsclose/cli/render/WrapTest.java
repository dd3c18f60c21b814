package wsclose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table's word wrap cuts by index; it must wrap exactly as the split-and-join wrap it replaced. */
class WrapTest {
    /** The previous wrap, kept here as the reference. */
    private static List<String> reference(String text, int w) {
        List<String> out = new ArrayList<>();
        int max = Math.max(w, 30);
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }

    @Test
    void wrapsAsTheSplitWrapDid() {
        Random r = new Random(3);
        char[] scratch = new char[4096];
        java.util.Arrays.fill(scratch, 'z');
        String[] words = {"a", "socket", "0xffffa50c40002600", "", "10.0.0.5:57972", "->", "reset", "x".repeat(45)};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append(k == 0 && r.nextInt(5) > 0 ? "" : " ").append(words[r.nextInt(words.length)]);
            }
            String text = sb.toString();
            int w = 10 + r.nextInt(100);
            assertThat(TableReportWriter.wrap(text, w)).as("[%s] at %d", text, w).isEqualTo(reference(text, w));
            // evidence lines are wrapped straight from the writer's reused StringBuilder: the same cuts
            List<String> fromBuilder = new ArrayList<>();
            TableReportWriter.lines(sb, w, (a, b) -> fromBuilder.add(sb.substring(a, b)));
            assertThat(fromBuilder).as("[%s] at %d from a StringBuilder", text, w).isEqualTo(reference(text, w));
            // and through the writer's one character array, which still holds the longer texts before this one
            List<String> reused = new ArrayList<>();
            TableReportWriter.lines(sb, w, (a, b) -> reused.add(sb.substring(a, b)), scratch);
            assertThat(reused).as("[%s] at %d through a reused array", text, w).isEqualTo(reference(text, w));
        }
        assertThat(TableReportWriter.wrap("", 40)).isEmpty();
        assertThat(TableReportWriter.wrap("one two", 40)).containsExactly("one two");
    }
}
