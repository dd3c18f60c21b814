package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/**
 * docs/report.schema.json (shipped in the zip) describes every analyze report: checked here on real outputs with
 * the subset of JSON Schema it uses ($ref, type, required, properties, items, enum).
 */
class ReportSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCHEMA = Path.of("..", "docs", "report.schema.json");

    @TempDir
    Path dir;

    static List<String> check(JsonNode schema, JsonNode root, JsonNode value, String at) {
        List<String> out = new ArrayList<>();
        JsonNode s = schema;
        JsonNode rootNow = root;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            int hash = ref.indexOf('#');
            if (hash > 0) { // another schema file of docs/: the rest of the walk resolves refs within it
                try {
                    rootNow = JSON.readTree(SCHEMA.resolveSibling(ref.substring(0, hash)).toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            s = rootNow.at(ref.substring(hash + 1));
        }
        JsonNode root2 = rootNow;
        if (s.has("type")) {
            List<String> types = new ArrayList<>();
            s.get("type").forEach(t -> types.add(t.asText()));
            if (s.get("type").isTextual()) {
                types.add(s.get("type").asText());
            }
            String actual = value.isNull() ? "null" : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
                    : value.isTextual() ? "string" : value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
            if (!types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
                out.add(at + ": expected " + types + ", found " + actual);
                return out;
            }
        }
        if (s.has("enum") && !value.isNull()) {
            boolean any = false;
            for (JsonNode e : s.get("enum")) {
                any |= e.equals(value);
            }
            if (!any) {
                out.add(at + ": " + value + " is not one of " + s.get("enum"));
            }
        }
        if (s.has("pattern") && value.isTextual() && !java.util.regex.Pattern.compile(s.get("pattern").asText())
                .matcher(value.asText()).find()) {
            out.add(at + ": " + value + " does not match " + s.get("pattern").asText());
        }
        if (value.isObject()) {
            if (s.has("required")) {
                for (JsonNode r : s.get("required")) {
                    if (!value.has(r.asText())) {
                        out.add(at + ": missing " + r.asText());
                    }
                }
            }
            if (s.has("properties")) {
                s.get("properties").fields().forEachRemaining(p -> {
                    if (value.has(p.getKey())) {
                        out.addAll(check(p.getValue(), root2, value.get(p.getKey()), at + "." + p.getKey()));
                    }
                });
            }
        }
        if (value.isArray() && s.has("minItems") && value.size() < s.get("minItems").asInt()) {
            out.add(at + ": " + value.size() + " items, at least " + s.get("minItems").asInt() + " expected");
        }
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                out.addAll(check(s.get("items"), root2, value.get(i), at + "[" + i + "]"));
            }
        }
        return out;
    }

    static List<String> violations(String json) throws IOException {
        return violations(SCHEMA, json);
    }

    static List<String> violations(Path schemaFile, String json) throws IOException {
        JsonNode schema = JSON.readTree(schemaFile.toFile());
        return check(schema, schema, JSON.readTree(json), "$");
    }

    @Test
    void timelineAndSummaryDocumentsMatchTheirSchemas() throws IOException {
        Path timeline = SCHEMA.resolveSibling("timeline.schema.json");
        Path summary = SCHEMA.resolveSibling("summary.schema.json");
        int timelines = 0;
        for (String name : Scenarios.all().keySet()) {
            WinsockScenario s = new WinsockScenario(8, 4);
            Scenarios.all().get(name).accept(s);
            Path f = dir.resolve(name + ".etl");
            s.writeTo(f);
            Cli sum = Cli.run("summary", "--format", "json", f.toString());
            assertThat(violations(summary, sum.out())).as(name).isEmpty();
            JsonNode report = JSON.readTree(Cli.run("analyze", "--format", "json", "--all-sockets", "--fail-on", "never",
                    f.toString()).out());
            for (JsonNode sock : report.get("sockets")) {
                Cli t = Cli.run("timeline", "--format", "json", "--socket", sock.get("endpoint").asText(), f.toString());
                assertThat(violations(timeline, t.out())).as(name + " " + sock.get("endpoint")).isEmpty();
                assertThat(JSON.readTree(t.out()).get("sockets").size()).isPositive();
                timelines++;
            }
        }
        assertThat(timelines).isGreaterThan(10);
        Cli both = Cli.run("summary", "--format", "json", Example.FILE.toString());
        assertThat(violations(summary, both.out())).isEmpty();
        // the checker follows the cross-file references: a wrong socket inside a timeline is caught
        Cli t = Cli.run("timeline", "--format", "json", "--socket", JSON.readTree(Cli.run("analyze", "--format", "json",
                "--all-sockets", "--fail-on", "never", Example.FILE.toString()).out()).at("/sockets/0/endpoint").asText(),
                Example.FILE.toString());
        ObjectNode doc = (ObjectNode) JSON.readTree(t.out());
        ((ObjectNode) doc.get("sockets").get(0).get("socket")).put("pid", "880");
        assertThat(violations(timeline, doc.toString())).containsExactly("$.sockets[0].socket.pid: expected [integer, null], found string");
    }

    /** Snapshots shaped as each platform's reader makes them (the Windows one cannot be taken here). */
    static wsclose.os.HandlesSnapshot snapshot(String platform) {
        boolean linux = platform.equals("linux");
        var owner = new wsclose.os.SocketSnapshot.Owner(4242, linux ? 7 : 0x2c4, linux ? "server" : "server.exe");
        var tcp = new wsclose.os.SocketSnapshot(linux ? "ino:70899" : "obj:0xffffa50c3e5f2010", linux ? 70899 : 0,
                linux ? 0x98 : 0xffffa50c3e5f0200L, linux ? 0 : 0xffffa50c3e5f2010L, "inet", "stream", "ESTABLISHED",
                "10.0.0.5:50544", "10.2.0.3:443", List.of(owner, new wsclose.os.SocketSnapshot.Owner(4243, linux ? 3 : 0x1a8, null)),
                2, 0, 2803712, 0, 2803712, 0, new wsclose.os.SocketSnapshot.Linger(true, 0),
                List.of("closing now would discard 2,803,712 bytes (SO_LINGER {1,0})"));
        var unknown = new wsclose.os.SocketSnapshot("grp:1", 0, 0, 0, "inet6", "dgram", "", null, null, List.of(), -1, -1,
                -1, -1, -1, -1, null, List.of());
        return new wsclose.os.HandlesSnapshot(wsclose.trace.etw.Times.fromInstant(java.time.Instant.parse("2026-12-04T10:00:00Z")),
                platform, List.of(tcp, unknown), List.of("SO_LINGER: needs root"), List.of());
    }

    @Test
    void handlesDocumentsMatchTheirSchemaOnBothPlatforms() throws IOException {
        Path schema = SCHEMA.resolveSibling("handles.schema.json");
        for (String platform : List.of("linux", "windows")) {
            java.io.StringWriter w = new java.io.StringWriter();
            try (java.io.PrintWriter out = new java.io.PrintWriter(w)) {
                wsclose.cli.render.HandlesRenderer.json(out, snapshot(platform));
            }
            assertThat(violations(schema, w.toString())).as(platform).isEmpty();
            JsonNode sock = JSON.readTree(w.toString()).get("sockets").get(0);
            if (platform.equals("linux")) { // Linux's own numbers: decimal inode and fd
                assertThat(sock.get("inode").asText()).isEqualTo("70899");
                assertThat(sock.get("owners").get(0).get("handle").asText()).isEqualTo("7");
                assertThat(sock.has("object")).isFalse();
            } else {
                assertThat(sock.get("inode").isNull()).isTrue();
                assertThat(sock.get("object").asText()).isEqualTo("0xffffa50c3e5f2010");
                assertThat(sock.get("owners").get(0).get("handle").asText()).isEqualTo("0x2c4");
            }
            ObjectNode doc = (ObjectNode) JSON.readTree(w.toString());
            ((ObjectNode) doc.get("sockets").get(0)).put("inode", "0x114f3");
            assertThat(violations(schema, doc.toString())).containsExactly("$.sockets[0].inode: \"0x114f3\" does not match ^[0-9]+$");
        }
    }

    @Test
    void everyScenariosReportMatchesTheSchema() throws IOException {
        for (String name : Scenarios.all().keySet()) {
            WinsockScenario s = new WinsockScenario(8, 4);
            Scenarios.all().get(name).accept(s);
            Path f = dir.resolve(name + ".etl");
            s.writeTo(f);
            for (String all : List.of("--all-sockets", "--pretty")) {
                Cli r = Cli.run("analyze", "--format", "json", all, "--fail-on", "never", f.toString());
                assertThat(violations(r.out())).as(name + " " + all).isEmpty();
            }
        }
        Cli example = Cli.run("analyze", "--format", "json", "--all-sockets", "--fail-on", "never", Example.FILE.toString());
        assertThat(violations(example.out())).isEmpty();
    }

    @Test
    void theCheckerCatchesAWrongShape() throws IOException {
        Cli r = Cli.run("analyze", "--format", "json", "--all-sockets", "--fail-on", "never", Example.FILE.toString());
        ObjectNode doc = (ObjectNode) JSON.readTree(r.out());
        ((ObjectNode) doc.get("sockets").get(0)).put("pid", "880");
        ((ObjectNode) doc.get("findings").get(0)).put("kind", "frobnicated");
        doc.remove("stats");
        assertThat(violations(doc.toString())).containsExactlyInAnyOrder("$: missing stats", "$.sockets[0].pid: expected [integer, null], found string",
                "$.findings[0].kind: \"frobnicated\" is not one of " + JSON.readTree(SCHEMA.toFile()).at("/$defs/finding/properties/kind/enum"));
    }
}
