package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wsclose.os.SocketSnapshot;
import wsclose.os.SocketSnapshot.Linger;
import wsclose.os.SocketSnapshot.Owner;

/** The join of fd walk, socket tables and SO_LINGER on inode, with the sockets of live-mode.md §B (A to D). */
class SnapshotsTest {
    static DiagEntry tcp(long inode, int state, long rq, long wq) {
        return new DiagEntry(2, 6, state, "127.0.0.1:34962", "127.0.0.1:54125", rq, wq, 0, inode, inode + 1000,
                new DiagEntry.TcpInfo(state, 0, 4097, 0, wq, 4096));
    }

    @Test
    void referenceCountsAreOwnersAcrossProcessesPlusInFlight() {
        Map<Long, DiagEntry> inet = new HashMap<>();
        inet.put(1L, tcp(1, 1, 0, 2803712)); // A: linger {1,0}, 2.8 MB queued
        inet.put(2L, tcp(2, 1, 0, 0));       // B: dup'ed, then inherited by a child: 4 fds in 2 processes
        inet.put(4L, tcp(4, 1, 0, 0));       // D: sent with SCM_RIGHTS, never received: no fd anywhere
        Map<Long, List<Owner>> owners = Map.of(
                1L, List.of(new Owner(13333, 4, "python3")),
                2L, List.of(new Owner(13375, 15, "python3"), new Owner(13333, 6, "python3"), new Owner(13375, 6, "python3"),
                        new Owner(13333, 15, "python3")));
        Map<Long, Linger> lingers = Map.of(1L, new Linger(true, 0), 2L, new Linger(true, 7));
        List<SocketSnapshot> s = Snapshots.build(List.of(1L, 2L, 4L), owners,
                new Snapshots.Tables(inet, new HashMap<>(), Set.of()), lingers::get);
        assertThat(s).extracting(SocketSnapshot::refcount).containsExactly(1, 4, 1);
        assertThat(s).extracting(SocketSnapshot::inFlight).containsExactly(0, 0, 1);
        assertThat(s.get(1).owners()).extracting(Owner::pid, Owner::handle).containsExactly(
                org.assertj.core.groups.Tuple.tuple(13333, 6L), org.assertj.core.groups.Tuple.tuple(13333, 15L),
                org.assertj.core.groups.Tuple.tuple(13375, 6L), org.assertj.core.groups.Tuple.tuple(13375, 15L));
        SocketSnapshot a = s.get(0);
        assertThat(a.id()).isEqualTo("ino:1");
        assertThat(a.cookie()).isEqualTo(1001);
        assertThat(a.family()).isEqualTo("inet");
        assertThat(a.type()).isEqualTo("stream");
        assertThat(a.state()).isEqualTo("ESTABLISHED");
        assertThat(a.sendQueue()).isEqualTo(2803712);
        assertThat(a.notSent()).isEqualTo(2803712);
        assertThat(a.risks()).containsExactly("closing now would discard 2,803,712 bytes (SO_LINGER {1,0})");
        assertThat(s.get(1).risks()).isEmpty();
        assertThat(s.get(2).owners()).isEmpty();
    }

    @Test
    void listenersShowNoByteQueuesButTheirAcceptQueue() {
        Map<Long, DiagEntry> inet = Map.of(9L, tcp(9, 10, 2, 128));
        SocketSnapshot l = Snapshots.build(List.of(9L), Map.of(9L, List.of(new Owner(1, 3, "srv"))),
                new Snapshots.Tables(inet, Map.of(), Set.of()), i -> null).get(0);
        assertThat(l.state()).isEqualTo("LISTEN");
        assertThat(l.sendQueue()).isEqualTo(-1);
        assertThat(l.recvQueue()).isEqualTo(-1);
        assertThat(l.unacked()).isEqualTo(-1);
        assertThat(l.risks()).containsExactly("closing now would reset 2 connections waiting in the accept queue");
    }

    @Test
    void unixNetlinkAndUnknownSockets() {
        Map<Long, ProcNet.UnixRow> unix = Map.of(20L, new ProcNet.UnixRow(20, 1, 3, false, "/run/x.sock"));
        Map<Long, List<Owner>> owners = Map.of(20L, List.of(new Owner(5, 7, "a")), 21L, List.of(new Owner(5, 8, "a")),
                22L, List.of(new Owner(5, 9, "a")));
        List<SocketSnapshot> s = Snapshots.build(List.of(20L, 21L, 22L), owners,
                new Snapshots.Tables(Map.of(), unix, Set.of(21L)), i -> null);
        assertThat(s).extracting(SocketSnapshot::family).containsExactly("unix", "netlink", "other");
        assertThat(s.get(0).type()).isEqualTo("stream");
        assertThat(s.get(0).state()).isEqualTo("CONNECTED");
        assertThat(s.get(0).local()).isEqualTo("/run/x.sock");
        assertThat(s).allSatisfy(k -> assertThat(k.refcount()).isEqualTo(1));
    }
}
