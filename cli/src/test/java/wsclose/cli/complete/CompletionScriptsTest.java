package wsclose.cli.complete;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wsclose.cli.Main;

/**
 * The scripts checked into completions/ are exactly what the command model generates now. When a command or
 * option changes, this test fails and prints the command that regenerates them.
 */
class CompletionScriptsTest {
    static final String REGENERATE = "mvn -q -pl cli -am test -Dtest=CompletionScriptsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dwsclose.updateCompletions=true";

    @ParameterizedTest
    @EnumSource(Shell.class)
    void checkedInScriptIsCurrent(Shell shell) throws IOException {
        String now = shell.script(Main.commandLine());
        Path file = Repo.completions().resolve(shell.fileName());
        if (Boolean.getBoolean("wsclose.updateCompletions")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, now, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as("completions/%s is missing; create it with:%n  %s", shell.fileName(), REGENERATE).isTrue();
        String checkedIn = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(checkedIn).as("completions/%s is stale (the commands changed). Regenerate all scripts with:%n  %s%n"
                + "or this one with:%n  ./wsclose completion %s > completions/%s", shell.fileName(), REGENERATE, shell,
                shell.fileName()).isEqualTo(now);
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void scriptsUseLineFeedsOnly(Shell shell) {
        String s = shell.script(Main.commandLine());
        assertThat(s).doesNotContain("\r").endsWith("\n");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void installStepsAreOursNotPicocliGenericOnes(Shell shell) {
        String s = shell.script(Main.commandLine());
        // picocli's block tells users to source "*_completion" files from $YOUR_APP_HOME/bin in ~/.bash_profile
        assertThat(s).doesNotContain("YOUR_APP_HOME").doesNotContain("_completion\"").doesNotContain("(see [");
        if (shell == Shell.bash) {
            assertThat(s).contains("~/.local/share/bash-completion/completions/wsclose");
        }
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void theCompletionCommandPrintsTheScript(Shell shell) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "completion", shell.name());
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo(shell.script(Main.commandLine()));
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void everyCommandOptionAndValueIsInTheScript(Shell shell) {
        String s = shell.script(Main.commandLine());
        CommandTree root = CommandTree.of(Main.commandLine());
        for (CommandTree c : root.all()) {
            assertThat(s).contains(c.name());
            for (CommandTree.Opt o : c.options()) {
                String longest = o.longest();
                assertThat(s).as("%s %s", c.pathString(), longest)
                        .contains(shell == Shell.fish && longest.startsWith("--") ? "-l " + longest.substring(2) : longest);
                for (String v : o.values()) {
                    assertThat(s).as("%s %s %s", c.pathString(), longest, v).contains(v);
                }
            }
            for (CommandTree.Arg a : c.positionals()) {
                for (String v : a.values()) {
                    assertThat(s).contains(v);
                }
            }
        }
    }

    @Test
    void theTreeHasTheCommandsAndTheirValues() {
        CommandTree root = CommandTree.of(Main.commandLine());
        assertThat(root.subcommands()).extracting(CommandTree::name)
                .contains("analyze", "timeline", "summary", "events", "explain", "completion");
        CommandTree analyze = root.subcommands().stream().filter(c -> c.name().equals("analyze")).findFirst().orElseThrow();
        assertThat(analyze.options()).filteredOn(o -> o.names().contains("--format")).singleElement()
                .satisfies(o -> assertThat(o.values()).containsExactly("table", "json", "jsonl", "csv"));
        assertThat(analyze.options()).filteredOn(o -> o.names().contains("--fail-on")).singleElement()
                .satisfies(o -> assertThat(o.values()).containsExactly("error", "warning", "info", "never"));
        assertThat(analyze.options()).filteredOn(o -> o.names().contains("--quiet")).singleElement()
                .satisfies(o -> assertThat(o.takesValue()).isFalse());
        assertThat(analyze.positionals()).singleElement().satisfies(a -> {
            assertThat(a.files()).isTrue();
            assertThat(a.extensions()).containsExactly("etl", "jsonl");
        });
        CommandTree summary = root.subcommands().stream().filter(c -> c.name().equals("summary")).findFirst().orElseThrow();
        assertThat(summary.positionals()).singleElement().satisfies(a -> assertThat(a.extensions()).containsExactly("etl"));
        CommandTree explain = root.subcommands().stream().filter(c -> c.name().equals("explain")).findFirst().orElseThrow();
        assertThat(explain.positionals()).singleElement().satisfies(a -> assertThat(a.values())
                .containsExactlyElementsOf(wsclose.trace.analysis.Kinds.ALL));
    }

    @Test
    void powerShellScriptIsAsciiAndBalanced() {
        String s = Shell.powershell.script(Main.commandLine());
        assertThat(s.chars().allMatch(c -> c < 0x80)).as("ASCII only").isTrue();
        assertThat(s).contains("Register-ArgumentCompleter -Native -CommandName 'wsclose', 'wsclose.cmd'");
        assertThat(count(s, '{')).isEqualTo(count(s, '}'));
        assertThat(count(s, '(')).isEqualTo(count(s, ')'));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
