package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wsclose.os.LiveException;
import wsclose.os.LiveTrace;
import wsclose.os.ProcessSelector;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etw.Providers;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;
import wsclose.trace.testing.PayloadBuilder;

/** {@link WindowsLiveTrace}: its own consumer thread, the shutdown hook, stop on close, loss reporting. */
class WindowsLiveTraceTest {
    private final FakeEtwApi api = new FakeEtwApi();
    private final List<Thread> hooks = new ArrayList<>();
    private final WindowsLiveTrace.Hooks fakeHooks = new WindowsLiveTrace.Hooks() {
        @Override
        public void add(Thread hook) {
            hooks.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            hooks.remove(hook);
        }
    };

    private WindowsLiveTrace trace() {
        EtwPlan plan = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 19045, 4321);
        return new WindowsLiveTrace(new EtwSession(api, plan, pid -> true, 2000), new SocketDecoder(), fakeHooks, 2000);
    }

    private static EventRecordImage afdCreate() {
        EventRecordImage r = new EventRecordImage();
        r.provider = Providers.WINSOCK_AFD;
        r.id = 1000;
        r.opcode = 10;
        r.task = 1000;
        r.level = 4;
        r.userData = new PayloadBuilder(8).u32(1).u32(0).ptr(0xffffc001aaaa0000L).ptr(0xffff800011112222L).u32(2)
                .u32(1).u32(6).ptr(100).u32(0).build();
        return r;
    }

    @Test
    void consumesOnItsOwnThreadAndStopsTheSessionOnClose() throws Exception {
        WindowsLiveTrace t = trace();
        List<Thread> callers = new ArrayList<>();
        t.start(e -> callers.add(Thread.currentThread()));
        assertThat(api.running).containsKey("wsclose-4321");
        assertThat(hooks).as("a shutdown hook guards the session").hasSize(1);
        api.deliver(afdCreate());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.eventsRead() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(t.eventsRead()).as("the raw event reached the decoder").isEqualTo(1);
        t.close();
        assertThat(api.running).isEmpty();
        assertThat(hooks).as("close removes the hook").isEmpty();
        assertThat(callers).noneMatch(c -> c == Thread.currentThread());
    }

    @Test
    void eventRecordsComeOutAsDecodedSocketEvents() throws Exception {
        WindowsLiveTrace t = trace();
        List<SocketEvent> got = java.util.Collections.synchronizedList(new ArrayList<>());
        t.start(got::add);
        api.deliver(afdCreate());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        t.close();
        assertThat(got).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SocketEventKind.CREATE);
            assertThat(e.source()).isEqualTo(SocketEvent.Source.AFD);
            assertThat(e.endpoint()).isEqualTo(0xffff800011112222L);
            assertThat(e.process()).isEqualTo(0xffffc001aaaa0000L);
            assertThat(e.time()).as("FILETIME straight from the real-time header").isEqualTo(133_500_000_000_000_000L);
        });
        assertThat(t.stats().events()).isEqualTo(1);
    }

    @Test
    void theShutdownHookStopsTheSession() throws Exception {
        WindowsLiveTrace t = trace();
        t.start(e -> { });
        Thread hook = hooks.get(0);
        hook.start(); // what the JVM does on Ctrl-C
        hook.join(10_000);
        assertThat(api.running).isEmpty();
        assertThat(api.log).contains("stop handle wsclose-4321", "close 5151");
    }

    @Test
    void lostEventsAndBuffersAreReported() throws Exception {
        WindowsLiveTrace t = trace();
        t.start(e -> { });
        api.counters = new EtwApi.Counters(17, 2, 0, 10);
        LiveTrace.LiveStats s = t.stats();
        assertThat(s.lost()).isEqualTo(17);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("ETW lost 2 real-time buffers"))
                .anyMatch(n -> n.startsWith("Microsoft-Windows-Winsock-Sockets needs Windows 11"));
        t.close();
        assertThat(t.stats().lost()).isEqualTo(17);
    }

    @Test
    void aStartThatFailsLeavesNothingBehind() {
        api.startStatus = WinConst.ERROR_ACCESS_DENIED;
        WindowsLiveTrace t = trace();
        assertThatThrownBy(() -> t.start(e -> { })).isInstanceOf(LiveException.class);
        assertThat(hooks).isEmpty();
        assertThat(api.running).isEmpty();
    }
}
