package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.cli.complete.CommandTree;

class ManPagesTest {
    @Test
    void onePagePerCommandWithItsOptions(@TempDir Path dir) throws Exception {
        ManPages.write(dir.toFile(), "9.8.7");
        CommandTree root = CommandTree.of(Main.commandLine());
        Path top = dir.resolve("wsclose.adoc");
        assertThat(Files.readString(top)).contains(":doctype: manpage", "= wsclose(1)", "analyze", "Exit codes")
                .contains("wsclose 9.8.7").doesNotContain("development build");
        for (CommandTree c : root.subcommands()) {
            Path page = dir.resolve("wsclose-" + c.name() + ".adoc");
            assertThat(page).exists();
            String text = Files.readString(page);
            assertThat(text).as("version of %s", c.name()).contains("wsclose 9.8.7").doesNotContain("development build");
            for (CommandTree.Opt o : c.options()) {
                assertThat(text).as("%s %s", c.name(), o.longest()).contains(o.longest());
            }
        }
    }
}
