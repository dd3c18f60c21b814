package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wsclose.os.HandlesSnapshot;
import wsclose.os.SocketSnapshot;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEventKind;

/**
 * The fd table through the calls the recorded fixture does not cover: dup2 over a socket fd, fcntl(F_DUPFD),
 * close_range, exec closing close-on-exec fds, SCM_RIGHTS receipt, threads versus processes, shutdown, and reads on
 * other fds. Lines are written in the options/fields layout of Linux 6.18, with the formats recorded there.
 */
class SyscallsTest {
    static final int PID = 100;
    private final LineParser parser = new LineParser(Fixture.formats());
    private final List<SocketEvent> out = new ArrayList<>();
    private Translator t;
    private long clock = 1_000_000_000L;

    /** Process 100 holds inet sockets 11 (fd 3) and 12 (fd 4) and unix socket 13 (fd 5) when the trace starts. */
    @BeforeEach
    void seed() {
        java.util.Map<Long, DiagEntry> inet = new java.util.HashMap<>();
        inet.put(11L, SnapshotsTest.tcp(11, 1, 0, 0));
        inet.put(12L, SnapshotsTest.tcp(12, 1, 0, 0));
        List<ProcScan.Proc> procs = List.of(new ProcScan.Proc(PID, "srv", List.of(new ProcScan.Fd(3, 11), new ProcScan.Fd(4, 12),
                new ProcScan.Fd(5, 13)), true));
        List<SocketSnapshot> socks = Snapshots.build(List.of(11L, 12L, 13L), java.util.Map.of(
                11L, List.of(new SocketSnapshot.Owner(PID, 3, "srv")), 12L, List.of(new SocketSnapshot.Owner(PID, 4, "srv")),
                13L, List.of(new SocketSnapshot.Owner(PID, 5, "srv"))),
                new Snapshots.Tables(inet, java.util.Map.of(13L, new ProcNet.UnixRow(13, 1, 3, false, "")), Set.of()), i -> null);
        t = new Translator(out::add, 0, ConcurrentHashMap.newKeySet());
        t.apply(new Seed(clock, clock + 2_000_000, new LinuxHandles.Detailed(new HandlesSnapshot(0, "linux", socks, List.of(), List.of()), procs,
                new Snapshots.Tables(inet, java.util.Map.of(), Set.of())), Set.of(PID)));
        seeded = List.copyOf(out);
        out.clear();
    }

    private List<SocketEvent> seeded;

    @Test
    void theStartSnapshotsQueuesCarryHowLongTheSnapshotTook() {
        // the scan of /proc and sock_diag ran 2 ms after the trace began: a segment logged meanwhile may or may not be in
        // its queues (LiveQueues keeps such a sample from carrying figures forward)
        assertThat(seeded).filteredOn(e -> e.kind() == SocketEventKind.QUEUE_SAMPLE).hasSize(2)
                .allSatisfy(e -> assertThat(e.seq()).as("2 ms in 100 ns units").isEqualTo(20_000));
    }

