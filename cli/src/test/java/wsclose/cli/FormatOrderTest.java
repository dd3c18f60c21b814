package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings come in one order in JSON, JSONL and CSV (time, then endpoint as an unsigned address), the table keeps
 * that order within each severity, and sockets are listed in the order the trace created them.
 */
class FormatOrderTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = Path.of("..", "examples", "close-bugs.etl").toString();

    static String key(String time, String endpoint, String kind) {
        return time + " " + endpoint + " " + kind;
    }

    @Test
    void findingsAndSocketsHaveOneOrderInEveryFormat() throws Exception {
        JsonNode doc = JSON.readTree(Cli.run("analyze", "--format", "json", "--fail-on", "never", FILE).out());
        List<String> json = new ArrayList<>();
        for (JsonNode f : doc.get("findings")) {
            json.add(key(f.get("time").asText(), f.path("socket").path("endpoint").asText(""), f.get("kind").asText()));
        }
        assertThat(json).hasSizeGreaterThan(5);

        List<String> jsonl = new ArrayList<>();
        List<String> jsonlSockets = new ArrayList<>();
        for (String line : Cli.run("analyze", "--format", "jsonl", "--fail-on", "never", FILE).out().split("\n")) {
            JsonNode o = JSON.readTree(line);
            if (o.get("type").asText().equals("finding")) {
                jsonl.add(key(o.get("time").asText(), o.path("socket").path("endpoint").asText(""), o.get("kind").asText()));
            } else if (o.get("type").asText().equals("socket")) {
                jsonlSockets.add(o.get("endpoint").asText() + " " + o.path("created").asText(""));
            }
        }
        List<String> csv = new ArrayList<>();
        String[] rows = Cli.run("analyze", "--format", "csv", "--fail-on", "never", FILE).out().split("\n");
        for (int i = 1; i < rows.length; i++) {
            String[] c = rows[i].split(",");
            csv.add(key(c[2], c[3], c[0]));
        }
        assertThat(jsonl).isEqualTo(json);
        assertThat(csv).isEqualTo(json);

        // time, then endpoint
        for (int i = 1; i < json.size(); i++) {
            String[] a = json.get(i - 1).split(" ");
            String[] b = json.get(i).split(" ");
            int byTime = Instant.parse(a[0]).compareTo(Instant.parse(b[0]));
            assertThat(byTime).as(json.get(i - 1) + " before " + json.get(i)).isLessThanOrEqualTo(0);
            if (byTime == 0 && !a[1].isEmpty() && !b[1].isEmpty()) {
                assertThat(Long.compareUnsigned(Long.parseUnsignedLong(a[1].substring(2), 16),
                        Long.parseUnsignedLong(b[1].substring(2), 16))).isLessThanOrEqualTo(0);
            }
        }

        // sockets: the same list in JSON and JSONL, in creation order (sockets older than the trace first)
        List<String> jsonSockets = new ArrayList<>();
        for (JsonNode s : doc.get("sockets")) {
            jsonSockets.add(s.get("endpoint").asText() + " " + s.path("created").asText(""));
        }
        assertThat(jsonlSockets).isEqualTo(jsonSockets);
        Instant last = Instant.MIN;
        for (JsonNode s : doc.get("sockets")) {
            if (s.get("created").isNull()) {
                assertThat(last).as("sockets that existed before the trace come first").isEqualTo(Instant.MIN);
                continue;
            }
            Instant c = Instant.parse(s.get("created").asText());
            assertThat(c).isAfterOrEqualTo(last);
            last = c;
        }

        // the table groups by severity and keeps the order within a group
        String table = Cli.run("analyze", "--fail-on", "never", "--color=never", FILE).out();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^ {2}(\\S+) {2,}(\\S+Z) {2,}socket (0x[0-9a-f]+)");
        java.util.regex.Pattern group = java.util.regex.Pattern.compile("^(ERROR|WARNING|INFO) \\(\\d+\\)$");
        int previous = -1;
        int rowsSeen = 0;
        for (String line : table.split("\n")) {
            if (group.matcher(line).matches()) {
                previous = -1;
                continue;
            }
            java.util.regex.Matcher m = row.matcher(line);
            if (m.find()) {
                int at = json.indexOf(key(m.group(2), m.group(3), m.group(1)));
                assertThat(at).as(line).isGreaterThan(previous);
                previous = at;
                rowsSeen++;
            }
        }
        assertThat(rowsSeen).isPositive();
    }
}
