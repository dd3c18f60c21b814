package wsclose.cli;

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
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

class AnalyzeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path tour;

    @BeforeEach
    void writeTour() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4);
        Scenarios.tour(s);
        tour = dir.resolve("tour.etl");
        s.writeTo(tour);
    }

    Path scenario(String name) throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4);
        Scenarios.all().get(name).accept(s);
        Path f = dir.resolve(name + ".etl");
        s.writeTo(f);
        return f;
    }

    JsonNode json(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("analyze", "--format", "json", "--all-sockets", "--fail-on", "never"));
        a.addAll(List.of(args));
        Cli r = Cli.run(a.toArray(new String[0]));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** A scenario written as another machine would (another processor count), at the same times and values. */
    Path otherMachine(String name, int processors) throws IOException {
        WinsockScenario s = new WinsockScenario(8, processors);
        Scenarios.all().get(name).accept(s);
        Path f = dir.resolve(name + "-" + processors + "cpu.etl");
        s.writeTo(f);
        return f;
    }

    static List<String> kinds(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> out.add(f.get("kind").asText() + " " + f.at("/socket/endpoint").asText()));
        return out;
    }

    @Test
    void unrelatedCapturesWithCollidingEndpointsAreAnalyzedApart() throws IOException {
        // Two machines traced at the same moments: every scenario uses the same endpoint, handle and pid values.
        Path a = otherMachine("use-after-close", 4);
        Path b = otherMachine("double-close", 2);
        JsonNode alone1 = json(a.toString());
        JsonNode alone2 = json(b.toString());
        JsonNode both = json(a.toString(), b.toString());
        List<String> expected = new ArrayList<>(kinds(alone1));
        expected.addAll(kinds(alone2));
        assertThat(kinds(both)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(both.at("/stats/sockets").asLong()).isEqualTo(alone1.at("/stats/sockets").asLong() + alone2.at("/stats/sockets").asLong());
        assertThat(both.get("sockets").size()).isEqualTo(alone1.get("sockets").size() + alone2.get("sockets").size());
        assertThat(both.get("warnings").toString()).contains("2 unrelated captures").contains("analyzed apart");
    }

    @Test
    void exitCodeFollowsFailOn() throws IOException {
        assertThat(Cli.run("analyze", scenario("lost-send-data").toString()).code()).isEqualTo(1);
        assertThat(Cli.run("analyze", "--fail-on", "never", scenario("lost-send-data").toString()).code()).isZero();
        Path leak = scenario("leak");
        assertThat(Cli.run("analyze", leak.toString()).code()).as("a warning is below the default error level").isZero();
        assertThat(Cli.run("analyze", "--fail-on", "warning", leak.toString()).code()).isEqualTo(1);
        assertThat(Cli.run("analyze", "--fail-on", "info", scenario("graceful-close").toString()).code()).isZero();
        assertThat(Cli.run("analyze", "--fail-on", "sometimes", leak.toString()).code()).isEqualTo(2);
    }

    @Test
    void tableSaysWhatWasFoundAndWhere() throws IOException {
        Cli r = Cli.run("analyze", "--no-color", tour.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("15 sockets (8 with findings): 7 errors, 3 warnings, 0 info")
                .contains("ERROR (7)").contains("WARNING (3)").contains("SOCKETS WITH FINDINGS")
                .contains("lost-send-data").contains("pid 2000 app.exe").contains("discarded 49,152 unacknowledged bytes")
                .doesNotContain("\u001b[");
        assertThat(r.out().indexOf("ERROR (7)")).isLessThan(r.out().indexOf("WARNING (3)"));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonHasTheDocumentedShape() throws IOException {
        JsonNode d = json(tour.toString());
        assertThat(d.get("format").asInt()).isEqualTo(1);
        assertThat(d.get("sockets")).hasSize(15);
        JsonNode s = d.get("sockets").get(0);
        for (String field : List.of("endpoint", "pid", "process", "handles", "created", "closed", "refcount", "refcountTimeline")) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.get("endpoint").asText()).matches("0x[0-9a-f]+");
        assertThat(s.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        for (JsonNode f : d.get("findings")) {
            assertThat(f.get("kind").asText()).isIn(wsclose.trace.analysis.Kinds.ALL);
            assertThat(f.get("severity").asText()).isIn("error", "warning", "info");
            assertThat(f.get("time").asText()).endsWith("Z");
            assertThat(f.get("message").asText()).isNotBlank();
            assertThat(f.get("socket").get("endpoint").asText()).startsWith("0x");
            assertThat(f.get("socket").get("pid").isInt()).isTrue();
            assertThat(f.get("evidence").size()).isPositive();
        }
        assertThat(d.get("stats").get("findings").get("error").asInt()).isEqualTo(7);
        assertThat(d.get("notes")).isEmpty();
    }

    @Test
    void filtersSelectSocketsAndFindings() throws IOException {
        JsonNode byPid = json("--pid", "2000", tour.toString());
        assertThat(byPid.get("sockets")).hasSize(1);
        assertThat(byPid.get("findings").findValuesAsText("kind")).containsExactly("lost-send-data");
        JsonNode byProcess = json("--process", "POOL.EXE", tour.toString());
        assertThat(byProcess.get("findings").findValuesAsText("kind")).containsExactly("handle-reuse");
        JsonNode byPort = json("--port", "50006", tour.toString());
        assertThat(byPort.get("findings").findValuesAsText("kind")).containsExactly("leak");
        String endpoint = byPid.get("sockets").get(0).get("endpoint").asText();
        JsonNode bySocket = json("--socket", endpoint, tour.toString());
        assertThat(bySocket.get("sockets")).hasSize(1);
        JsonNode byHandle = json("--socket", "2600:0x208", tour.toString());
        assertThat(byHandle.get("findings").findValuesAsText("kind")).containsExactly("double-close");
        JsonNode late = json("--since", "1s", tour.toString());
        assertThat(late.get("findings").findValuesAsText("kind")).containsExactlyInAnyOrder("linger-timeout", "lost-send-data");
        JsonNode early = json("--until", "2024-01-01T23:04:05.0201Z", tour.toString());
        assertThat(early.get("findings").findValuesAsText("kind")).contains("unread-data-reset").doesNotContain("linger-timeout");
        assertThat(Cli.run("analyze", "--socket", "nonsense", tour.toString()).code()).isEqualTo(2);
    }

    @Test
    void jsonLinesStreamTypedObjects() throws IOException {
        Cli r = Cli.run("analyze", "--format", "jsonl", "--all-sockets", "--fail-on", "never", tour.toString());
        List<String> types = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            types.add(JSON.readTree(line).get("type").asText());
        }
        assertThat(types.get(0)).isEqualTo("report");
        assertThat(types.get(types.size() - 1)).isEqualTo("stats");
        assertThat(types.stream().filter("socket"::equals).count()).isEqualTo(15);
        assertThat(types.stream().filter("finding"::equals).count()).isEqualTo(10);
    }

    @Test
    void csvHasOneRowPerFinding() throws IOException {
        Cli r = Cli.run("analyze", "--format", "csv", "--fail-on", "never", tour.toString());
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("kind,severity,time,endpoint,pid,process,handle,local,remote,message");
        assertThat(lines).hasSize(11);
        assertThat(lines[1]).matches("[a-z-]+,(error|warning|info),\\d{4}-.*Z,0x[0-9a-f]+,\\d+,.*");
    }

    @Test
    void theCorpusAnalysesAndSaysWhatIsMissing() throws IOException {
        Path etl = wsclose.trace.testing.Corpus.etlDir();
        try (var files = Files.walk(etl)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".etl")).sorted().toList()) {
                Cli r = Cli.run("analyze", "--format", "json", f.toString());
                if (Files.size(f) == 0) {
                    assertThat(r.code()).isEqualTo(3);
                    assertThat(r.err()).contains(f.toString()).contains("byte offset 0").contains("empty file");
                    continue;
                }
                assertThat(r.code()).as(f + ": no public capture has Winsock events, so nothing is checked: " + r.err()).isEqualTo(3);
                JsonNode d = JSON.readTree(r.out());
                assertThat(d.get("notes").size()).as(f.toString()).isEqualTo(1);
                assertThat(d.get("notes").get(0).asText()).startsWith("nothing was checked").contains("Microsoft-Windows-Winsock-AFD");
                assertThat(d.get("stats").get("decodeProblems").asLong()).as(f.toString()).isZero();
            }
        }
    }

    @Test
    void kernelAndUserFilesAreMergedInTimeOrder() throws IOException {
        Path other = scenario("graceful-close");
        Cli r = Cli.run("analyze", "--format", "json", "--fail-on", "never", tour.toString(), other.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = JSON.readTree(r.out());
        long a = json(tour.toString()).get("stats").get("events").asLong();
        long b = json(other.toString()).get("stats").get("events").asLong();
        assertThat(d.get("stats").get("events").asLong()).isEqualTo(a + b);
        assertThat(d.get("source").isArray()).as("one shape for one file or several").isTrue();
        assertThat(d.get("source")).hasSize(2);
        assertThat(d.get("source").get(0).asText()).endsWith("tour.etl");
        assertThat(d.get("source").get(1).asText()).endsWith("graceful-close.etl");
        JsonNode one = json(tour.toString());
        assertThat(one.get("source").isArray()).isTrue();
        assertThat(one.get("source")).hasSize(1);
    }

    @Test
    void theSameTraceTwiceIsRefused() throws IOException {
        // given twice, every socket would be merged with itself
        Path copy = dir.resolve("copy.etl");
        Files.copy(tour, copy);
        Cli twice = Cli.run("analyze", tour.toString(), copy.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).startsWith("wsclose analyze: " + copy + " is the same trace as " + tour);
        assertThat(Cli.run("analyze", tour.toString(), tour.toString()).code()).isEqualTo(2);
    }

    @Test
    void badInputIsOneLineWithExitThree() throws IOException {
        Path text = dir.resolve("notes.etl");
        Files.writeString(text, "this is not a trace, just some text that is long enough to fill a header\n".repeat(3));
        Cli r = Cli.run("analyze", text.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(text.toString()).contains("byte offset");
        assertThat(Cli.run("analyze", dir.resolve("missing.etl").toString()).code()).isEqualTo(3);
    }

    /** Damages buffer {@code k}'s BufferSize field (offset 0 of its WMI_BUFFER_HEADER, etl-format.md §A.2). */
    static Path damaged(Path f, int k, Path to) throws IOException {
        byte[] b = java.nio.file.Files.readAllBytes(f);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int off = 0;
        for (int i = 0; i < k; i++) {
            off += bb.getInt(off);
        }
        assertThat(off).as("the file has buffer %d", k).isLessThan(b.length);
        bb.putInt(off, 0x7FFF_FFF0);
        return java.nio.file.Files.write(to, b);
    }

    @Test
    void aDamagedBufferCostsOnlyItselfAndIsNeverClean() throws IOException {
        Path bad = damaged(tour, 1, dir.resolve("bad-tour.etl"));
        Cli r = Cli.run("analyze", "--format", "json", bad.toString());
        assertThat(r.code()).as("the findings after the damage are still found").isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("findings").size()).isPositive();
        assertThat(doc.get("stats").get("buffersDamaged").asLong()).isEqualTo(1);
        assertThat(doc.get("warnings").toString()).contains("(buffer 1): expected BufferSize between 72 and ")
                .contains("bytes to the next valid buffer header");
        Path clean = scenario("graceful-close");
        Path cleanBad = damaged(clean, 1, dir.resolve("bad-clean.etl"));
        assertThat(Cli.run("analyze", clean.toString()).code()).isZero();
        Cli damagedClean = Cli.run("analyze", cleanBad.toString());
        assertThat(damagedClean.code()).as("no findings, but part of the trace was not read").isEqualTo(3);
        assertThat(Cli.run("analyze", "--fail-on", "never", cleanBad.toString()).code()).isZero();
    }

    @Test
    void filtersSelectWhatIsReportedNotWhatIsTrue() throws IOException {
        Path f = Example.FILE;
        Cli all = Cli.run("analyze", "--format", "json", "--fail-on", "never", "--pid", "2300", f.toString());
        JsonNode whole = JSON.readTree(all.out());
        assertThat(whole.get("findings").size()).isEqualTo(2);
        // both uses come after 21 ms; the close that makes them wrong came before: still found
        Cli late = Cli.run("analyze", "--format", "json", "--fail-on", "never", "--pid", "2300", "--since", "21ms", f.toString());
        JsonNode window = JSON.readTree(late.out());
        assertThat(window.get("findings")).hasSize(2);
        window.get("findings").forEach(x -> assertThat(x.get("kind").asText()).isEqualTo("use-after-close"));
        assertThat(window.get("sockets")).as("the socket is listed with its findings").hasSize(1);
        Cli none = Cli.run("analyze", "--pid", "99999", f.toString());
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("no socket matched --pid 99999; pids in the trace: 880, 2000, ");
        Cli table = Cli.run("analyze", "--fail-on", "never", "--pid", "2300", f.toString());
        assertThat(table.out()).containsPattern("events, 1 selected socket of [0-9]+ \\(1 with findings\\)");
        Cli process = Cli.run("analyze", "--format", "json", "--fail-on", "never", "--process", "CLIENT", f.toString());
        JsonNode byName = JSON.readTree(process.out());
        assertThat(byName.get("findings").size()).isPositive();
        byName.get("findings").forEach(x -> assertThat(x.get("socket").get("process").asText()).isEqualTo("client.exe"));
        Cli inverted = Cli.run("analyze", "--since", "2s", "--until", "1s", f.toString());
        assertThat(inverted.code()).isEqualTo(2);
        assertThat(inverted.err()).contains("--since is after --until");
    }

    @Test
    void nothingCheckedIsNotClean() throws IOException {
        Path f = wsclose.trace.testing.Corpus.file("microsoft__perfview/smallEtlFile.etl");
        Cli r = Cli.run("analyze", f.toString());
        assertThat(r.code()).as("the input lacks what the checks need").isEqualTo(3);
        assertThat(r.out().lines().filter(l -> l.contains("not checked") || l.contains("nothing was checked")))
                .as("said once, not once per check").hasSize(1);
        String note = JSON.readTree(Cli.run("analyze", "--format", "json", f.toString()).out()).get("notes").get(0).asText();
        assertThat(note).startsWith("nothing was checked: the input has none of the events the checks need (Microsoft-Windows-Winsock-AFD")
                .contains("xperf -start wsclose -on Microsoft-Windows-Winsock-AFD");
        assertThat(Cli.run("analyze", "--fail-on", "never", f.toString()).code()).isZero();
    }

    @Test
    void jsonListsTheSocketsWithFindingsCompactlyUnlessAskedForAll() throws IOException {
        Cli lean = Cli.run("analyze", "--format", "json", "--fail-on", "never", tour.toString());
        Cli all = Cli.run("analyze", "--format", "json", "--all-sockets", "--fail-on", "never", tour.toString());
        Cli pretty = Cli.run("analyze", "--format", "json", "--pretty", "--fail-on", "never", tour.toString());
        JsonNode l = JSON.readTree(lean.out());
        JsonNode a = JSON.readTree(all.out());
        assertThat(l.get("sockets").size()).isLessThan(a.get("sockets").size());
        l.get("sockets").forEach(s -> assertThat(s.get("findings").size()).as("a socket with findings").isPositive());
        assertThat(l.get("findings")).isEqualTo(a.get("findings"));
        assertThat(lean.out().strip().lines().count()).as("compact: one line").isEqualTo(1);
        assertThat(JSON.readTree(pretty.out())).isEqualTo(l);
        assertThat(pretty.out().lines().count()).isGreaterThan(10);
        Cli jsonl = Cli.run("analyze", "--format", "jsonl", "--fail-on", "never", tour.toString());
        assertThat(jsonl.out().lines().filter(x -> x.startsWith("{\"type\":\"socket\"")).count()).isEqualTo(l.get("sockets").size());
    }

    @Test
    void usageErrorsAreOneLineAndWhereTheHelpIs() {
        Cli bad = Cli.run("analyze", "--bogus", tour.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().lines().toList()).containsExactly("wsclose analyze: Unknown option: '--bogus'",
                "try 'wsclose analyze --help'");
        assertThat(bad.out()).isEmpty();
        Cli duration = Cli.run("trace", "--duration", "1x", "--", "true");
        assertThat(duration.code()).isEqualTo(2);
        assertThat(duration.err()).contains("'1x' is not a length of time").doesNotContain("ISO-8601");
        Cli help = Cli.run("help", "analyze");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: wsclose analyze");
        Cli none = Cli.run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().lines().count()).isEqualTo(2);
    }
}
