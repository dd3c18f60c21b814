package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tree a run builds ({@link Main#commandLine(String...)}) says and does what the whole tree does. */
class MainTest {
    @Test
    void theNamesAreTheCommandsOwn() {
        List<String> names = new ArrayList<>();
        for (String n : Main.SUBCOMMANDS) {
            names.add(new CommandLine(Main.newCommand(n)).getCommandName());
        }
        assertThat(names).containsExactlyElementsOf(Main.SUBCOMMANDS);
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS);
    }

    @Test
    void aNamedCommandIsBuiltAloneAndReadsAsInTheWholeTree() {
        CommandLine whole = Main.commandLine();
        for (String name : Main.SUBCOMMANDS) {
            if (name.equals("help")) {
                assertThat(Main.commandLine("help", "analyze").getSubcommands()).hasSameSizeAs(Main.SUBCOMMANDS);
                continue;
            }
            CommandLine alone = Main.commandLine(name, "--help");
            assertThat(alone.getSubcommands().keySet()).containsExactly(name);
            CommandLine sub = alone.getSubcommands().get(name);
            CommandLine same = whole.getSubcommands().get(name);
            assertThat(sub.getUsageMessage()).isEqualTo(same.getUsageMessage());
            assertThat(sub.getSubcommands().keySet()).isEqualTo(same.getSubcommands().keySet());
            for (String nested : same.getSubcommands().keySet()) {
                assertThat(sub.getSubcommands().get(nested).getUsageMessage())
                        .isEqualTo(same.getSubcommands().get(nested).getUsageMessage());
            }
            assertThat(sub.isCaseInsensitiveEnumValuesAllowed()).isTrue();
            assertThat(sub.getExecutionExceptionHandler()).isSameAs(same.getExecutionExceptionHandler());
        }
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"--verbose", "analyze"},
                new String[] {"analyse", "x.etl"}, new String[] {"--version", "analyze"})) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Main.SUBCOMMANDS);
        }
        assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
        assertThat(Cli.run("--version").out()).isEqualTo(Cli.run("--version", "--verbose").out());
        assertThat(Cli.run("--version").out()).contains("wsclose ");
    }
}
