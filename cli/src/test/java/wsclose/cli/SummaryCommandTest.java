package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.testing.Corpus;

/** {@code wsclose summary} against the corpus ground truth, and its errors on bad input. */
class SummaryCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    static List<String> files() {
        return Corpus.nonEmptyFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void jsonMatchesTheGroundTruth(String path) throws IOException {
        Cli r = Cli.run("summary", "--format", "json", Corpus.file(path).toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode doc = M.readTree(r.out());
        Map<String, String> want = Corpus.files().stream().filter(x -> x.get("path").equals(path)).findFirst().orElseThrow();
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("files")).as("one shape: an array even for one file").hasSize(1);
        JsonNode j = doc.get("files").get(0);
        assertThat(j.get("buffers").asLong()).isEqualTo(Long.parseLong(want.get("buffers")));
        assertThat(j.get("compressedBuffers").asLong()).isEqualTo(Long.parseLong(want.get("compressed_buffers")));
        assertThat(j.get("events").asLong()).isEqualTo(Long.parseLong(want.get("records")));
        assertThat(j.get("pointerSize").asInt()).isEqualTo(Integer.parseInt(want.get("pointer_size")));
        assertThat(j.get("firstEvent").asText()).isEqualTo(want.get("first_event_utc"));
        assertThat(j.get("lastEvent").asText()).isEqualTo(want.get("last_event_utc"));
        assertThat(j.get("eventsLost").asLong()).isEqualTo(Long.parseLong(want.get("events_lost")));
        assertThat(j.get("buffersLost").asLong()).isEqualTo(Long.parseLong(want.get("buffers_lost")));
        Map<String, Long> counts = new HashMap<>();
        j.get("counts").forEach(c -> counts.put(c.get("provider").asText() + " " + c.get("key").asText(), c.get("count").asLong()));
        Map<String, Long> expected = new HashMap<>();
        for (Map<String, String> row : Corpus.tsv(Corpus.expected().resolve("counts.tsv"))) {
            if (row.get("file").equals(path)) {
                String provider = row.get("provider_guid").isEmpty() ? "00000000-0000-0000-0000-000000000000" : row.get("provider_guid");
                expected.put(provider + " " + row.get("key"), Long.parseLong(row.get("count")));
            }
        }
        assertThat(counts).isEqualTo(expected);
    }

    @Test
    void tableShowsTheHeaderFactsAndProviders() {
        Cli r = Cli.run("summary", Corpus.file("microsoft__perfview/net.4.5.2.x64.etl").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Windows 6.2 build 9200").contains("360 (359 compressed)")
                .contains("179,474").contains("Kernel/TcpIp").contains("Microsoft-Windows-DotNETRuntime");
    }

    @Test
    void emptyFileIsAOneLineErrorWithExitCode3() {
        Path p = Corpus.file("Siemens-Healthineers__ETWAnalyzer/EmptyETL.etl");
        Cli r = Cli.run("summary", p.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("wsclose summary: " + p + ": ").contains("byte offset 0").contains("empty file");
    }

    @Test
    void textFileIsAOneLineError(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("readme.etl");
        Files.writeString(p, "this is not a trace\n".repeat(50));
        Cli r = Cli.run("summary", p.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(p.toString()).contains("byte offset").contains("not an ETL file");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("x.etl");
        Files.writeString(p, "x".repeat(500));
        Cli r = Cli.run("summary", "--verbose", p.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("EtlFormatException").contains("\tat ");
    }

    @Test
    void missingFileIsExitCode3() {
        Cli r = Cli.run("summary", "no/such/file.etl");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("wsclose summary: no/such/file.etl: no such file" + System.lineSeparator());
    }

    @Test
    void truncatedFileGivesTheReadablePartAndAWarning(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(Corpus.file("airbus-cert__etl-parser/ShutdownPerfDiagLogger.etl"));
        Path p = dir.resolve("cut.etl");
        Files.write(p, java.util.Arrays.copyOf(full, full.length / 2 + 1234));
        Cli r = Cli.run("summary", "--format", "json", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning").contains("truncated");
        JsonNode j = M.readTree(r.out()).get("files").get(0);
        assertThat(j.get("incomplete").asBoolean()).isTrue();
        assertThat(j.get("events").asLong()).isBetween(1000L, 17078L);
        assertThat(Cli.run("summary", "--quiet", p.toString()).err()).isEmpty();
    }

    @Test
    void usageErrorsAreExitCode2() {
        assertThat(Cli.run("summary").code()).isEqualTo(2);
        assertThat(Cli.run("summary", "--format", "xml", "x.etl").code()).isEqualTo(2);
        assertThat(Cli.run("frobnicate").code()).isEqualTo(2);
        assertThat(Cli.run().code()).isEqualTo(2);
    }

    @Test
    void aReadInPartsPrintsTheSameSummary(@TempDir Path dir) throws IOException {
        // about a thousand 8 KiB buffers: enough for parts of the size worth a thread (EtlFile's 256 buffers)
        var m = new wsclose.trace.testing.MixedScenario(new wsclose.trace.testing.WinsockScenario(8, 4).realistic(3, 0.001), 3);
        m.tell(3000, 0.5);
        Path f = dir.resolve("mixed.etl");
        m.writeTo(f);
        String before = System.getProperty("wsclose.readThreads");
        try {
            System.setProperty("wsclose.readThreads", "1");
            Cli one = Cli.run("summary", "--format", "json", f.toString());
            Cli oneTable = Cli.run("summary", f.toString());
            System.setProperty("wsclose.readThreads", "3");
            Cli three = Cli.run("summary", "--format", "json", f.toString());
            Cli threeTable = Cli.run("summary", f.toString());
            assertThat(M.readTree(one.out()).get("files").get(0).get("buffers").asLong()).isGreaterThan(768);
            assertThat(three.code()).isZero();
            assertThat(three.out()).isEqualTo(one.out());
            assertThat(threeTable.out()).isEqualTo(oneTable.out());
            assertThat(three.err()).isEqualTo(one.err());
        } finally {
            if (before == null) {
                System.clearProperty("wsclose.readThreads");
            } else {
                System.setProperty("wsclose.readThreads", before);
            }
        }
    }
}
