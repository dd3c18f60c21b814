package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Guid;
import wsclose.trace.testing.EtlWriter;
import wsclose.trace.testing.PayloadBuilder;
import wsclose.trace.testing.Scenarios;
import wsclose.trace.testing.WinsockScenario;

/** {@code events --manifest}: a provider wsclose does not know, decoded by the user's manifest. */
class EventsManifestTest {
    @TempDir
    Path dir;

    static final Guid PROVIDER = Guid.parse("11111111-2222-3333-4444-555555555555");

    @Test
    void userManifestNamesTheFields() throws IOException {
        Path man = dir.resolve("app.man");
        Files.writeString(man, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\">\n"
                + " <instrumentation xmlns:win=\"http://manifests.microsoft.com/win/2004/08/windows/events\">\n"
                + "  <events>\n"
                + "   <provider name=\"Contoso-App\" guid=\"{11111111-2222-3333-4444-555555555555}\" symbol=\"CA\">\n"
                + "    <templates><template tid=\"Req\">\n"
                + "      <data name=\"Socket\" inType=\"win:Pointer\"/><data name=\"Bytes\" inType=\"win:UInt32\"/>\n"
                + "      <data name=\"Peer\" inType=\"win:UnicodeString\"/>\n"
                + "    </template></templates>\n"
                + "    <events><event value=\"42\" version=\"0\" template=\"Req\" symbol=\"RequestSent\"/></events>\n"
                + "   </provider>\n  </events>\n </instrumentation>\n</instrumentationManifest>\n");
        Path etl = dir.resolve("app.etl");
        EtlWriter w = EtlWriter.builder().processors(1).build();
        w.event(0, 1_000_000_500L, PROVIDER, 42, 0, 0, 4, 0, 0, 77, 78,
                new PayloadBuilder(8).ptr(0x1a4).u32(512).utf16z("10.0.0.2:443").build());
        w.writeTo(etl);

        Cli plain = Cli.run("events", "--format", "jsonl", "--id", "42", etl.toString());
        assertThat(plain.code()).isZero();
        assertThat(plain.out()).doesNotContain("Bytes");

        Cli r = Cli.run("events", "--format", "jsonl", "--manifest", man.toString(), "--provider", "Contoso-App", etl.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode ev = new ObjectMapper().readTree(r.out().strip());
        assertThat(ev.toString()).contains("\"Socket\":\"0x1a4\"").contains("\"Bytes\":512").contains("\"Peer\":\"10.0.0.2:443\"");

        Cli bad = Cli.run("events", "--manifest", dir.resolve("none.man").toString(), etl.toString());
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).contains("none.man");
    }

    @Test
    void winsockEventsShowTheirFieldsByName() throws IOException {
        WinsockScenario s = new WinsockScenario(8, 2);
        Scenarios.all().get("lost-send-data").accept(s);
        Path f = dir.resolve("l.etl");
        s.writeTo(f);
        Cli r = Cli.run("events", "--provider", "Microsoft-Windows-Winsock-Sockets", "--id", "8", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("SockSetOptStop").contains("Level=65535").contains("OptName=128").contains("OptVal=01000000");
    }
}
