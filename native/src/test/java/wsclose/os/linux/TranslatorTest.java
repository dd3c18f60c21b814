package wsclose.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import wsclose.os.HandlesSnapshot;
import wsclose.os.SocketSnapshot;
import wsclose.trace.analysis.AnalysisOptions;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Kinds;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.ReportListener;
import wsclose.trace.analysis.SocketSummary;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/**
 * Replays a trace recorded on Linux 6.18 (both instances, options/fields) of this Python program through the
 * translator, with the /proc facts the reader thread would have read filled in by hand:
 * <pre>
 *   l = listen; c = connect; a = accept; c.setsockopt(SO_LINGER, {1,0}); c.send(100 bytes)
 *   d = os.dup(c) (fcntl, not traced here); os.dup2(a, d)
 *   fork: the child closes d and exits; the parent waits
 *   c.close(); os.write(old fd of c) -> EBADF; close(d); a.close(); l.close()
 * </pre>
 */
class TranslatorTest {
    static final int PARENT = 23890;
    static final int CHILD = 23900;
    static final long LISTENER = 5001;
    static final long CLIENT = 5002;
    static final long ACCEPTED = 5003;

    static List<SocketEvent> replay() {
        return replay(Set.of());
    }

    /** The recording, with the fds in {@code unread} closed "before their inode could be read" (no inode given). */
    static List<SocketEvent> replay(Set<Long> unread) {
        LineParser p = new LineParser(Fixture.formats());
        List<Item> items = new ArrayList<>();
        Map<Long, Long> newFds = Map.of(3L, LISTENER, 4L, CLIENT, 5L, ACCEPTED);
        for (String file : new String[] {"fork-linger-ebadf.sys.txt", "fork-linger-ebadf.net.txt"}) {
            for (String line : Fixture.lines(file)) {
                Rec r = p.parse(line);
                if (r.event.equals("sys_exit_socket") || r.event.equals("sys_exit_accept4")) {
                    r.inode = unread.contains(r.num("ret", -1)) ? -1 : newFds.get(r.num("ret", -1));
                }
                if (r.event.equals("sched_process_fork")) {
                    r.childTgid = (int) r.num("child_pid", -1);
                }
                if (r.event.equals("sys_exit_setsockopt")) {
                    r.linger = new SocketSnapshot.Linger(true, 0);
                }
                items.add(r);
            }
        }
        long start = items.stream().mapToLong(i -> i.mono).min().orElseThrow() - 1;
        LinuxHandles.Detailed empty = new LinuxHandles.Detailed(new HandlesSnapshot(0, "linux", List.of(), List.of(), List.of()),
                List.of(), new Snapshots.Tables(new HashMap<>(), new HashMap<>(), new HashSet<>()));
        Reorder reorder = new Reorder(0);
        reorder.add(new Seed(start, start, empty, Set.of(PARENT)));
        reorder.addAll(items);
        List<SocketEvent> out = new ArrayList<>();
        Translator t = new Translator(out::add, 0, ConcurrentHashMap.newKeySet());
        reorder.take(Long.MAX_VALUE, Long.MAX_VALUE, true).forEach(t::apply);
        return out;
    }

    static List<SocketEvent> of(List<SocketEvent> evs, SocketEventKind k) {
        return evs.stream().filter(e -> e.kind() == k).toList();
    }

