package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

class TimelineCommandTest {
    @TempDir
    Path dir;

    Path scenario(String name) throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4);
        Scenarios.all().get(name).accept(s);
        Path f = dir.resolve(name + ".etl");
        s.writeTo(f);
        return f;
    }

    @Test
    void sharedSocketShowsTheReferenceCountAtEachStep() throws IOException {
        Path f = scenario("shared-socket");
        Cli r = Cli.run("timeline", "--no-color", "--socket", "1234:0x22c", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("socket 0xffffa50c3e5f1600").contains("pid 1234 parent.exe")
                .contains("handle 1300:0x3c duplicated from pid 1234").contains("refcount 0 (from handle events)");
        JsonNode doc = new ObjectMapper().readTree(Cli.run("timeline", "--format", "json", "--socket", "0xffffa50c3e5f1600",
                f.toString()).out());
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("sockets")).as("one shape: an array even for one match").hasSize(1);
        JsonNode d = doc.get("sockets").get(0);
        StringBuilder refs = new StringBuilder();
        for (JsonNode e : d.get("timeline")) {
            if (e.get("what").asText().startsWith("handle")) {
                refs.append(e.get("refcount").asInt());
            }
        }
        assertThat(refs.toString()).as("created 1, duplicated 2, parent's close 1, child's close 0").isEqualTo("1210");
        assertThat(d.get("timeline").findValuesAsText("what")).contains("closed", "freed");
    }

    @Test
    void aReusedHandlePrintsEverySocketItNamed() throws IOException {
        Cli r = Cli.run("timeline", "--no-color", "--socket", "1234:0x214", scenario("handle-reuse").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("socket 0xffffa50c3e5f1000").contains("socket 0xffffa50c3e5f1200").contains("handle-reuse");
    }

    @Test
    void unknownSocketIsMissingInputNotAUsageError() throws IOException {
        Cli r = Cli.run("timeline", "--socket", "0x1234", scenario("graceful-close").toString());
        assertThat(r.code()).as("the input lacks the socket: exit 3").isEqualTo(3);
        assertThat(r.err()).contains("no socket 0x1234").contains("--all-sockets");
        assertThat(Cli.run("timeline", "--socket", "not-a-socket", scenario("graceful-close").toString()).code())
                .as("a malformed value is still a usage error").isEqualTo(2);
    }

    @Test
    void summaryOfAnEventLogSaysWhichCommandReadsIt() throws IOException {
        Path log = java.nio.file.Files.writeString(dir.resolve("events.jsonl"), "{\"format\":1,\"kind\":\"wsclose-events\",\"source\":\"x\"}\n");
        Cli r = Cli.run("summary", log.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("wsclose summary: " + log + ": summary reads .etl files; 'wsclose analyze " + log
                + "' reads event logs");
    }

    @Test
    void colorWhenAsked() throws IOException {
        Path f = scenario("lost-send-data");
        assertThat(Cli.run("analyze", "--color", "always", f.toString()).out()).as("colours even in a pipe").contains("\u001b[");
        assertThat(Cli.run("analyze", "--color", "never", f.toString()).out()).doesNotContain("\u001b[");
        assertThat(Cli.run("analyze", f.toString()).out()).as("auto: not a terminal").doesNotContain("\u001b[");
        assertThat(Cli.run("analyze", "--color", "sometimes", f.toString()).code()).isEqualTo(2);
    }
}
