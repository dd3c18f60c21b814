package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wsclose.os.LiveException;
import wsclose.os.ProcessSelector;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.PayloadBuilder;

/** {@link EtwSession} against {@link FakeEtwApi}: the session recipe of live-mode.md §A.3.3. */
class EtwSessionTest {
    private static final long OWN_PID = 4321;

    private final FakeEtwApi api = new FakeEtwApi();

    private EtwSession session(Set<Integer> pids, int build) {
        EtwPlan plan = SessionPlanner.plan(new ProcessSelector(pids, null), Map.of(), null, build, OWN_PID, false);
        return new EtwSession(api, plan, pid -> pid == 777, 2000);
    }

    private static EventRecordImage afd(int id, int headerPid, long process) {
        EventRecordImage r = new EventRecordImage();
        r.provider = Providers.WINSOCK_AFD;
        r.id = id;
        r.pid = headerPid;
        r.userData = new PayloadBuilder(8).u32(0).u32(1).ptr(process).ptr(0xffff800011112222L).u32(0).build();
        return r;
    }

    /** Runs forEach on a thread, delivers {@code images}, closes the session, returns what the consumer saw. */
    private List<EtwEvent> consume(EtwSession s, EventRecordImage... images) throws Exception {
        List<EtwEvent> seen = Collections.synchronizedList(new ArrayList<>());
        Throwable[] error = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                s.forEach(e -> seen.add(e.copy()));
            } catch (Throwable e) {
                error[0] = e;
            }
        });
        t.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!api.log.contains("process 5151") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (EventRecordImage i : images) {
            api.deliver(i);
        }
        while (s.eventsRead() < images.length && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        s.close();
        t.join(10_000);
        assertThat(t.isAlive()).as("ProcessTrace returned after the stop").isFalse();
        if (error[0] != null) {
            throw new AssertionError(error[0]);
        }
        return seen;
    }

    @Test
    void startsARealTimeSystemLoggerSessionAndEnablesTheProviders() throws Exception {
        EtwSession s = session(Set.of(100, 200), 22631);
        s.start();
        SessionSpec spec = api.started.get(0);
        assertThat(spec.name()).isEqualTo("wsclose-4321");
        assertThat(spec.logFileMode()).isEqualTo(WinConst.EVENT_TRACE_REAL_TIME_MODE | WinConst.EVENT_TRACE_SYSTEM_LOGGER_MODE);
        assertThat(spec.enableFlags()).isEqualTo(WinConst.EVENT_TRACE_FLAG_PROCESS);
        assertThat(api.enables).extracting(FakeEtwApi.Enable::provider).containsExactly(Providers.WINSOCK_AFD,
                Providers.TCPIP, Providers.TCPIP, Providers.WINSOCK_SOCKETS);
        FakeEtwApi.Enable afd = api.enables.get(0);
        assertThat(afd.level()).isEqualTo(5);
        assertThat(afd.any()).isEqualTo(-1L);
        assertThat(afd.pids()).containsExactly(100, 200);
        assertThat(api.enables.get(1).pids()).as("TCPIP logs in arbitrary contexts: no PID filter").isEmpty();
        assertThat(api.enables.get(2).code()).isEqualTo(WinConst.EVENT_CONTROL_CODE_CAPTURE_STATE);
        assertThat(api.enables.get(3).pids()).containsExactly(100, 200);
        s.close();
    }

    @Test
    void aSessionNameAlreadyInUseIsStoppedAndStartedAgain() throws Exception {
        api.running.put("wsclose-4321", 0x42L);
        EtwSession s = session(Set.of(), 22631);
        s.start();
        assertThat(api.log).containsSubsequence("start wsclose-4321", "stop name wsclose-4321", "start wsclose-4321");
        assertThat(s.notes()).anyMatch(n -> n.contains("an earlier run left behind"));
        s.close();
    }

    @Test
    void leftoversOfDeadWscloseRunsAreStoppedAndLiveOnesKept() throws Exception {
        api.running.put("wsclose-1111", 0x40L);      // its process is gone
        api.running.put("wsclose-777", 0x41L);       // another wsclose, still running
        api.running.put("NT Kernel Logger", 0x42L);  // not ours
        EtwSession s = session(Set.of(), 22631);
        s.start();
        assertThat(api.running).containsKeys("wsclose-777", "NT Kernel Logger", "wsclose-4321").doesNotContainKey("wsclose-1111");
        assertThat(s.notes()).anyMatch(n -> n.startsWith("stopped ETW session wsclose-1111"));
        s.close();
    }

    @Test
    void withoutAdministratorRightsStartIsAPrivilegeError() {
        api.startStatus = WinConst.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> session(Set.of(), 22631).start())
                .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.reason()).isEqualTo(LiveException.Reason.PRIVILEGE))
                .hasMessageContaining("administrator").hasMessageContaining("elevated prompt");
        assertThat(api.enables).isEmpty();
    }

    @Test
    void otherStartFailuresNameTheError() {
        api.startStatus = WinConst.ERROR_BAD_LENGTH;
        assertThatThrownBy(() -> session(Set.of(), 22631).start())
                .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.reason()).isEqualTo(LiveException.Reason.FACILITY))
                .hasMessageContaining("StartTrace(wsclose-4321) failed: error 24 (ERROR_BAD_LENGTH)");
    }

    @Test
    void withEverySystemLoggerSlotTakenItRunsWithoutKernelProcessEvents() throws Exception {
        api.startFailuresWithSystemLogger = 1;
        EtwSession s = session(Set.of(), 22631);
        s.start();
        assertThat(api.started).singleElement().satisfies(spec -> assertThat(spec.systemLogger()).isFalse());
        assertThat(s.notes()).anyMatch(n -> n.startsWith("kernel process events are off"));
        s.close();
    }

    @Test
    void aRequiredProviderThatCannotBeEnabledStopsTheSession() {
        api.enableFailures.put(Providers.WINSOCK_AFD, WinConst.ERROR_ACCESS_DENIED);
        assertThatThrownBy(() -> session(Set.of(), 22631).start())
                .isInstanceOfSatisfying(LiveException.class, e -> assertThat(e.reason()).isEqualTo(LiveException.Reason.PRIVILEGE))
                .hasMessageContaining("EnableTraceEx2(Microsoft-Windows-Winsock-AFD)");
        assertThat(api.running).as("nothing left behind").isEmpty();
    }

    @Test
    void optionalProvidersAndRefusedPidFiltersBecomeNotes() throws Exception {
        api.enableFailures.put(Providers.WINSOCK_SOCKETS, WinConst.ERROR_INVALID_PARAMETER);
        api.enableFailures.put(Providers.TCPIP, 1450);
        EtwSession s = session(Set.of(100), 22631);
        s.start();
        assertThat(s.notes()).anyMatch(n -> n.startsWith("EnableTraceEx2(Microsoft-Windows-TCPIP) failed"))
                .anyMatch(n -> n.startsWith("Microsoft-Windows-Winsock-Sockets refused the PID filter"));
        assertThat(api.enables).filteredOn(e -> e.provider().equals(Providers.WINSOCK_SOCKETS))
                .extracting(e -> e.pids().length).containsExactly(1, 0);
        s.close();
    }

    @Test
    void closeStopsTheSessionAndEndsProcessTraceWithoutClosingTheSessionHandle() throws Exception {
        EtwSession s = session(Set.of(), 22631);
        s.start();
        List<EtwEvent> seen = consume(s, afd(1000, 100, 0x10), afd(1001, 100, 0x10));
        assertThat(seen).extracting(EtwEvent::id).containsExactly(1000, 1001);
        assertThat(api.running).isEmpty();
        assertThat(api.log).containsSubsequence("open wsclose-4321", "process 5151", "stop handle wsclose-4321",
                "close 5151");
        assertThat(api.log.stream().filter(l -> l.startsWith("close"))).containsExactly("close 5151");
        s.close(); // idempotent
        assertThat(api.log.stream().filter(l -> l.startsWith("stop"))).hasSize(1);
    }

    @Test
    void aConsumerThatDoesNotDrainIsClosedWithCloseTrace() throws Exception {
        api.ignoreStop = true; // STOP does not end ProcessTrace
        EtwSession s = new EtwSession(api, SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, OWN_PID, false),
                pid -> true, 100);
        s.start();
        consume(s);
        assertThat(api.log).contains("close 5151");
    }

    @Test
    void lostEventsComeFromQueryWhileRunningAndFromStopAtTheEnd() throws Exception {
        EtwSession s = session(Set.of(), 22631);
        s.start();
        api.counters = new EtwApi.Counters(12, 3, 0, 40);
        assertThat(s.counters()).isEqualTo(new EtwApi.Counters(12, 3, 0, 40));
        api.counters = new EtwApi.Counters(15, 4, 0, 50);
        s.close();
        api.counters = new EtwApi.Counters(99, 99, 99, 99);
        assertThat(s.counters()).as("after close: what STOP returned").isEqualTo(new EtwApi.Counters(15, 4, 0, 50));
    }

    @Test
    void beyondEightPidsTheCallbackFiltersByTheAfdProcessPointer() throws Exception {
        Set<Integer> many = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 300);
        EtwSession s = session(many, 22631);
        s.start();
        assertThat(api.enables.get(0).pids()).as("no kernel filter beyond 8 pids").isEmpty();
        EventRecordImage dcStart = new EventRecordImage();
        dcStart.flags = WinConst.EVENT_HEADER_FLAG_CLASSIC_HEADER | WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER;
        dcStart.provider = Providers.KERNEL_PROCESS;
        dcStart.opcode = 3;
        dcStart.version = 4;
        dcStart.pid = 0;
        dcStart.userData = new PayloadBuilder(8).ptr(0xffffc001aaaa0000L).u32(300).u32(4).build();
        List<EtwEvent> seen = consume(s,
                dcStart,
                afd(3006, 4, 0xffffc001aaaa0000L),   // logged in the System process, owned by 300: kept
                afd(1000, 999, 0xffffc001bbbb0000L), // unknown process pointer, header pid 999: dropped
                afd(1001, 2, 0xffffc001cccc0000L));  // unknown process pointer, header pid 2: kept
        assertThat(seen).extracting(EtwEvent::key).containsExactly("op3", "id3006", "id1001");
        assertThat(s.eventsRead()).isEqualTo(4);
        assertThat(s.eventsKept()).isEqualTo(3);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("the ETW PID filter takes at most 8 pids and 9 were given"));
    }

    @Test
    void aFailingConsumerEndsProcessingWithAnError() throws Exception {
        EtwSession s = session(Set.of(), 22631);
        s.start();
        Thread t = new Thread(() -> api.deliver(afd(1000, 1, 0)));
        t.start();
        t.join();
        assertThatThrownBy(() -> s.forEach(e -> {
            throw new IllegalStateException("boom");
        })).hasMessageContaining("decoding live events failed").hasMessageContaining("boom");
        assertThat(api.log).contains("close 5151");
        s.close();
    }

    @Test
    void aCloseThatWinsTheRaceAgainstStartLeavesNoSession() throws Exception {
        EtwSession s = session(Set.of(), 22631);
        s.close();
        assertThatThrownBy(s::start).isInstanceOf(LiveException.class).hasMessageContaining("stopped before it started");
        assertThatThrownBy(() -> s.open(e -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(api.running).isEmpty();
        assertThat(api.log).doesNotContain("start wsclose-4321");
    }

    @Test
    void openTraceFailureIsReported() throws Exception {
        api.openFails = true;
        EtwSession s = session(Set.of(), 22631);
        s.start();
        assertThatThrownBy(() -> s.open(e -> { })).isInstanceOfSatisfying(LiveException.class,
                e -> assertThat(e.reason()).isEqualTo(LiveException.Reason.PRIVILEGE)).hasMessageContaining("OpenTrace");
        s.close();
        assertThat(api.running).isEmpty();
    }
}
