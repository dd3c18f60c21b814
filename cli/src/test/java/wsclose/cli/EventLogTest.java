package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.cli.render.EventLog;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/** Two readers agree: a trace and the event log of its socket events give the same findings. */
class EventLogTest {
    @TempDir
    Path dir;

    @Test
    void traceAndItsEventLogGiveTheSameReport() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 4);
        Scenarios.tour(s);
        Path etl = dir.resolve("tour.etl");
        s.writeTo(etl);
        List<SocketEvent> events = new ArrayList<>();
        SocketDecoder decoder = new SocketDecoder();
        try (EtlFile f = EtlFile.open(etl)) {
            f.forEach(ev -> decoder.decode(ev, events::add));
        }
        Path log = dir.resolve("tour.jsonl");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            EventLog.Writer lw = new EventLog.Writer(w);
            lw.header("tour.etl");
            events.forEach(lw::write);
        }
        List<SocketEvent> back = new ArrayList<>();
        assertThat(EventLog.read(log, back::add)).isEqualTo("tour.etl");
        assertThat(back).isEqualTo(events);

        ObjectMapper m = new ObjectMapper();
        JsonNode fromEtl = m.readTree(Cli.run("analyze", "--format", "json", "--fail-on", "never", etl.toString()).out());
        Cli fromLogRun = Cli.run("analyze", "--format", "json", "--fail-on", "never", log.toString());
        assertThat(fromLogRun.code()).as(fromLogRun.err()).isZero();
        JsonNode fromLog = m.readTree(fromLogRun.out());
        assertThat(fromLog.get("findings")).isEqualTo(fromEtl.get("findings"));
        assertThat(fromLog.get("sockets")).isEqualTo(fromEtl.get("sockets"));
    }

    @Test
    void aBrokenLineNamesItsNumber() throws IOException {
        Path log = dir.resolve("bad.jsonl");
        Files.writeString(log, "{\"format\":1,\"kind\":\"wsclose-events\",\"source\":\"x\"}\n"
                + "{\"time\":\"2024-01-01T00:00:00.0000000Z\",\"kind\":\"CREATE\",\"source\":\"LINUX\",\"endpoint\":\"0x10\"}\n"
                + "{\"time\":\"yesterday\",\"kind\":\"CREATE\",\"source\":\"LINUX\"}\n");
        Cli r = Cli.run("analyze", log.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("line 3").contains("ISO-8601");
    }
}
