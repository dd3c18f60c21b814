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
        EtwPlan plan = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 19045, 4321, false);
        return new WindowsLiveTrace(new EtwSession(api, plan, pid -> true, 2000), new SocketDecoder(), fakeHooks, 2000,
                List.of(), c -> {
                    throw new AssertionError("no command here");
                });
    }

    /** A real, short-lived process standing in for COMMAND: this JVM's java -version. */
    private static Process javaVersion(List<String> command) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    }

    @Test
    void aCommandStartsOnlyOnceTheSessionRecordsAndItsEventsAreKept() throws Exception {
        EtwPlan plan = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, 4321, true);
        List<List<String>> launched = new ArrayList<>();
        List<SocketEvent> got = java.util.Collections.synchronizedList(new ArrayList<>());
        WindowsLiveTrace t = new WindowsLiveTrace(new EtwSession(api, plan, pid -> true, 2000), new SocketDecoder(),
                fakeHooks, 2000, List.of("client.exe", "--once"), c -> {
                    assertThat(api.running).as("the session records before the command exists").containsKey("wsclose-4321");
                    launched.add(c);
                    return javaVersion(c);
                });
        t.start(got::add);
        assertThat(launched).containsExactly(List.of("client.exe", "--once"));
        Process p = t.command().orElseThrow();
        EventRecordImage own = afdCreate();
        own.pid = (int) p.pid();
        EventRecordImage other = afdCreate();
        other.pid = 1;
        other.userData = new PayloadBuilder(8).u32(1).u32(0).ptr(0xffffc001bbbb0000L).ptr(0xffff800099990000L).u32(2)
                .u32(1).u32(6).ptr(1).u32(0).build();
        api.deliver(other);
        api.deliver(own);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.eventsRead() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        t.close();
        assertThat(got).extracting(SocketEvent::endpoint).containsExactly(0xffff800011112222L);
        p.waitFor();
    }

    @Test
    void aCommandThatCannotStartStopsTheSession() {
        EtwPlan plan = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, 4321, true);
        WindowsLiveTrace t = new WindowsLiveTrace(new EtwSession(api, plan, pid -> true, 2000), new SocketDecoder(),
                fakeHooks, 2000, List.of("no-such.exe"), c -> {
                    throw new java.io.IOException("The system cannot find the file specified");
                });
        assertThatThrownBy(() -> t.start(e -> { })).isInstanceOfSatisfying(LiveException.class,
                e -> assertThat(e.reason()).isEqualTo(LiveException.Reason.FACILITY))
                .hasMessage("cannot start no-such.exe: The system cannot find the file specified");
        assertThat(api.running).isEmpty();
        assertThat(hooks).isEmpty();
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
