package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wsclose.trace.testing.Corpus;

/** {@code wsclose events}: time order, filters, JSON Lines schema and decoded fields. */
class EventsCommandTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static List<JsonNode> jsonl(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(M.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void firstEventsMatchTheGroundTruthInTimeOrder() throws IOException {
        String path = "airbus-cert__etl-parser/lxcore_kernel.etl";
        Cli r = Cli.run("events", "--format", "jsonl", Corpus.file(path).toString());
        assertThat(r.code()).isZero();
        List<JsonNode> got = jsonl(r.out());
        List<Map<String, String>> want = Corpus.tsv(Corpus.firstEvents(path));
        assertThat(got).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            JsonNode g = got.get(i);
            Map<String, String> w = want.get(i);
            assertThat(g.get("time").asText()).isEqualTo(w.get("utc_time"));
            assertThat(g.get("provider").asText()).isEqualTo(w.get("provider_guid"));
            assertThat(g.get("key").asText()).isEqualTo(w.get("key"));
            assertThat(g.get("version").asText()).isEqualTo(w.get("version"));
            assertThat(g.get("pid").asText()).isEqualTo(w.get("pid"));
            assertThat(g.get("tid").asText()).isEqualTo(w.get("tid"));
            assertThat(g.get("payloadLength").asText()).isEqualTo(w.get("payload_len"));
            assertThat(g.get("payload").asText()).hasSize(2 * Integer.parseInt(w.get("payload_len")));
        }
    }

    @Test
    void headerRecordAndProcessEventsHaveDecodedFields() throws IOException {
        String file = Corpus.file("microsoft__perfview/net.4.5.x86.PerfViewData.etl").toString();
        List<JsonNode> header = jsonl(Cli.run("events", "--format", "jsonl", "--limit", "1", file).out());
        assertThat(header).hasSize(1);
        assertThat(header.get(0).get("event").asText()).isEqualTo("EventTrace/Header");
        assertThat(header.get(0).get("fields").get("NumberOfProcessors").asInt()).isEqualTo(4);
        assertThat(header.get(0).get("fields").get("LoggerName").asText()).isEqualTo("Relogger");
        List<JsonNode> procs = jsonl(Cli.run("events", "--format", "jsonl", "--provider", "Kernel/Process", "--id", "3", file).out());
        assertThat(procs).isNotEmpty();
        assertThat(procs).allSatisfy(p -> {
            assertThat(p.get("key").asText()).isEqualTo("op3");
            assertThat(p.get("fields").get("UniqueProcessKey").asText()).startsWith("0x");
            assertThat(p.get("fields").has("ImageFileName")).isTrue();
        });
        assertThat(procs).anySatisfy(p -> assertThat(p.get("fields").get("ImageFileName").asText()).endsWithIgnoringCase(".exe"));
    }

    @Test
    void filtersByPidTimeAndLimit() throws IOException {
        String file = Corpus.file("microsoft__perfview/gcevents.PerfViewData.etl").toString();
        List<JsonNode> all = jsonl(Cli.run("events", "--format", "jsonl", file).out());
        assertThat(all).hasSize(71);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).get("time").asText()).isGreaterThanOrEqualTo(all.get(i - 1).get("time").asText());
        }
        long pid = all.get(10).get("pid").asLong();
        List<JsonNode> byPid = jsonl(Cli.run("events", "--format", "jsonl", "--pid", Long.toString(pid), file).out());
        assertThat(byPid).isNotEmpty().allSatisfy(e -> assertThat(e.get("pid").asLong()).isEqualTo(pid));
        assertThat(byPid.size()).isEqualTo((int) all.stream().filter(e -> e.get("pid").asLong() == pid).count());
        String t = all.get(20).get("time").asText();
        List<JsonNode> since = jsonl(Cli.run("events", "--format", "jsonl", "--since", t, file).out());
        assertThat(since).allSatisfy(e -> assertThat(e.get("time").asText()).isGreaterThanOrEqualTo(t));
        assertThat(jsonl(Cli.run("events", "--format", "jsonl", "--limit", "5", file).out())).hasSize(5);
        assertThat(Cli.run("events", "--count", file).out().strip()).isEqualTo("71");
    }

    @Test
    void unknownProviderIsAUsageError() {
        Cli r = Cli.run("events", "--provider", "NoSuchProvider", Corpus.file("microsoft__perfview/smallEtlFile.etl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown provider 'NoSuchProvider'");
    }

    @Test
    void badTimeIsAUsageError() {
        Cli r = Cli.run("events", "--since", "yesterday", Corpus.file("microsoft__perfview/smallEtlFile.etl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'yesterday' is not a time");
    }

    @Test
    void textFormatIsOneLinePerEvent() {
        Cli r = Cli.run("events", Corpus.file("microsoft__perfview/gcevents.PerfViewData.etl").toString());
        assertThat(r.out().lines().count()).isEqualTo(71);
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("Kernel/EventTrace op0 v2").contains("EventTrace/Header");
    }
}
