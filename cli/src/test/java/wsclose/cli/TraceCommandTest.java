package wsclose.cli;

import wsclose.trace.testing.Python;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code wsclose trace} end to end on a Python child (root and tracefs needed; skipped with the reason otherwise). */
@EnabledOnOs(OS.LINUX)
@Timeout(90)
class TraceCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USE_AFTER_CLOSE = """
            import socket, os
            l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
            c = socket.socket(); c.connect(l.getsockname())
            a, _ = l.accept()
            fd = c.fileno()
            os.write(fd, b"x"); a.recv(1)
            c.close()
            try: os.write(fd, b"y")
            except OSError: pass
            a.close(); l.close()
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tracing() {
        Python.skipUnless(Python.root(), "wsclose trace needs root");
        Python.skipUnless(Files.isDirectory(Path.of("/sys/kernel/tracing")), "no tracefs mount point");
    }

    private Cli trace(String script, String... options) throws IOException {
        Path py = Python.script(dir, "child", script);
        List<String> a = new ArrayList<>(List.of("trace"));
        a.addAll(List.of(options));
        a.addAll(List.of("--", Python.exe(), py.toString()));
        return Cli.run(a.toArray(new String[0]));
    }

    @Test
    void jsonReportHasTheAnalyzeSchemaAndTheExitCodeFollowsFailOn() throws IOException {
        Cli r = trace(USE_AFTER_CLOSE, "--format", "json", "--all-sockets");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("source")).hasSize(1);
        assertThat(doc.get("source").get(0).asText()).startsWith("live: linux ");
        List<String> kinds = new ArrayList<>();
        doc.get("findings").forEach(f -> kinds.add(f.get("kind").asText()));
        assertThat(kinds).containsExactly("use-after-close");
        assertThat(doc.get("sockets").size()).isEqualTo(3);
        doc.get("sockets").forEach(s -> {
            // a decimal inode, or the cookie of a socket closed before its inode was read; both as ss -e writes them
            assertThat(s.get("endpoint").asText()).matches("[1-9][0-9]*|sk:[0-9a-f]+");
            s.get("handles").forEach(h -> assertThat(h.get("handle").asText()).as("a decimal fd").matches("[0-9]+"));
        });
        doc.get("findings").forEach(f -> assertThat(f.get("handle").asText()).matches("[0-9]+"));
        assertThat(r.out()).as("unknown numbers are null").doesNotContain(": -1");
        assertThat(doc.get("stats").get("eventsLost").asLong()).isZero();
        assertThat(doc.get("stats").get("sourcesPresent").toString()).contains("Linux tracefs");
        assertThat(r.err()).contains("COMMAND exited with 0").contains("0 lost (tracefs overruns)");
        Cli never = trace(USE_AFTER_CLOSE, "--format", "json", "--fail-on", "never");
        assertThat(never.code()).isZero();
    }

    @Test
    void savedEventsAnalyseToTheSameFindings() throws IOException {
        Path log = dir.resolve("events.jsonl");
        Cli r = trace(USE_AFTER_CLOSE, "--format", "jsonl", "--save", log.toString(), "--fail-on", "never");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(JSON.readTree(l).isObject()).isTrue());
        assertThat(Files.readAllLines(log).get(0)).contains("\"kind\":\"wsclose-events\"");
        Cli again = Cli.run("analyze", "--format", "json", "--fail-on", "never", log.toString());
        assertThat(again.code()).as(again.err()).isZero();
        List<String> kinds = new ArrayList<>();
        JSON.readTree(again.out()).get("findings").forEach(f -> kinds.add(f.get("kind").asText()));
        assertThat(kinds).containsExactly("use-after-close");
    }

    @Test
    void csvAndTableReports() throws IOException {
        Cli csv = trace(USE_AFTER_CLOSE, "--format", "csv", "--fail-on", "never");
        assertThat(csv.out().lines().findFirst()).hasValue("kind,severity,time,endpoint,pid,process,handle,local,remote,message");
        assertThat(csv.out()).contains("use-after-close,error,");
        Cli table = trace(USE_AFTER_CLOSE, "--fail-on", "never");
        assertThat(table.out()).contains("use-after-close", "ERROR (1)");
        assertThat(table.err()).contains("wsclose trace: error use-after-close: ");
    }

    @Test
    void durationStopsATraceOfARunningProcess() throws IOException {
        Path py = Python.script(dir, "sleeper", "import socket, sys, time\ns = socket.socket()\nprint(1, flush=True)\n"
                + "sys.stdin.readline()\n");
        try (Python.Child child = new Python.Child(py)) {
            child.line();
            long t0 = System.nanoTime();
            Cli r = Cli.run("trace", "--pid", Long.toString(child.process.pid()), "--duration", "1s", "--format", "json");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(seconds).isBetween(1.0, 10.0);
            assertThat(r.err()).contains("stopped after --duration 1.0 s");
            assertThat(JSON.readTree(r.out()).get("findings").size()).isZero();
            assertThat(child.process.isAlive()).as("attaching does not disturb the process").isTrue();
        }
    }

    @Test
    void usageErrors() {
        assertThat(Cli.run("trace", "--pid", "1", "--", "true").code()).isEqualTo(2);
        assertThat(Cli.run("trace", "--duration", "2020-01-01T00:00:00Z", "--", "true").code()).isEqualTo(2);
        Cli gone = Cli.run("trace", "--pid", "999999999");
        assertThat(gone.code()).isEqualTo(3);
        assertThat(gone.err().strip()).isEqualTo("wsclose trace: no process with pid 999999999");
    }

    @Test
    void aFailedCommandsStatusIsPassedOnWhenNothingReachesFailOn() {
        Cli failed = Cli.run("trace", "--format", "json", "--", "/bin/sh", "-c", "exit 5");
        assertThat(failed.code()).as(failed.err()).isEqualTo(5);
        assertThat(failed.err()).contains("COMMAND exited with 5");
        Cli ok = Cli.run("trace", "--format", "json", "--", "/bin/sh", "-c", "exit 0");
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void aCommandThatCannotStartIsOneLineAndExitThree() {
        Cli missing = Cli.run("trace", "--", "/no/such/cmd");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err().strip()).isEqualTo("wsclose trace: cannot run COMMAND: /no/such/cmd: no such file");
        assertThat(missing.out()).isEmpty();
        Cli unknown = Cli.run("trace", "--", "no-such-command-wsclose");
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err().strip()).isEqualTo("wsclose trace: cannot run COMMAND: no-such-command-wsclose: not found in PATH");
    }

    /** wsclose in a JVM of its own, so that signals can be sent to it. */
    private Process wsclose(Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static void await(Path ready) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(ready) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ready).as("the traced child started").exists();
        Thread.sleep(500); // the child's socket() has been translated
    }

    @Test
    void sigtermStopsTheTraceAndStillPrintsTheWholeReport() throws Exception {
        Path ready = dir.resolve("ready");
        Path py = Python.script(dir, "forever", "import socket, sys, time\ns = socket.socket()\n"
                + "open(sys.argv[1], 'w').close()\nwhile True: time.sleep(1)\n");
        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process p = wsclose(out, err, "trace", "--format", "json", "--", Python.exe(), py.toString(), ready.toString());
        await(ready);
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("wsclose ended after SIGTERM").isTrue();
        String e = Files.readString(err);
        assertThat(p.exitValue()).as(e).isZero();
        assertThat(e).contains("stopped by SIGTERM").contains("COMMAND was still running and was sent SIGTERM");
        JsonNode doc = JSON.readTree(Files.readString(out)); // a complete document, not one cut in the middle
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("stats")).isNotNull();
        assertThat(instances(p.pid())).as("tracefs instances removed").isEmpty();
    }

    @Test
    void aSecondSignalEndsAtOnceAndStillCleansUp() throws Exception {
        Path ready = dir.resolve("ready");
        Path py = Python.script(dir, "forever2", "import sys, time\nopen(sys.argv[1], 'w').close()\n"
                + "while True: time.sleep(1)\n");
        Process p = wsclose(dir.resolve("o"), dir.resolve("e"), "trace", "--", Python.exe(), py.toString(), ready.toString());
        await(ready);
        new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
        new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("e"))).isIn(0, 129);
        assertThat(instances(p.pid())).as("tracefs instances removed").isEmpty();
    }

    private static List<String> instances(long pid) throws IOException {
        try (var s = Files.list(Path.of("/sys/kernel/tracing/instances"))) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("wsclose-" + pid)).toList();
        }
    }

    @Test
    void bookkeepingStaysOutOfTheReportAndOfStderr() throws IOException {
        Cli r = trace("import threading, socket\nfor _ in range(50): threading.Thread(target=lambda: None).start()\n"
                + "s = socket.socket(); s.close()\n", "--format", "json", "--fail-on", "never");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("thread from process").doesNotContain("debug: ");
    }
}
