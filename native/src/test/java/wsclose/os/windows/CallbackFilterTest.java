package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.etw.TimeBase;
import wsclose.trace.testing.PayloadBuilder;

/** The callback's pid filter (live-mode.md §A.3.3): AFD by its Process pointer (etl-format.md §B.1), x64 and x86. */
class CallbackFilterTest {

    private static EtwEvent afd(int p, int headerPid, long process) {
        byte[] payload = new PayloadBuilder(p).u32(3).u32(0).ptr(process).ptr(0x1000).u32(0).build();
        return new EtwEvent().set(HeaderKind.EVENT, p == 8 ? 0x13 : 0x12, 1, Providers.WINSOCK_AFD, 3006, 0)
                .timeBase(TimeBase.IDENTITY).process(headerPid, 1).pointerSize(p).payload(payload, 0, payload.length);
    }

    private static EtwEvent processStart(int p, int opcode, long key, int pid) {
        return processStart(p, opcode, key, pid, 4);
    }

    private static EtwEvent processStart(int p, int opcode, long key, int pid, int parent) {
        byte[] payload = new PayloadBuilder(p).ptr(key).u32(pid).u32(parent).build();
        return new EtwEvent().set(HeaderKind.SYSTEM, p == 8 ? 0x02 : 0x01, 1, Providers.KERNEL_PROCESS, opcode, 4)
                .process(0, 0).pointerSize(p).payload(payload, 0, payload.length);
    }

    private static EtwEvent other(wsclose.trace.etw.Guid provider, int pid) {
        return new EtwEvent().set(HeaderKind.EVENT, 0x13, 1, provider, 1, 0).process(pid, 1).payload(new byte[0], 0, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void afdEventsFollowTheirOwnerNotTheLoggingThread(int p) {
        long key = p == 8 ? 0xffffc001aaaa0000L : 0x8aaa0000L;
        CallbackFilter f = new CallbackFilter(Set.of(300), false, -1);
        assertThat(f.keep(processStart(p, 3, key, 300))).as("kernel process events always pass").isTrue();
        assertThat(f.keep(afd(p, 4, key))).as("logged in System, owned by 300").isTrue();
        assertThat(f.keep(afd(p, 300, p == 8 ? 0xffffc001bbbb0000L : 0x8bbb0000L))).as("unknown owner: header pid").isTrue();
        assertThat(f.keep(afd(p, 999, p == 8 ? 0xffffc001bbbb0000L : 0x8bbb0000L))).isFalse();
        assertThat(f.keep(processStart(p, 2, key, 300))).isTrue();
        assertThat(f.keep(afd(p, 4, key))).as("an End does not forget the owner: cleanup events come after it").isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void childrenOfSelectedProcessesAndOfTheFollowedParentJoin(int p) {
        CallbackFilter f = new CallbackFilter(Set.of(), false, 4321); // "-- COMMAND": wsclose is 4321
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 500))).as("nothing selected yet").isFalse();
        f.keep(processStart(p, 1, 0x9000, 500, 4321));  // wsclose starts the command
        f.keep(processStart(p, 1, 0x9100, 600, 500));   // the command starts a child
        f.keep(processStart(p, 3, 0x9200, 700, 500));   // a rundown (DCStart) is not a new child
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 500))).isTrue();
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 600))).isTrue();
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 700))).isFalse();
        f.add(800);
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 800))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void socketsEventsByHeaderPidTcpipAlways(int p) {
        CallbackFilter f = new CallbackFilter(Set.of(300), false, -1);
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 300))).isTrue();
        assertThat(f.keep(other(Providers.WINSOCK_SOCKETS, 301))).isFalse();
        assertThat(f.keep(other(Providers.TCPIP, 4))).isTrue();
        assertThat(new CallbackFilter(Set.of(), true, -1).keep(afd(p, 999, 0x1234))).as("no selection: everything").isTrue();
    }
}
