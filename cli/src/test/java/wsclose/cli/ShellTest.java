package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wsclose shell} driven through a virtual terminal: keys go in, and the assertions are on what the
 * screen shows (completion candidates, answers, one-line errors), as a person at the terminal would see it.
 */
class ShellTest {
    static final Path EXAMPLE = Example.FILE;
    private static final Example FACTS = Example.read(EXAMPLE);

    @TempDir
    Path dir;

    private VirtualTerminal vt;
    private Thread shell;
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final StringWriter out = new StringWriter();
    private AutoCloseable facts;

    @BeforeEach
    void terminal() throws Exception {
        vt = new VirtualTerminal(120, 40);
        TerminalBuilder.setTerminalOverride(vt.terminal);
        facts = Terminal.override(Terminal.Facts.of(true, 120));
    }

    @AfterEach
    void stop() throws Exception {
        if (shell != null && shell.isAlive()) {
            vt.type("\u0015exit\r"); // Ctrl-U first: a test may leave a half-typed line
            shell.join(10_000);
        }
        TerminalBuilder.setTerminalOverride(null);
        facts.close();
        vt.close();
    }

    private void start(String... args) throws InterruptedException {
        String[] all = new String[args.length + 3];
        all[0] = "shell";
        all[1] = "--history";
        all[2] = dir.resolve("history").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        shell = new Thread(() -> exit.set(Main.run(new PrintWriter(out), new PrintWriter(out), all)), "wsclose-shell");
        shell.setDaemon(true);
        shell.start();
    }

    private Path example() throws Exception {
        Path copy = dir.resolve("close-bugs.etl");
        Files.copy(EXAMPLE, copy);
        return copy;
    }

