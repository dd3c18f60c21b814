package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a person sees at a terminal, with the terminal facts forced through the {@link Terminal} seam: colours by
 * severity (off under NO_COLOR and --no-color), tables cut to the terminal width, --time everywhere text shows
 * times, and a progress bar on stderr that is gone when the command ends.
 */
class OutputPolishTest {
    static final String FILE = ShellTest.EXAMPLE.toString();
    private static final String RED = "\u001b[1;31m";
    private static final String YELLOW = "\u001b[33m";
    private AutoCloseable facts;

    @AfterEach
    void restore() throws Exception {
        if (facts != null) {
            facts.close();
        }
    }

    private void terminal(Terminal.Facts f) {
        restoreQuietly();
        facts = Terminal.override(f);
    }

    private void restoreQuietly() {
        try {
            restore();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        facts = null;
    }

    @Test
    void findingsAreColouredBySeverityOnATerminal() {
        terminal(Terminal.Facts.of(true, 120));
        Cli r = Cli.run("analyze", FILE);
        assertThat(r.out()).contains(RED + "ERROR (7)", RED + "unread-data-reset" + "\u001b[0m", YELLOW + "WARNING (3)");
        assertThat(Cli.run("timeline", "--socket", "0xffffa50c3e5f0400", FILE).out()).contains(RED + "error unread-data-reset");
    }

    @Test
    void noColourUnderNoColor() {
        terminal(Terminal.Facts.of(true, 120).withNoColor("1"));
        for (List<String> args : List.of(List.of("analyze", FILE), List.of("timeline", "--socket", "0xffffa50c3e5f0400", FILE),
                List.of("explain", "leak"))) {
            assertThat(Cli.run(args.toArray(String[]::new)).out()).as("%s", args).doesNotContain("\u001b[");
        }
    }

    @Test
    void noColourWithTheOptionOrWhenNotATerminal() {
        terminal(Terminal.Facts.of(true, 120));
        assertThat(Cli.run("analyze", "--no-color", FILE).out()).doesNotContain("\u001b[");
        terminal(Terminal.Facts.of(false, 0));
        assertThat(Cli.run("analyze", FILE).out()).doesNotContain("\u001b[").contains("ERROR (7)");
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 100, 132})
    void linesFitTheTerminal(int width) {
        terminal(Terminal.Facts.of(true, width).withNoColor("1"));
        for (List<String> args : List.of(List.of("analyze", FILE), List.of("timeline", "--socket", "2700:0x214", FILE),
                List.of("summary", FILE), List.of("explain"), List.of("explain", "handle-reuse"))) {
            String out = Cli.run(args.toArray(String[]::new)).out();
            for (String line : out.split("\n")) {
                assertThat(line.codePointCount(0, line.length())).as("%s at width %d: %s", args, width, line).isLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    void aWideTerminalShowsEveryColumn() {
        terminal(Terminal.Facts.of(true, 250).withNoColor("1"));
        assertThat(Cli.run("analyze", FILE).out()).contains("ENDPOINT", "HANDLES", "LOCAL", "REMOTE", "CREATED", "CLOSED", "REFS", "STATE");
        terminal(Terminal.Facts.of(true, 80).withNoColor("1"));
        assertThat(Cli.run("analyze", FILE).out()).contains("ENDPOINT", "PID", "PROCESS", "CLOSED").doesNotContain("CREATED");
    }

    @Test
    void timesFollowTheTimeOption() {
        terminal(Terminal.Facts.of(false, 0));
        assertThat(Cli.run("events", "--time", "relative", "--limit", "2", FILE).out().lines())
                .allMatch(l -> l.startsWith("+0.0000000s  "));
        assertThat(Cli.run("events", "--time", "local", "--limit", "1", FILE).out())
                .containsPattern("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{7} [+-]\\d\\d:\\d\\d  Kernel/EventTrace");
        assertThat(Cli.run("events", "--limit", "1", FILE).out()).startsWith("2024-01-01T23:04:05.0000000Z  ");
        assertThat(Cli.run("summary", "--time", "relative", FILE).out()).contains("time        +0.0000000s .. +5.0300000s (5.0 s)");
        assertThat(Cli.run("timeline", "--time", "relative", "--socket", "0xffffa50c3e5f0400", FILE).out())
                .contains("+0.0200750s     0  RST sent");
        assertThat(Cli.run("analyze", "--time", "relative", FILE).out())
                .contains("from 2024-01-01T23:04:05.0000000Z to 2024-01-01T23:04:10.0300000Z")
                .contains("unread-data-reset  +0.0200500s");
        assertThat(Cli.run("events", "--time", "relative", "--format", "jsonl", "--limit", "1", FILE).out())
                .contains("\"time\":\"2024-01-01T23:04:05.0000000Z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "summary", "events --count", "timeline --socket 0xffffa50c3e5f0400"})
    void readsDrawAProgressBarOnStderrAndClearIt(String command) {
        terminal(new Terminal.Facts(false, true, 100, null, 0));
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add(FILE);
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.err()).as("the bar was drawn").contains("of 64.0 KiB");
        int end = r.err().lastIndexOf('\r', r.err().length() - 2);
        assertThat(VirtualTerminal.render(r.err().substring(0, end), 100, 5)).contains("% ", " KiB of 64.0 KiB");
        assertThat(VirtualTerminal.render(r.err(), 100, 5).strip()).as("the screen after the command").isEmpty();
        assertThat(r.out()).doesNotContain("KiB of");
    }

    @Test
    void noProgressWithQuietOrWithoutATerminal() {
        terminal(new Terminal.Facts(false, true, 100, null, 0));
        assertThat(Cli.run("analyze", "--quiet", FILE).err()).isEmpty();
        assertThat(Cli.run("events", "--limit", "400", FILE).err()).as("data streams to stdout, stderr is a terminal").contains("KiB of");
        terminal(new Terminal.Facts(true, false, 100, null, 0));
        assertThat(Cli.run("analyze", FILE).err()).isEmpty();
        terminal(new Terminal.Facts(true, true, 100, null, 0));
        assertThat(Cli.run("events", FILE).err()).as("events streaming to the same terminal").isEmpty();
        assertThat(Cli.run("analyze", "--format", "jsonl", FILE).err()).isEmpty();
    }
}
