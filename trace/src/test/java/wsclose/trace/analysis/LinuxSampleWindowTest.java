package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * A sock_diag dump reads the sockets one after another, so a queue sample is a window, not an instant (QUEUE_SAMPLE's
 * seq): a segment, read or send logged while it ran may or may not be in its figures. Each story here has the dump
 * count it one way and the event order suggest the other; carried forward from that sample, the figure at the close
 * is wrong by exactly that event (one CI run reported an upload of 20,002 unread bytes as 40,004). The sample before,
 * carried by everything since, is exact.
 */
class LinuxSampleWindowTest {
    static final long INODE = 4242;
    static final long T = 133_486_238_450_000_000L;
    /** The second sample's dump: from T + 45,000 to T + 55,000 (1 ms, in FILETIME units). */
    static final long S2 = T + 45_000;
    static final long DUMP = 10_000;

    private static List<SocketEvent> open() {
        List<SocketEvent> l = new ArrayList<>();
        l.add(SocketEvent.at(T, SocketEventKind.CREATE, Source.LINUX).thread(700, 700).endpoint(INODE).build());
        l.add(SocketEvent.at(T + 1, SocketEventKind.API_ACCEPT, Source.LINUX).thread(700, 700).endpoint(INODE).handle(5).build());
        l.add(SocketEvent.at(T + 2, SocketEventKind.TCP_STATE, Source.LINUX).endpoint(INODE).value(5)
                .local("127.0.0.1:8080").remote("127.0.0.1:40000").build());
        l.add(sample(T + 10, 0, 0, 5)); // nothing queued either way, tcp_probe on
        return l;
    }

    private static SocketEvent sample(long at, long recv, long send, long dump) {
        return SocketEvent.at(at, SocketEventKind.QUEUE_SAMPLE, Source.LINUX).endpoint(INODE).bytes(recv).value(send)
                .name(SocketEvent.ACKS_TRACED).seq(dump).build();
    }

    private static SocketEvent segment(long at, long bytes) {
        return SocketEvent.at(at, SocketEventKind.TCP_CUM_ACK, Source.LINUX).endpoint(INODE).value(1000).seq(1000)
                .bytes(bytes).build();
    }

    private static SocketEvent read(long at, long bytes) {
        return SocketEvent.at(at, SocketEventKind.API_RECV, Source.LINUX).thread(700, 700).handle(5).bytes(bytes).build();
    }

    /** close() at T + 90,000; lingerZero: SO_LINGER {1,0} first (lost send data), else an RST for unread data. */
    private static void close(List<SocketEvent> l, boolean lingerZero) {
        if (lingerZero) {
            l.add(SocketEvent.at(T + 80_000, SocketEventKind.API_SETOPT, Source.LINUX).thread(700, 700).handle(5)
                    .name("SO_LINGER").value(1L << 16).build());
        }
        l.add(SocketEvent.at(T + 90_000, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.ENTER).thread(700, 700).handle(5).build());
        l.add(SocketEvent.at(T + 90_001, SocketEventKind.TCP_RST_SENT, Source.LINUX).endpoint(INODE).build());
        l.add(SocketEvent.at(T + 90_002, SocketEventKind.FREE, Source.LINUX).endpoint(INODE).build());
        l.add(SocketEvent.at(T + 90_003, SocketEventKind.API_CLOSE, Source.LINUX).phase(Phase.EXIT).thread(700, 700).handle(5).build());
    }

    private static Finding only(List<SocketEvent> l, String kind) {
        Report r = LinuxUnreadAtCloseTest.analyze(l);
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(kind);
        return r.findings().get(0);
    }

    @Test
    void aSegmentLoggedWhileTheDumpRanIsNotCountedTwice() {
        List<SocketEvent> l = open();
        l.add(sample(S2, 20_002, 0, DUMP)); // the dump read the socket after the upload was queued...
        l.add(segment(S2 + 5_000, 20_002)); // ...whose tcp_probe is stamped inside the dump
        close(l, false);
        assertThat(only(l, "unread-data-reset").details()).containsEntry("bytesUnread", 20_002L);
    }

    @Test
    void theSameSegmentAfterTheDumpEndedArrivedAfterTheSample() {
        List<SocketEvent> l = open();
        l.add(sample(S2, 0, 0, DUMP));
        l.add(segment(S2 + DUMP + 1, 20_002));
        close(l, false);
        assertThat(only(l, "unread-data-reset").details()).containsEntry("bytesUnread", 20_002L);
    }

    @Test
    void aSegmentLoggedJustBeforeTheDumpButQueuedAfterItIsCounted() {
        List<SocketEvent> l = open();
        l.add(segment(S2 - 500, 20_002)); // tcp_probe is logged before its segment is queued
        l.add(sample(S2, 0, 0, DUMP)); // the dump read the socket before it was
        close(l, false);
        assertThat(only(l, "unread-data-reset").details()).containsEntry("bytesUnread", 20_002L);
    }

    @Test
    void aReadLoggedWhileTheDumpRanIsNotSubtractedTwice() {
        List<SocketEvent> l = open();
        l.add(segment(T + 20, 20_042));
        l.add(sample(S2, 20_002, 0, DUMP)); // the 40-byte read had already taken its bytes when the dump read the socket
        l.add(read(S2 + 100, 40)); // its syscall's exit is stamped inside the dump
        close(l, false);
        assertThat(only(l, "unread-data-reset").details()).containsEntry("bytesUnread", 20_002L);
    }

    @Test
    void aSendLoggedWhileTheDumpRanIsNotLostTwice() {
        List<SocketEvent> l = open();
        l.add(sample(S2, 0, 72, DUMP)); // the 72-byte reply was queued when the dump read the socket
        l.add(SocketEvent.at(S2 + 100, SocketEventKind.API_SEND, Source.LINUX).thread(700, 700).handle(5).bytes(72).build());
        close(l, true);
        Finding f = only(l, "lost-send-data");
        assertThat(f.details()).containsEntry("bytesLost", 72L).containsEntry("exact", true);
    }

    @Test
    void withoutACleanSampleBeforeItTheCarriedFigureIsNotClaimed() {
        List<SocketEvent> l = open().subList(0, 3);
        l = new ArrayList<>(l);
        l.add(sample(S2, 0, 72, DUMP));
        l.add(SocketEvent.at(S2 + 100, SocketEventKind.API_SEND, Source.LINUX).thread(700, 700).handle(5).bytes(72).build());
        close(l, true);
        Finding f = only(l, "lost-send-data");
        // the raw sample is all there is: a figure from it, not an exact one carried from it
        assertThat(f.details()).containsEntry("bytesLost", 72L).containsEntry("exact", false);
    }
}
