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
    /** The socket of the example's unread-data-reset finding (an error). */
    static final String SOCKET = socketOf("unread-data-reset");
    private static final String RED = "\u001b[1;31m";
    private static final String YELLOW = "\u001b[33m";
    private AutoCloseable facts;

    private static String socketOf(String kind) {
        for (String line : Cli.run("analyze", "--format", "csv", FILE).out().split("\n")) {
            if (line.startsWith(kind + ",")) {
                return line.split(",")[3];
            }
        }
        throw new AssertionError("the example has no " + kind + " finding");
    }

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
        assertThat(r.out()).containsPattern(java.util.regex.Pattern.quote(RED) + "ERROR \\(\\d+\\)")
                .containsPattern(java.util.regex.Pattern.quote(YELLOW) + "WARNING \\(\\d+\\)")
                .contains(RED + "unread-data-reset" + "\u001b[0m");
        assertThat(Cli.run("timeline", "--socket", SOCKET, FILE).out()).contains(RED + "error unread-data-reset");
    }

    @Test
    void noColourUnderNoColor() {
        terminal(Terminal.Facts.of(true, 120).withNoColor("1"));
        for (List<String> args : List.of(List.of("analyze", FILE), List.of("timeline", "--socket", SOCKET, FILE),
                List.of("explain", "leak"))) {
            assertThat(Cli.run(args.toArray(String[]::new)).out()).as("%s", args).doesNotContain("\u001b[");
        }
    }

    @Test
    void noColourWithTheOptionOrWhenNotATerminal() {
        terminal(Terminal.Facts.of(true, 120));
        assertThat(Cli.run("analyze", "--no-color", FILE).out()).doesNotContain("\u001b[");
        terminal(Terminal.Facts.of(false, 0));
        assertThat(Cli.run("analyze", FILE).out()).doesNotContain("\u001b[").containsPattern("(?m)^ERROR \\(\\d+\\)$");
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 80, 100, 132})
    void linesFitTheTerminal(int width) {
        terminal(Terminal.Facts.of(true, width).withNoColor("1"));
        for (List<String> args : List.of(List.of("analyze", FILE), List.of("timeline", "--socket", SOCKET, FILE),
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
        String narrow = Cli.run("analyze", FILE).out();
        String header = narrow.lines().filter(l -> l.contains("ENDPOINT")).findFirst().orElseThrow();
        assertThat(header).contains("ENDPOINT", "PID", "PROCESS", "CLOSED").doesNotContain("CREATED");
        assertThat(narrow).as("the columns left out are named").contains("(left out at 80 columns:").contains("CREATED");
    }

    @Test
    void timesFollowTheTimeOption() {
        terminal(Terminal.Facts.of(false, 0));
        assertThat(Cli.run("events", "--time", "relative", "--limit", "2", FILE).out().lines())
                .allMatch(l -> l.startsWith("+0.0000000s  "));
        assertThat(Cli.run("events", "--time", "local", "--limit", "1", FILE).out())
                .containsPattern("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{7} [+-]\\d\\d:\\d\\d  Kernel/EventTrace");
        assertThat(Cli.run("events", "--limit", "1", FILE).out()).containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z  ");
        assertThat(Cli.run("summary", "--time", "relative", FILE).out())
                .containsPattern("(?m)^time        \\+0\\.\\d{7}s \\.\\. \\+\\d+\\.\\d{7}s \\(");
        assertThat(Cli.run("timeline", "--time", "relative", "--socket", SOCKET, FILE).out())
                .containsPattern("(?m)^  \\+\\d+\\.\\d{7}s +\\d+  RST sent");
        assertThat(Cli.run("analyze", "--time", "relative", FILE).out())
                .containsPattern("from \\d{4}-\\d\\d-\\d\\dT[\\d:.]{16}Z to \\d{4}-")
                .containsPattern("unread-data-reset  \\+\\d+\\.\\d{7}s  socket");
        assertThat(Cli.run("events", "--time", "relative", "--format", "jsonl", "--limit", "1", FILE).out())
                .containsPattern("\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyze", "summary", "events --count", "timeline --socket SOCKET"})
    void readsDrawAProgressBarOnStderrAndClearIt(String command) {
        terminal(new Terminal.Facts(false, true, 100, null, 0));
        List<String> args = new java.util.ArrayList<>(List.of(command.replace("SOCKET", SOCKET).split(" ")));
        args.add(FILE);
        Cli r = Cli.run(args.toArray(String[]::new));
        String size = " of " + wsclose.cli.render.Human.bytes(ShellTest.EXAMPLE.toFile().length());
        assertThat(r.err()).as("the bar was drawn").contains(size);
        int end = r.err().lastIndexOf('\r', r.err().length() - 2);
        assertThat(VirtualTerminal.render(r.err().substring(0, end), 100, 5)).contains("% ", size);
        assertThat(VirtualTerminal.render(r.err(), 100, 5).strip()).as("the screen after the command").isEmpty();
        assertThat(r.out()).doesNotContain(size);
    }

    @Test
    void noProgressWithQuietOrWithoutATerminal() {
        terminal(new Terminal.Facts(false, true, 100, null, 0));
        assertThat(Cli.run("analyze", "--quiet", FILE).err()).isEmpty();
        assertThat(Cli.run("events", FILE).err()).as("data streams to stdout, stderr is a terminal").contains("% ");
        terminal(new Terminal.Facts(true, false, 100, null, 0));
        assertThat(Cli.run("analyze", FILE).err()).isEmpty();
        terminal(new Terminal.Facts(true, true, 100, null, 0));
        assertThat(Cli.run("events", FILE).err()).as("events streaming to the same terminal").isEmpty();
        assertThat(Cli.run("analyze", "--format", "jsonl", FILE).err()).isEmpty();
    }
}
