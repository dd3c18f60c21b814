package wsclose.cli;

import wsclose.trace.testing.Python;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Times;

/** {@code wsclose handles} on a Python child that holds a listener, a connected pair with SO_LINGER {1,0} and a fork. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class HandlesCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Python.Child child;
    int pid;
    long inode;

    @BeforeEach
    void start() throws IOException {
        Path py = Python.script(dir, "holder", """
                import socket, struct, os, sys
                l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
                c = socket.socket(); c.connect(l.getsockname())
                a, _ = l.accept()
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                c.send(b"q" * 300)
                pid = os.fork()
                if pid == 0:
                    sys.stdin.readline(); os._exit(0)
                print(os.getpid(), os.fstat(c.fileno()).st_ino, flush=True)
                sys.stdin.readline()
                """);
        child = new Python.Child(py);
        String[] f = child.line().split(" ");
        pid = Integer.parseInt(f[0]);
        inode = Long.parseLong(f[1]);
    }

    @AfterEach
    void stop() {
        child.close();
    }

    @Test
    void jsonDocument() throws IOException {
        Cli r = Cli.run("handles", "--pid", Integer.toString(pid), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("kind").asText()).isEqualTo("wsclose-handles");
        assertThat(doc.get("platform").asText()).isEqualTo("linux");
        assertThat(Times.parseIso(doc.get("time").asText())).isPositive();
        JsonNode c = null;
        for (JsonNode s : doc.get("sockets")) {
            if (s.get("id").asText().equals("ino:" + inode)) {
                c = s;
            }
        }
        assertThat(c).as(r.out()).isNotNull();
        assertThat(c.get("inode").asText()).isEqualTo(Long.toString(inode)); // as ss -e and /proc/PID/fd show it
        assertThat(c.get("cookie").asText()).startsWith("0x");
        assertThat(c.get("family").asText()).isEqualTo("inet");
        assertThat(c.get("state").asText()).isEqualTo("ESTABLISHED");
        assertThat(c.get("refcount").asInt()).isEqualTo(2); // the parent's fd and the child's inherited copy
        List<String> holders = new ArrayList<>();
        c.get("owners").forEach(o -> holders.add(o.get("pid").asInt() + ":" + o.get("handle").asText()));
        assertThat(holders).hasSize(2).allSatisfy(h -> assertThat(h).matches("\\d+:\\d+")); // pid:fd, decimal
        assertThat(c.get("recvQueue").asLong()).isZero();
        if (Python.root()) {
            assertThat(c.get("linger").get("onOff").asBoolean()).isTrue();
            assertThat(c.get("linger").get("seconds").asInt()).isZero();
        }
        assertThat(doc.get("limitations").isArray()).isTrue();
        assertThat(ReportSchemaTest.violations(ReportSchemaTest.SCHEMA.resolveSibling("handles.schema.json"), r.out())).isEmpty();
    }

    @Test
    void csvWithHeaderAndTableForPeople() {
        Cli csv = Cli.run("handles", "--pid", Integer.toString(pid), "--format", "csv", "--no-probe");
        assertThat(csv.code()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,inode,cookie,family,type,state,local,remote,refcount,in_flight,owners,send_queue,"
                + "recv_queue,unacked,not_sent,linger,risks");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ino:" + inode + "," + inode + ",0x"));
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.split(",", -1).length).isGreaterThanOrEqualTo(17));
        assertThat(csv.err()).contains("SO_LINGER: not read (--no-probe)");
        Cli table = Cli.run("handles", "--pid", Integer.toString(pid));
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("INODE", "OWNERS (pid:fd)", Long.toString(inode), "ESTABLISHED");
    }

    @Test
    void unknownPidIsExit3WithOneLine() {
        Cli r = Cli.run("handles", "--pid", "999999999");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("wsclose handles: no process with pid 999999999");
        assertThat(r.out()).isEmpty();
    }
}