    @Test
    void tabCompletesCommandsAndTheirOptionValues() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        vt.type("ana\t");
        vt.awaitText("[close-bugs.etl]> analyze ");
        vt.type("--format \t");
        String screen = vt.await("the --format values", s -> s.contains("table") && s.contains("jsonl") && s.contains("csv"));
        assertThat(screen).contains("json");
    }

    @Test
    void commandsThatRunWscloseCompleteItsOptions() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        vt.type("events --ti\t");
        vt.awaitText("events --time ");
        vt.type("\t");
        vt.await("the --time values", s -> s.contains("utc") && s.contains("local") && s.contains("relative"));
        vt.type("\u0015trace --fail\t");
        vt.awaitText("trace --fail-on ");
        vt.type("\u0015handles --no-p\t");
        vt.awaitText("handles --no-probe ");
        vt.type("\u0015events --frob\r");
        vt.awaitText("error: Unknown option: '--frob' (try: help events)");
    }

    @Test
    void tabListsThePidsProcessesAndSocketsOfTheLoadedTrace() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        vt.type("analyze --pid \t");
        String screen = vt.await("every pid", s -> FACTS.pids().stream().allMatch(s::contains));
        assertThat(screen).contains("analyze --pid");
        String[] process = Example.uniquePrefix(FACTS.each(x -> List.of(x.process())));
        vt.type("\u0015analyze --process " + process[1] + "\t"); // Ctrl-U first: clear the line
        vt.awaitText("--process " + process[0]);
        List<String> sockets = new ArrayList<>(FACTS.each(x -> List.of(x.endpoint())));
        sockets.addAll(FACTS.each(Example.Sock::handles));
        String[] endpoint = Example.uniquePrefix(FACTS.each(x -> List.of(x.endpoint())));
        assertThat(Example.uniquePrefix(sockets.stream().filter(x -> x.startsWith("0x")).toList())).isEqualTo(endpoint);
        vt.type("\u0015timeline --socket " + endpoint[1] + "\t");
        vt.awaitText("timeline --socket " + endpoint[0]);
        String[] handle = Example.uniquePrefix(FACTS.each(Example.Sock::handles));
        vt.type("\u0015timeline --socket " + handle[1] + "\t");
        vt.awaitText("timeline --socket " + handle[0]);
    }

    @Test
    void tabCompletesTraceFilesForLoad() throws Exception {
        example();
        Files.writeString(dir.resolve("notes.txt"), "not a trace");
        start();
        vt.awaitText("wsclose>");
        vt.type("load " + dir + "/\t");
        vt.awaitText("load " + dir + "/close-bugs.etl");
        assertThat(vt.screen()).doesNotContain("notes.txt");
    }

    @Test
    void answersFromMemoryAfterTheFileIsGone() throws Exception {
        Path file = example();
        int pid = FACTS.pidWithOneSocket();
        Example.Sock sock = FACTS.sockets().stream().filter(x -> x.pid() == pid).findFirst().orElseThrow();
        String expected = cli("analyze", "--format", "json", "--pretty", "--pid", Integer.toString(pid), file.toString());
        start(file.toString());
        vt.awaitText("[close-bugs.etl]>");
        Files.delete(file);
        vt.type("analyze --format json --pretty --pid " + pid + "\r");
        String screen = vt.await("the whole report", s -> s.contains("\"lastEvent\"") && s.strip().endsWith("[close-bugs.etl]>"));
        // the first lines of the stats, as wsclose analyze printed them from the file (the rest scrolled off)
        String[] stats = expected.substring(expected.indexOf("\"stats\"")).split("\n");
        for (String line : java.util.Arrays.copyOf(stats, 8)) {
            assertThat(screen).contains(line.stripTrailing());
        }
        assertThat(screen).contains("\"selectedSockets\" : 1").doesNotContain("error:");
        vt.type("timeline --socket " + sock.handles().get(0) + "\r");
        vt.awaitText("socket " + sock.endpoint() + "  pid " + pid + " " + sock.process());
    }

    @Test
    void anErrorIsOneLineAndTheShellGoesOn() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        vt.type("timeline --socket 0x1\r");
        vt.awaitText("error: no socket 0x1");
        vt.type("frobnicate\r");
        vt.awaitText("error: unknown command 'frobnicate' (try: help)");
        vt.type("analyze --format nope\r");
        vt.awaitText("error: Invalid value for option '--format'");
        vt.type("sockets --pid " + FACTS.pidWithOneSocket() + "\r");
        vt.awaitText("1 of " + FACTS.sockets().size() + " sockets");
        assertThat(shell.isAlive()).isTrue();
        vt.type("exit\r");
        shell.join(10_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void historyRecallsEarlierLinesAndIsSaved() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        String line = "sockets --pid " + FACTS.pidWithOneSocket();
        vt.type(line + "\r");
        vt.awaitText("1 of " + FACTS.sockets().size() + " sockets");
        vt.type("\u001bOA"); // up arrow (xterm in application cursor mode, which jline turns on)
        vt.await("the recalled line", s -> s.lines().filter(l -> l.contains("> " + line)).count() == 2);
        vt.type("\u0015exit\r");
        shell.join(10_000);
        assertThat(Files.readString(dir.resolve("history"))).contains(line);
    }

    @Test
    void loadShowsAProgressBarThatIsClearedAfterwards() throws Exception {
        Path file = example();
        start();
        vt.awaitText("wsclose>");
        int before = vt.raw().length();
        vt.type("load " + file + "\r");
        vt.awaitText("loaded " + file);
        String written = vt.raw().substring(before);
        String size = "of " + wsclose.cli.render.Human.bytes(Files.size(file));
        int bar = written.indexOf(size);
        assertThat(bar).as("a progress bar was drawn").isPositive();
        String whileLoading = written.substring(0, written.indexOf('\r', bar));
        assertThat(VirtualTerminal.render(whileLoading, 120, 40)).contains("%  ").contains(size);
        assertThat(vt.screen()).doesNotContain(size);
    }

    @Test
    void findingsAreColouredBySeverity() throws Exception {
        assertThat(analyzeOutput()).contains("\u001b[1;31mERROR (");
    }

    @Test
    void noColoursUnderNoColor() throws Exception {
        facts.close();
        facts = Terminal.override(Terminal.Facts.of(true, 120).withNoColor("1"));
        assertThat(analyzeOutput()).contains("ERROR (").doesNotContain("\u001b[1;31m", "\u001b[33m", "\u001b[36m", "\u001b[1m");
    }

    /** What the shell wrote for 'analyze', escape sequences included. */
    private String analyzeOutput() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        int before = vt.raw().length();
        vt.type("analyze\r");
        vt.await("the report", x -> x.strip().endsWith("[close-bugs.etl]>") && x.contains("SOCKETS WITH FINDINGS"));
        return vt.raw().substring(before);
    }

    private static String cli(String... args) {
        StringWriter o = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(new StringWriter()), args);
        assertThat(code).isLessThanOrEqualTo(1);
        return o.toString();
    }
}