    @Test
    void socketsAndTheirFds() {
        List<SocketEvent> evs = replay();
        assertThat(of(evs, SocketEventKind.CREATE)).extracting(SocketEvent::endpoint).containsExactly(LISTENER, CLIENT, ACCEPTED);
        assertThat(of(evs, SocketEventKind.API_ACCEPT)).singleElement().satisfies(e -> {
            assertThat(e.handle()).isEqualTo(5);
            assertThat(e.pid()).isEqualTo(PARENT);
        });
        assertThat(of(evs, SocketEventKind.API_SETOPT)).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("SO_LINGER");
            assertThat(e.value()).isEqualTo(1L << 16);
            assertThat(e.endpoint()).isEqualTo(CLIENT);
        });
        assertThat(of(evs, SocketEventKind.API_SEND)).first().satisfies(e -> {
            assertThat(e.bytes()).isEqualTo(100);
            assertThat(e.endpoint()).isEqualTo(CLIENT);
        });
    }

    @Test
    void dup2AndForkAddReferencesAndTheChildClosesItsCopy() {
        List<SocketEvent> evs = replay();
        List<SocketEvent> dups = of(evs, SocketEventKind.API_DUP);
        assertThat(dups.get(0)).satisfies(e -> {
            assertThat(e.name()).isEqualTo("dup2");
            assertThat(e.handle()).isEqualTo(6);
            assertThat(e.value()).isEqualTo(5);
            assertThat(e.endpoint()).isEqualTo(ACCEPTED);
        });
        assertThat(dups.subList(1, dups.size())).allSatisfy(e -> {
            assertThat(e.name()).isEqualTo("fork");
            assertThat(e.pid()).isEqualTo(CHILD);
        }).extracting(SocketEvent::handle).containsExactly(3L, 4L, 5L, 6L);
        assertThat(of(evs, SocketEventKind.API_CLOSE)).filteredOn(e -> e.pid() == CHILD)
                .extracting(SocketEvent::phase, SocketEvent::handle, SocketEvent::endpoint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SocketEvent.Phase.ENTER, 6L, ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple(SocketEvent.Phase.EXIT, 6L, ACCEPTED));
        assertThat(of(evs, SocketEventKind.PROCESS_END)).extracting(SocketEvent::pid).containsExactly(CHILD, PARENT);
    }

    @Test
    void tcpEventsAreAttributedBySocketNotByTheRunningTask() {
        List<SocketEvent> evs = replay();
        assertThat(of(evs, SocketEventKind.TCP_RST_SENT)).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo(CLIENT);
            assertThat(e.name()).contains("TCP_STATE");
            assertThat(e.pid()).isEqualTo(-1);
        });
        assertThat(of(evs, SocketEventKind.TCP_RST_RECEIVED)).singleElement().extracting(SocketEvent::endpoint).isEqualTo(ACCEPTED);
        assertThat(of(evs, SocketEventKind.FREE)).extracting(SocketEvent::endpoint).containsExactly(CLIENT, ACCEPTED, LISTENER);
        // the other processes' sockets destroyed during the recording are not reported
        assertThat(evs).allSatisfy(e -> assertThat(e.endpoint()).isIn(0L, LISTENER, CLIENT, ACCEPTED));
        assertThat(of(evs, SocketEventKind.TCP_STATE)).filteredOn(e -> e.endpoint() == CLIENT).extracting(SocketEvent::name)
                .containsExactly("CLOSE->SYN_SENT", "SYN_SENT->ESTABLISHED", "ESTABLISHED->CLOSE");
    }

    @Test
    void aSocketWhoseInodeWasNeverReadIsKnownByItsCookieOnceATcpEventGivesIt() {
        List<SocketEvent> evs = replay(Set.of(5L));
        long madeUp = of(evs, SocketEventKind.CREATE).get(2).endpoint();
        assertThat(wsclose.trace.model.LinuxIds.synthetic(madeUp)).isTrue();
        long cookie = wsclose.trace.model.LinuxIds.COOKIE + 0x13; // tcp_receive_reset's sock_cookie for this socket
        assertThat(of(evs, SocketEventKind.IDENTITY)).singleElement().satisfies(e -> {
            assertThat(e.endpoint()).isEqualTo(madeUp);
            assertThat(e.value()).isEqualTo(cookie);
        });
        assertThat(wsclose.trace.model.LinuxIds.text(cookie)).isEqualTo("sk:13"); // as ss -e writes it
        // from the identity on, every event names the cookie; the reset and the free are its
        int at = evs.indexOf(of(evs, SocketEventKind.IDENTITY).get(0));
        assertThat(evs.subList(at + 1, evs.size())).noneMatch(e -> e.endpoint() == madeUp);
        assertThat(of(evs, SocketEventKind.TCP_RST_RECEIVED)).singleElement().extracting(SocketEvent::endpoint).isEqualTo(cookie);
        assertThat(of(evs, SocketEventKind.FREE)).extracting(SocketEvent::endpoint).containsExactly(CLIENT, cookie, LISTENER);
    }

    @Test
    void writeOnTheClosedFdIsAUseAfterClose() {
        List<SocketEvent> evs = replay();
        SocketEvent ebadf = of(evs, SocketEventKind.API_SEND).stream().filter(e -> e.status() != 0).findFirst().orElseThrow();
        assertThat(ebadf.status()).isEqualTo(9);
        assertThat(ebadf.handle()).isEqualTo(4);
        List<Finding> findings = new ArrayList<>();
        Map<Long, SocketSummary> sockets = new HashMap<>();
        Analyzer a = new Analyzer("fixture", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary s, List<Finding> f) {
                sockets.put(s.endpoint(), s);
            }
        });
        evs.forEach(a::accept);
        Report r = a.finish();
        findings.addAll(r.findings());
        assertThat(findings).extracting(Finding::kind).contains(Kinds.USE_AFTER_CLOSE, Kinds.LOST_SEND_DATA);
        assertThat(findings).filteredOn(f -> f.kind().equals(Kinds.USE_AFTER_CLOSE)).singleElement()
                .satisfies(f -> assertThat(f.socket().endpoint()).isEqualTo(CLIENT));
        // the accepted socket: accept, dup2, fork copies (3 refs), the child's close, its exit, the parent's two closes
        assertThat(sockets.get(ACCEPTED).refcountTimeline()).extracting(x -> x[1]).containsExactly(1L, 2L, 3L, 4L, 3L, 2L, 1L, 0L);
        assertThat(sockets.get(CLIENT).lingerOnOff()).isEqualTo(1);
    }
}
