package wsclose.os.linux;

import wsclose.trace.testing.Python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import wsclose.os.LiveException;
import wsclose.os.ProcessSelector;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Kinds;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/** The session around the events: attaching to a running process, privileges, and the tracefs instances. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class LinuxTraceSessionTest {
    @TempDir
    Path dir;

    @Test
    void withoutRootNothingIsCreatedAndTheMessageSaysWhy() throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc/self"));
        Files.writeString(proc.resolve("status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
        LinuxTrace t = new LinuxTrace(dir.resolve("proc"), ProcessSelector.all(), List.of(), 100);
        assertThatThrownBy(() -> t.start(e -> { })).isInstanceOfSatisfying(LiveException.class, e -> {
            assertThat(e.reason()).isEqualTo(LiveException.Reason.PRIVILEGE);
            assertThat(e.getMessage()).contains("needs root").doesNotContain("\n");
        });
        assertThat(t.command()).isEmpty();
    }

    @Test
    void attachingToARunningProcessStartsFromItsSnapshot() throws Exception {
        Live.assumeTracing();
        Path py = Python.script(dir, "attach", """
                import socket, struct, os, sys, time, fcntl, termios
                l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
                c = socket.socket(); c.connect(l.getsockname())
                a, _ = l.accept()
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                c.setblocking(False)
                try:
                    while True: c.send(b"x" * 65536)
                except BlockingIOError: pass
                def outq(): return struct.unpack("i", fcntl.ioctl(c.fileno(), termios.TIOCOUTQ, b"\\0" * 4))[0]
                print(os.getpid(), os.fstat(c.fileno()).st_ino, flush=True)
                sys.stdin.readline()
                last = -1
                while outq() != last:  # wait until the peer's window stops moving, so the last sample is exact
                    last = outq(); time.sleep(0.2)
                print(last, flush=True)
                c.close(); a.close(); l.close()
                """);
        try (Python.Child child = new Python.Child(py)) {
            String[] f = child.line().split(" ");
            int pid = Integer.parseInt(f[0]);
            long inode = Long.parseLong(f[1]);
            LinuxTrace t = new LinuxTrace(new ProcessSelector(Set.of(pid), null), List.of(), 50);
            String[] queued = new String[1];
            Live.Run r = Live.run(t, () -> {
                Thread.sleep(300);
                child.send("go");
                queued[0] = child.line();
                assertThat(child.waitExit()).isZero();
            });
            List<SocketEvent> seeded = r.events().stream().filter(e -> e.source() == SocketEvent.Source.SNAPSHOT).toList();
            assertThat(seeded).filteredOn(e -> e.kind() == SocketEventKind.OBSERVED).extracting(SocketEvent::endpoint).contains(inode);
            assertThat(seeded).filteredOn(e -> e.kind() == SocketEventKind.API_SETOPT && e.endpoint() == inode)
                    .singleElement().satisfies(e -> assertThat(e.value()).isEqualTo(1L << 16));
            Finding lost = r.findings(Kinds.LOST_SEND_DATA).stream().filter(x -> x.socket().endpoint() == inode).findFirst()
                    .orElseThrow(() -> new AssertionError("no lost-send-data: " + r.report().findings()));
            assertThat(lost.details().get("bytesLost")).isEqualTo(Long.parseLong(queued[0]));
            assertThat(r.sockets().get(inode).created()).isEqualTo(-1); // it existed before the trace
        }
    }

    @Test
    void tracingEveryProcessFollowsProcessesThatWerePresentAtStart() throws Exception {
        Live.assumeTracing();
        // started before the trace: processes wsclose itself starts later are excluded with it (set_event_notrace_pid)
        Path py = Python.script(dir, "later", """
                import socket, os, sys, time
                sys.stdin.readline()
                l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
                c = socket.socket(); c.connect(l.getsockname())
                a, _ = l.accept()
                c.send(b"u" * 700)
                time.sleep(0.3)
                print(os.fstat(a.fileno()).st_ino, flush=True)
                a.close(); time.sleep(0.1); c.close(); l.close()
                """);
        try (Python.Child child = new Python.Child(py)) {
            long[] a = {0};
            LinuxTrace t = new LinuxTrace(ProcessSelector.all(), List.of(), 50);
            Live.Run r = Live.run(t, () -> {
                child.send("go");
                a[0] = Long.parseLong(child.line().trim());
                assertThat(child.waitExit()).isZero();
            });
            assertThat(r.findings(Kinds.UNREAD_DATA_RESET)).filteredOn(f -> f.socket().endpoint() == a[0]).singleElement()
                    .satisfies(f -> assertThat(f.details().get("bytesUnread")).isEqualTo(700L));
        }
    }

    @Test
    void kernelsWithoutTheFieldsOptionAreReadFromTheirPrintFormat() throws Exception {
        Live.assumeTracing();
        Path py = Python.script(dir, "nofields", """
                import socket, os, sys, time
                l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
                c = socket.socket(); c.connect(l.getsockname())
                a, _ = l.accept()
                c.send(b"z" * 3000)
                time.sleep(0.3)
                open(sys.argv[1], "w").write(str(os.fstat(a.fileno()).st_ino))
                a.close(); time.sleep(0.1); c.close(); l.close()
                """);
        Path facts = dir.resolve("nofields.out");
        System.setProperty("wsclose.tracefs.fields", "false");
        Live.Run r;
        try {
            r = Live.command(Python.command(py, facts.toString()));
        } finally {
            System.clearProperty("wsclose.tracefs.fields");
        }
        long a = Long.parseLong(Files.readString(facts).trim());
        assertThat(r.findings(Kinds.UNREAD_DATA_RESET)).singleElement().satisfies(f -> {
            assertThat(f.socket().endpoint()).isEqualTo(a);
            assertThat(f.details().get("bytesUnread")).isEqualTo(3000L);
        });
        assertThat(r.stats().notes()).anySatisfy(n -> assertThat(n).contains("options/fields"));
    }

    @Test
    void instancesAreOwnAndRemovedAndStaleOnesAreCleaned() throws Exception {
        Live.assumeTracing();
        Tracefs fs = Tracefs.find();
        Path instances = fs.root().resolve("instances");
        Path stale = instances.resolve("wsclose-999999999-sys");
        Files.createDirectory(stale);
        String globalEvents = Files.readString(fs.root().resolve("set_event"));
        String globalOptions = Files.readString(fs.root().resolve("trace_options"));
        Path py = Python.script(dir, "noop", "import time\ntime.sleep(0.2)\n");
        LinuxTrace t = new LinuxTrace(ProcessSelector.all(), Python.command(py), 100);
        String mine = "wsclose-" + ProcessHandle.current().pid();
        Live.run(t, () -> {
            assertThat(stale).doesNotExist();
            try (Stream<Path> s = Files.list(instances)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(mine)).toList()).hasSize(2);
            }
            t.command().orElseThrow().waitFor();
        });
        try (Stream<Path> s = Files.list(instances)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(mine))).isEmpty();
        }
        assertThat(Files.readString(fs.root().resolve("set_event"))).isEqualTo(globalEvents);
        assertThat(Files.readString(fs.root().resolve("trace_options"))).isEqualTo(globalOptions);
        assertThat(t.stats().notes()).anySatisfy(n -> assertThat(n).contains("wsclose-999999999-sys"));
    }
}
