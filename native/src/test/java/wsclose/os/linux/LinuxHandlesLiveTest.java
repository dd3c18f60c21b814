package wsclose.os.linux;

import wsclose.trace.testing.Python;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import wsclose.os.HandlesSnapshot;
import wsclose.os.ProcessSelector;
import wsclose.os.SocketSnapshot;

/** {@code handles} on real sockets of Python children: the cases of live-mode.md §B.1/§B.2, on 127.0.0.1. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class LinuxHandlesLiveTest {
    @TempDir
    Path dir;

    static final String SETUP = """
            import socket, struct, os, sys, time, array
            l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
            c = socket.socket(); c.connect(l.getsockname())
            a, _ = l.accept()
            def ino(s): return os.fstat(s.fileno()).st_ino
            """;

    static boolean root() {
        return ProcScan.effectiveUid(Path.of("/proc")) == 0;
    }

    static SocketSnapshot byInode(HandlesSnapshot s, long inode) {
        return s.sockets().stream().filter(k -> k.inode() == inode).findFirst().orElseThrow(
                () -> new AssertionError("socket " + inode + " not in the snapshot: " + s.sockets()));
    }

    @Test
    void forkAndDupShareOneSocketWithFourReferencesInTwoProcesses() throws IOException {
        Path py = Python.script(dir, "fork", SETUP + """
                d = os.dup(c.fileno())
                pid = os.fork()
                if pid == 0:
                    sys.stdin.readline(); os._exit(0)
                print(os.getpid(), pid, ino(c), flush=True)
                sys.stdin.readline()
                """);
        try (Python.Child child = new Python.Child(py)) {
            String[] f = child.line().split(" ");
            int parent = Integer.parseInt(f[0]);
            int forked = Integer.parseInt(f[1]);
            HandlesSnapshot s = new LinuxHandles(true).snapshot(new ProcessSelector(Set.of(parent), null));
            SocketSnapshot c = byInode(s, Long.parseLong(f[2]));
            assertThat(c.refcount()).isEqualTo(4);
            assertThat(c.inFlight()).isZero();
            assertThat(c.owners()).extracting(SocketSnapshot.Owner::pid).containsExactlyInAnyOrder(parent, parent, forked, forked);
            assertThat(c.owners()).allSatisfy(o -> assertThat(o.process()).startsWith("python"));
            assertThat(c.family()).isEqualTo("inet");
            assertThat(c.state()).isEqualTo("ESTABLISHED");
            assertThat(c.cookie()).isNotZero();
            assertThat(c.local()).startsWith("127.0.0.1:");
            // the listener and the accepted socket: inherited by the child too, one fd each per process
            assertThat(s.sockets()).filteredOn(k -> k.inode() != c.inode() && k.family().equals("inet"))
                    .extracting(SocketSnapshot::refcount).containsOnly(2);
        }
    }

    @Test
    void socketSentWithScmRightsAndNeverReceivedIsHeldInFlight() throws IOException {
        Assumptions.assumeTrue(root(), "needs root: without it, processes of other users hide their sockets");
        Path py = Python.script(dir, "scm", SETUP + """
                u1, u2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
                u1.sendmsg([b"x"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [c.fileno()]))])
                i = ino(c); c.close()
                v1, v2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
                v1.sendmsg([b"y"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [a.fileno()]))])
                msg, anc, flags, addr = v2.recvmsg(1, socket.CMSG_LEN(4))
                got = array.array("i"); got.frombytes(anc[0][2])
                print(os.getpid(), i, ino(a), got[0], flush=True)
                sys.stdin.readline()
                """);
        try (Python.Child child = new Python.Child(py)) {
            String[] f = child.line().split(" ");
            int pid = Integer.parseInt(f[0]);
            HandlesSnapshot s = new LinuxHandles(true).snapshot(ProcessSelector.all());
            SocketSnapshot inFlight = byInode(s, Long.parseLong(f[1]));
            assertThat(inFlight.owners()).isEmpty();
            assertThat(inFlight.inFlight()).isEqualTo(1);
            assertThat(inFlight.refcount()).isEqualTo(1);
            assertThat(inFlight.state()).isEqualTo("ESTABLISHED");
            assertThat(s.limitations()).anySatisfy(l -> assertThat(l).contains("in flight"));
            SocketSnapshot received = byInode(s, Long.parseLong(f[2]));
            assertThat(received.owners()).extracting(SocketSnapshot.Owner::pid, SocketSnapshot.Owner::handle)
                    .contains(org.assertj.core.groups.Tuple.tuple(pid, Long.parseLong(f[3])));
            assertThat(received.refcount()).isEqualTo(2);
            assertThat(s.sockets()).anySatisfy(k -> assertThat(k.family()).isEqualTo("unix"));
        }
    }

    @Test
    void lingerAndRisksOfQueuedAndUnreadData() throws IOException {
        Path py = Python.script(dir, "linger", SETUP + """
                import fcntl, termios
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                a.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 7))
                c.setblocking(False)
                try:
                    while True: c.send(b"x" * 65536)
                except BlockingIOError: pass
                a.send(b"y" * 1000)
                time.sleep(0.2)
                outq = struct.unpack("i", fcntl.ioctl(c.fileno(), termios.TIOCOUTQ, b"\\0" * 4))[0]
                print(os.getpid(), ino(c), ino(a), outq, flush=True)
                sys.stdin.readline()
                """);
        try (Python.Child child = new Python.Child(py)) {
            String[] f = child.line().split(" ");
            int pid = Integer.parseInt(f[0]);
            long queued = Long.parseLong(f[3]);
            HandlesSnapshot s = new LinuxHandles(true).snapshot(new ProcessSelector(Set.of(pid), null));
            SocketSnapshot c = byInode(s, Long.parseLong(f[1]));
            SocketSnapshot a = byInode(s, Long.parseLong(f[2]));
            assertThat(c.linger()).isEqualTo(new SocketSnapshot.Linger(true, 0));
            assertThat(a.linger()).isEqualTo(new SocketSnapshot.Linger(true, 7));
            // nothing is sent after TIOCOUTQ was read, but loopback may still move some of the queue into the peer's
            // growing receive buffer before the snapshot (3,797,504 -> 3,782,144 bytes in one CI run): at most that
            assertThat(c.sendQueue()).isPositive().isLessThanOrEqualTo(queued);
            assertThat(c.notSent()).isPositive();
            assertThat(c.recvQueue()).isEqualTo(1000);
            assertThat(c.risks()).contains("closing now would discard " + Risks.n(c.sendQueue()) + " bytes (SO_LINGER {1,0})",
                    "closing now would reset the peer: 1,000 bytes received and unread");
            assertThat(a.recvQueue()).isPositive();
            assertThat(a.risks()).anySatisfy(r -> assertThat(r).startsWith("closing now would reset the peer: "));
            assertThat(s.limitations()).noneMatch(l -> l.startsWith("SO_LINGER"));
            // and without probing, nothing is duplicated and SO_LINGER stays unknown
            HandlesSnapshot quiet = new LinuxHandles(false).snapshot(new ProcessSelector(Set.of(pid), null));
            assertThat(byInode(quiet, c.inode()).linger()).isNull();
            assertThat(byInode(quiet, c.inode()).risks()).containsExactly("closing now would reset the peer: 1,000 bytes received and unread");
            assertThat(quiet.limitations()).contains("SO_LINGER: not read (--no-probe)");
        }
    }

    @Test
    void selectingByNameAndANameThatMatchesNothing() throws IOException {
        Path py = Python.script(dir, "byname", SETUP + """
                print(os.getpid(), ino(c), flush=True)
                sys.stdin.readline()
                """);
        try (Python.Child child = new Python.Child(py)) {
            String[] f = child.line().split(" ");
            String comm = ProcScan.comm(Path.of("/proc"), Integer.parseInt(f[0]));
            HandlesSnapshot s = new LinuxHandles(false).snapshot(new ProcessSelector(Set.of(), comm));
            assertThat(s.sockets()).extracting(SocketSnapshot::inode).contains(Long.parseLong(f[1]));
            List<SocketSnapshot> none = new LinuxHandles(false).snapshot(new ProcessSelector(Set.of(), "no-such-process-x")).sockets();
            assertThat(none).isEmpty();
        }
    }
}
