package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final Path EXAMPLE = Path.of("..", "examples", "close-bugs.etl");

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
    void tabListsThePidsProcessesAndSocketsOfTheLoadedTrace() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        vt.type("analyze --pid \t");
        String screen = vt.await("pids", s -> s.contains("2000") && s.contains("2966"));
        assertThat(screen).contains("880", "2100", "2700", "2900");
        vt.type("\u0015"); // Ctrl-U: clear the line
        vt.type("analyze --process le\t");
        vt.awaitText("--process leaky.exe");
        vt.type("\u0015timeline --socket 0xffffa50c3e5f04\t");
        vt.awaitText("timeline --socket 0xffffa50c3e5f0400");
        vt.type("\u0015timeline --socket 2100:\t");
        vt.awaitText("timeline --socket 2100:0x1b0");
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
        String expected = cli("analyze", "--format", "json", "--pid", "2300", file.toString());
        start(file.toString());
        vt.awaitText("[close-bugs.etl]>");
        Files.delete(file);
        vt.type("analyze --format json --pid 2300\r");
        String screen = vt.await("the whole report", s -> s.contains("\"lastEvent\"") && s.strip().endsWith("[close-bugs.etl]>"));
        assertThat(screen).contains("\"selectedSockets\" : 1", "\"error\" : 2", "\"lastEvent\" : \"2024-01-01T23:04:10.0300000Z\"").doesNotContain("error:");
        assertThat(expected).contains("\"selectedSockets\" : 1", "\"error\" : 2");
        vt.type("timeline --socket 2300:0x1d4\r");
        vt.awaitText("socket 0xffffa50c3e5f0800  pid 2300 worker.exe");
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
        vt.type("sockets --pid 2500\r");
        vt.awaitText("1 of 12 sockets");
        assertThat(shell.isAlive()).isTrue();
        vt.type("exit\r");
        shell.join(10_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void historyRecallsEarlierLinesAndIsSaved() throws Exception {
        start(example().toString());
        vt.awaitText("[close-bugs.etl]>");
        vt.type("sockets --process app.exe\r");
        vt.awaitText("1 of 12 sockets");
        vt.type("\u001bOA"); // up arrow (xterm in application cursor mode, which jline turns on)
        vt.await("the recalled line", s -> s.lines().filter(l -> l.contains("> sockets --process app.exe")).count() == 2);
        vt.type("\u0015exit\r");
        shell.join(10_000);
        assertThat(Files.readString(dir.resolve("history"))).contains("sockets --process app.exe");
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
        int bar = written.indexOf("of 64.0 KiB");
        assertThat(bar).as("a progress bar was drawn").isPositive();
        String whileLoading = written.substring(0, written.indexOf('\r', bar));
        assertThat(VirtualTerminal.render(whileLoading, 120, 40)).contains("%  ").contains("of 64.0 KiB");
        assertThat(vt.screen()).doesNotContain("of 64.0 KiB");
    }

    private static String cli(String... args) {
        StringWriter o = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(new StringWriter()), args);
        assertThat(code).isLessThanOrEqualTo(1);
        return o.toString();
    }
}
