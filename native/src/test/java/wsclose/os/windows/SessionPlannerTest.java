package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wsclose.os.ProcessSelector;
import wsclose.trace.etw.Providers;

class SessionPlannerTest {

    @Test
    void upToEightPidsGoIntoTheKernelFilter() {
        EtwPlan p = SessionPlanner.plan(new ProcessSelector(Set.of(8, 1, 2, 3, 4, 5, 6, 7), null), Map.of(), null, 22631, 9, false);
        assertThat(p.filterPids()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(p.notes()).isEmpty();
        assertThat(p.spec().name()).isEqualTo("wsclose-9");
    }

    @Test
    void moreThanEightPidsAreFilteredByWscloseAndSaidSo() {
        EtwPlan p = SessionPlanner.plan(new ProcessSelector(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9), null), Map.of(), null,
                22631, 9, false);
        assertThat(p.filterPids()).isEmpty();
        assertThat(p.selectedPids()).hasSize(9);
        assertThat(p.notes()).containsExactly("the ETW PID filter takes at most 8 pids and 9 were given: the session"
                + " records every process and wsclose keeps the events of the given pids");
    }

    @Test
    void aProcessNameBecomesTheRunningPidsOfThatName() {
        Map<Integer, String> running = Map.of(10, "server.exe", 11, "Server.EXE", 12, "other.exe");
        EtwPlan p = SessionPlanner.plan(new ProcessSelector(Set.of(), "server.exe"), running, null, 22631, 9, false);
        assertThat(p.filterPids()).containsExactly(10, 11);
        EtwPlan none = SessionPlanner.plan(new ProcessSelector(Set.of(), "absent.exe"), running, null, 22631, 9, false);
        assertThat(none.filterPids()).isEmpty();
        assertThat(none.notes()).singleElement().asString().startsWith("no running process is named absent.exe");
    }

    @Test
    void winsockSocketsOnlyWhereTheOsHasIt() {
        assertThat(SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22000, 9, false).providers())
                .extracting(ProviderPlan::guid).containsExactly(Providers.WINSOCK_AFD, Providers.TCPIP, Providers.WINSOCK_SOCKETS);
        EtwPlan win10 = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 19045, 9, false);
        assertThat(win10.providers()).extracting(ProviderPlan::guid).containsExactly(Providers.WINSOCK_AFD, Providers.TCPIP);
        assertThat(win10.notes()).anyMatch(n -> n.contains("build 19045"));
    }

    @Test
    void afdIsVerboseWithEveryKeywordAndRequired() {
        ProviderPlan afd = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, 9, false).providers().get(0);
        assertThat(afd.level()).isEqualTo(5);
        assertThat(afd.keywords()).isEqualTo(-1L);
        assertThat(afd.required()).isTrue();
        ProviderPlan tcpip = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, 9, false).providers().get(1);
        assertThat(tcpip.keywords() & 0x1000000000L).as("ClosePath").isNotZero();
        assertThat(tcpip.keywords() & 0x10L).as("TcpipInterface is not needed").isZero();
        assertThat(tcpip.captureState()).isTrue();
    }

    @Test
    void aCommandHasNoKernelFilterAndFollowsWhatWscloseStarts() {
        EtwPlan p = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, 9, true);
        assertThat(p.filterPids()).isEmpty();
        assertThat(p.everything()).isFalse();
        assertThat(p.followParent()).isEqualTo(9);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("tracing COMMAND"));
        EtwPlan all = SessionPlanner.plan(ProcessSelector.all(), Map.of(), null, 22631, 9, false);
        assertThat(all.everything()).isTrue();
        assertThat(all.followParent()).isEqualTo(-1);
    }

    @Test
    void saveWritesTheSameSessionToASequentialFile() {
        EtwPlan p = SessionPlanner.plan(ProcessSelector.all(), Map.of(), "C:\\t\\run.etl", 22631, 9, false);
        assertThat(p.spec().logFile()).isEqualTo("C:\\t\\run.etl");
        assertThat(p.spec().logFileMode()).isEqualTo(WinConst.EVENT_TRACE_REAL_TIME_MODE
                | WinConst.EVENT_TRACE_FILE_MODE_SEQUENTIAL | WinConst.EVENT_TRACE_SYSTEM_LOGGER_MODE);
    }
}
