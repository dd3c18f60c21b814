package wsclose.cli.complete;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.cli.Main;

/**
 * Runs each completion script in its real shell and checks what it offers for a few command lines, in a
 * directory holding a.etl, b.jsonl, c.txt and sub/d.etl. bash must be there (it is on every Linux and macOS
 * build machine); zsh, fish and pwsh are used when installed, and the test says when one is skipped.
 */
class ShellCompletionTest {
    /** Command line (completing its last word) and the candidates expected, directories without a trailing slash. */
    private static final Map<List<String>, List<String>> CASES = new LinkedHashMap<>();

    static {
        CASES.put(List.of("wsclose", "an"), List.of("analyze"));
        CASES.put(List.of("wsclose", "analyze", "--format", ""), List.of("csv", "json", "jsonl", "table"));
        CASES.put(List.of("wsclose", "analyze", "--fail-on", "w"), List.of("warning"));
        CASES.put(List.of("wsclose", "timeline", "--time", "r"), List.of("relative"));
        CASES.put(List.of("wsclose", "explain", "d"), List.of("double-close"));
        CASES.put(List.of("wsclose", "completion", "p"), List.of("powershell"));
        CASES.put(List.of("wsclose", "analyze", ""), List.of("a.etl", "b.jsonl", "sub"));
        CASES.put(List.of("wsclose", "summary", ""), List.of("a.etl", "sub"));
        CASES.put(List.of("wsclose", "summary", "sub/"), List.of("sub/d.etl"));
        CASES.put(List.of("wsclose", "events", "--manifest", "sub/"), List.of("sub/d.etl", "sub/e.log"));
        CASES.put(List.of("wsclose", "events", "--form"), List.of("--format"));
    }

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        for (String f : List.of("a.etl", "b.jsonl", "c.txt", "sub/d.etl", "sub/e.log")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
    }

    @Test
    void bash() throws Exception {
        Path bash = ShellProcess.find("bash");
        Assumptions.assumeTrue(bash != null && !windows(), () -> skip("bash"));
        StringBuilder s = new StringBuilder("source " + sh(script(Shell.bash)) + "\ncompopt() { :; }\n");
        s.append("comp() {\n  COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}\n")
                .append("  COMPREPLY=(); _complete_wsclose; printf '%s\\n' \"${COMPREPLY[@]}\"; echo '@@'\n}\n");
        check(ShellProcess.run(bash, List.of("--norc", "--noprofile"), dir, calls(s)));
    }

    @Test
    void zsh() throws Exception {
        Path zsh = ShellProcess.find("zsh");
        Assumptions.assumeTrue(zsh != null, () -> skip("zsh"));
        // zsh runs the bash script through bashcompinit; its compgen leaves filtering by the typed prefix to
        // zsh's compadd, so the harness filters the same way.
        StringBuilder s = new StringBuilder("autoload -U +X compinit && compinit -u\nsource " + sh(script(Shell.zsh)) + "\n");
        s.append("comp() {\n  emulate -L sh\n  setopt kshglob noshglob braceexpand\n")
                .append("  COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}\n")
                .append("  PREFIX=\"${COMP_WORDS[COMP_CWORD]}\"\n")
                .append("  COMPREPLY=(); _complete_wsclose 2>/dev/null\n")
                .append("  for c in \"${COMPREPLY[@]}\"; do case \"$c\" in \"$PREFIX\"*) printf '%s\\n' \"$c\" ;; esac; done; echo '@@'\n}\n");
        check(ShellProcess.run(zsh, List.of("-f"), dir, calls(s)));
    }

    @Test
    void fish() throws Exception {
        Path fish = ShellProcess.find("fish");
        Assumptions.assumeTrue(fish != null, () -> skip("fish"));
        StringBuilder s = new StringBuilder("source " + sh(script(Shell.fish)) + "\n");
        for (List<String> line : CASES.keySet()) {
            s.append("complete -C ").append(sh(String.join(" ", line))).append(" | string replace -r '\\t.*' ''\necho '@@'\n");
        }
        check(ShellProcess.run(fish, List.of("-N"), dir, s.toString()));
    }

    @Test
    void powershell() throws Exception {
        Path pwsh = ShellProcess.find("pwsh");
        Assumptions.assumeTrue(pwsh != null, () -> skip("pwsh"));
        StringBuilder s = new StringBuilder(". " + ps(script(Shell.powershell)) + "\n");
        for (List<String> line : CASES.keySet()) {
            String input = String.join(" ", line);
            s.append("(TabExpansion2 -inputScript ").append(ps(input)).append(" -cursorColumn ").append(input.length())
                    .append(").CompletionMatches | ForEach-Object { $_.ListItemText }\n'@@'\n");
        }
        check(ShellProcess.run(pwsh, List.of("-NoProfile", "-NonInteractive", "-File"), dir, s.toString()));
    }

    private String script(Shell shell) throws IOException {
        Path p = Files.createTempFile("wsclose-completion", "." + shell.name());
        p.toFile().deleteOnExit();
        Files.writeString(p, shell.script(Main.commandLine()), StandardCharsets.UTF_8);
        return p.toString();
    }

    private static String calls(StringBuilder s) {
        for (List<String> line : CASES.keySet()) {
            s.append("comp");
            for (String w : line) {
                s.append(' ').append(sh(w));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Splits the output at the @@ markers and compares each block with its case. */
    private static void check(String output) {
        List<TreeSet<String>> blocks = new ArrayList<>();
        TreeSet<String> cur = new TreeSet<>();
        for (String l : output.split("\\R")) {
            if (l.equals("@@")) {
                blocks.add(cur);
                cur = new TreeSet<>();
            } else if (!l.isBlank()) {
                cur.add(l.strip().replaceAll("[/\\\\]$", "").replace('\\', '/').replaceAll("^\\./", ""));
            }
        }
        assertThat(blocks).as("one answer per case in:%n%s", output).hasSize(CASES.size());
        int i = 0;
        for (Map.Entry<List<String>, List<String>> c : CASES.entrySet()) {
            assertThat(blocks.get(i++)).as("completing '%s'", String.join(" ", c.getKey()))
                    .containsExactlyElementsOf(new TreeSet<>(c.getValue()));
        }
    }

    private static String sh(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String ps(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static boolean windows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    private static String skip(String shell) {
        String why = shell + " is not installed here: its completion script was not run (install " + shell + " to run it)";
        System.out.println("ShellCompletionTest: " + why);
        return why;
    }
}
