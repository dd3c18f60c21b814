package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wsclose sockets}: the shell's socket list as a command, in creation order, with analyze's filters. */
class SocketsCommandTest {
    static final String FILE = Example.FILE.toString();

    @Test
    void everySocketInCreationOrder() throws IOException {
        Cli r = Cli.run("sockets", "--format", "csv", FILE);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("endpoint,pid,process,handles,local,remote,created,closed,state,findings");
        Example x = Example.read(Example.FILE);
        assertThat(lines).hasSize(1 + x.sockets().size());
        List<String> created = lines.subList(1, lines.size()).stream().map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[6]).toList();
        assertThat(created).isSorted();
        Cli table = Cli.run("sockets", "--pid", "2300", FILE);
        assertThat(table.out()).contains("worker.exe").endsWith("1 of " + x.sockets().size() + " sockets\n");
    }

    @Test
    void jsonIsTheFullReport() throws IOException {
        Cli r = Cli.run("sockets", "--format", "json", FILE);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ReportSchemaTest.violations(r.out())).isEmpty();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.get("sockets")).hasSize(Example.read(Example.FILE).sockets().size());
    }
}