    /** One record: "event: k=v ..." with numbers in the fields layout. */
    private Rec rec(int tid, String event, Object... kv) {
        StringBuilder sb = new StringBuilder("          srv-" + tid + "    (    " + PID + ") [000] .....  ")
                .append(clock / 1_000_000_000L).append('.').append(String.format("%06d", (clock / 1000) % 1_000_000)).append(": ")
                .append(event).append(':');
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            sb.append(' ').append(kv[i]).append('=').append(v instanceof Long || v instanceof Integer
                    ? "0x" + Long.toHexString(((Number) v).longValue()) + " (" + v + ")" : v);
        }
        clock += 1000;
        Rec r = parser.parse(sb.toString());
        assertThat(r).as(sb.toString()).isNotNull();
        return r;
    }

    private void call(int tid, String name, Object[] args, long ret, java.util.function.Consumer<Rec> enrich) {
        Object[] enter = new Object[args.length + 2];
        enter[0] = "__syscall_nr";
        enter[1] = 1;
        System.arraycopy(args, 0, enter, 2, args.length);
        t.apply(rec(tid, "sys_enter_" + name, enter));
        Rec exit = rec(tid, "sys_exit_" + name, "__syscall_nr", 1, "ret", ret);
        if (enrich != null) {
            enrich.accept(exit);
        }
        t.apply(exit);
    }

    private List<SocketEvent> of(SocketEventKind k) {
        return out.stream().filter(e -> e.kind() == k).toList();
    }

    @Test
    void dup2OverASocketFdMovesTheReference() {
        call(PID, "dup2", new Object[] {"oldfd", 3, "newfd", 4}, 4, null);
        assertThat(of(SocketEventKind.API_DUP)).singleElement().satisfies(e -> {
            assertThat(e.handle()).isEqualTo(4);
            assertThat(e.value()).isEqualTo(3);
            assertThat(e.endpoint()).isEqualTo(11);
        });
        // fd 4 now names socket 11: writing to it is a send on 11
        call(PID, "write", new Object[] {"fd", 4, "buf", "(0x1)", "count", 10}, 10, null);
        assertThat(of(SocketEventKind.API_SEND)).singleElement().extracting(SocketEvent::endpoint).isEqualTo(11L);
    }

    @Test
    void fcntlDupAndCloseRange() {
        call(PID, "fcntl", new Object[] {"fd", 4, "cmd", Syscalls.F_DUPFD_CLOEXEC, "arg", 10}, 10, null);
        assertThat(of(SocketEventKind.API_DUP)).singleElement().extracting(SocketEvent::handle, SocketEvent::endpoint)
                .containsExactly(10L, 12L);
        call(PID, "fcntl", new Object[] {"fd", 4, "cmd", 3 /* F_GETFL */, "arg", 0}, 2, null);
        assertThat(of(SocketEventKind.API_DUP)).hasSize(1);
        call(PID, "close_range", new Object[] {"fd", 4, "max_fd", 0xffffffffL, "flags", 0}, 0, null);
        assertThat(of(SocketEventKind.API_CLOSE)).extracting(SocketEvent::phase, SocketEvent::handle)
                .containsExactlyInAnyOrder(tuple(Phase.ENTER, 4L), tuple(Phase.ENTER, 10L), tuple(Phase.EXIT, 4L), tuple(Phase.EXIT, 10L));
        out.clear();
        call(PID, "close_range", new Object[] {"fd", 3, "max_fd", 3, "flags", Syscalls.CLOSE_RANGE_CLOEXEC}, 0, null);
        assertThat(out).as("CLOSE_RANGE_CLOEXEC closes nothing now").isEmpty();
    }

    @Test
    void ebadfOnAFormerSocketFdButNotOnOtherFds() {
        call(PID, "close", new Object[] {"fd", 3}, 0, null);
        call(PID, "read", new Object[] {"fd", 3, "buf", "(0x1)", "count", 10}, -9, null);
        call(PID, "read", new Object[] {"fd", 7, "buf", "(0x1)", "count", 10}, -9, null);
        call(PID, "close", new Object[] {"fd", 3}, -9, null);
        assertThat(of(SocketEventKind.API_RECV)).singleElement().satisfies(e -> {
            assertThat(e.handle()).isEqualTo(3);
            assertThat(e.status()).isEqualTo(9);
        });
        assertThat(of(SocketEventKind.API_CLOSE)).extracting(SocketEvent::phase, SocketEvent::status)
                .containsExactly(tuple(Phase.ENTER, 0L), tuple(Phase.EXIT, 0L), tuple(Phase.EXIT, 9L));
    }

    @Test
    void shutdownAndNothingForUnixSockets() {
        call(PID, "shutdown", new Object[] {"fd", 3, "how", 1}, 0, null);
        assertThat(of(SocketEventKind.API_SHUTDOWN)).singleElement().extracting(SocketEvent::value, SocketEvent::endpoint)
                .containsExactly(1L, 11L);
        out.clear();
        call(PID, "read", new Object[] {"fd", 5, "buf", "(0x1)", "count", 10}, 10, null);
        call(PID, "close", new Object[] {"fd", 5}, 0, null);
        assertThat(out).as("the model hears about inet sockets only").isEmpty();
    }

    @Test
    void scmRightsReceiptOfAKnownSocket() {
        // fd 4 (socket 12) is closed here, then received back over the unix socket as fd 9
        call(PID, "close", new Object[] {"fd", 4}, 0, null);
        t.known.add(12L);
        out.clear();
        call(PID, "recvmsg", new Object[] {"fd", 5, "msg", "(0x1)", "flags", 0}, 1,
                r -> r.fds = List.of(new ProcScan.Fd(3, 11), new ProcScan.Fd(5, 13), new ProcScan.Fd(9, 12)));
        assertThat(of(SocketEventKind.API_DUP)).singleElement().satisfies(e -> {
            assertThat(e.handle()).isEqualTo(9);
            assertThat(e.name()).isEqualTo("SCM_RIGHTS");
            assertThat(e.endpoint()).isEqualTo(12);
        });
    }

    @Test
    void threadsShareTheTableProcessesCopyItAndExecClosesCloseOnExec() {
        Rec thread = rec(PID, "sched_process_fork", "parent_comm", "srv", "parent_pid", PID, "child_comm", "srv", "child_pid", 101);
        thread.childTgid = PID;
        t.apply(thread);
        assertThat(out).isEmpty();
        Rec child = rec(PID, "sched_process_fork", "parent_comm", "srv", "parent_pid", PID, "child_comm", "srv", "child_pid", 200);
        child.childTgid = 200;
        t.apply(child);
        assertThat(of(SocketEventKind.API_DUP)).extracting(SocketEvent::pid, SocketEvent::handle, SocketEvent::name)
                .containsExactly(tuple(200, 3L, "fork"), tuple(200, 4L, "fork"));
        out.clear();
        Rec exec = rec(200, "sched_process_exec", "filename", "/usr/bin/worker", "pid", 200, "old_pid", 200);
        exec.tgid = 200;
        exec.fds = List.of(new ProcScan.Fd(4, 12));
        t.apply(exec);
        assertThat(of(SocketEventKind.PROCESS_START)).singleElement().extracting(SocketEvent::name).isEqualTo("worker");
        assertThat(of(SocketEventKind.API_CLOSE)).extracting(SocketEvent::pid, SocketEvent::handle, SocketEvent::phase)
                .containsExactly(tuple(200, 3L, Phase.ENTER), tuple(200, 3L, Phase.EXIT));
        out.clear();
        Rec end = rec(200, "sched_process_exit", "comm", "worker", "pid", 200, "prio", 120, "group_dead", "(1)");
        end.tgid = 200;
        t.apply(end);
        assertThat(of(SocketEventKind.PROCESS_END)).singleElement().extracting(SocketEvent::pid).isEqualTo(200);
        assertThat(t.fds).doesNotContainKey(200);
    }

    @Test
    void aSocketWhoseFdWasGoneGetsASyntheticId() {
        call(PID, "socket", new Object[] {"family", 2, "type", 1, "protocol", 0}, 6, r -> r.inode = -1);
        assertThat(of(SocketEventKind.CREATE)).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo(Translator.SYNTHETIC);
            assertThat(e.name()).isEqualTo("socket(AF_INET, SOCK_STREAM)");
        });
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("1 socket(s) were closed by their creator").contains("made-up ids from " + Translator.SYNTHETIC));
    }

    @Test
    void aMadeUpIdIsReplacedByTheInodeOfTheCopyAForkedChildHolds() {
        call(PID, "socket", new Object[] {"family", 2, "type", 1, "protocol", 0}, 6, r -> r.inode = -1);
        long made = of(SocketEventKind.CREATE).get(0).endpoint();
        assertThat(made).isEqualTo(Translator.SYNTHETIC);
        out.clear();
        Rec child = rec(PID, "sched_process_fork", "parent_comm", "srv", "parent_pid", PID, "child_comm", "srv", "child_pid", 200);
        child.childTgid = 200;
        child.fds = List.of(new ProcScan.Fd(3, 11), new ProcScan.Fd(4, 12), new ProcScan.Fd(6, 777));
        t.apply(child);
        assertThat(of(SocketEventKind.IDENTITY)).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo(made);
            assertThat(e.value()).isEqualTo(777L);
        });
        assertThat(of(SocketEventKind.API_DUP)).filteredOn(e -> e.handle() == 6).singleElement()
                .extracting(SocketEvent::endpoint).isEqualTo(777L);
        assertThat(t.fds.get(PID).get(6).inode()).isEqualTo(777L);
        t.index.bindSk(0xabc, made); // learnt before the rename (a TCP event in the connect's context)
        t.index.rename(made, 777);
        assertThat(t.index.bySk(0xabc)).as("TCP events keep reaching the socket").isEqualTo(777L);
        assertThat(t.notes()).noneMatch(n -> n.contains("made-up ids"));
    }

    @Test
    void lostTcpEventsWithdrawTheExactAcknowledgements() {
        t.acksTraced = true;
        t.apply(new Sample(clock, clock + 30_000, List.of(SnapshotsTest.tcp(11, 1, 0, 500))));
        assertThat(of(SocketEventKind.QUEUE_SAMPLE)).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo(SocketEvent.ACKS_TRACED);
            assertThat(e.seq()).as("the dump's 30 us, in 100 ns units").isEqualTo(300);
        });
        out.clear();
        long[] lost = {3};
        t.netLost = () -> lost[0];
        t.apply(new Sample(clock + 1000, clock + 1000, List.of(SnapshotsTest.tcp(11, 1, 0, 500))));
        assertThat(of(SocketEventKind.QUEUE_SAMPLE)).as("the last sample restated without the promise").isNotEmpty()
                .allSatisfy(e -> assertThat(e.name()).isNull());
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("TCP events were lost"));
    }
}
