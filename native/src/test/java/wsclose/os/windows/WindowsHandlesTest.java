package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wsclose.os.HandlesSnapshot;
import wsclose.os.LiveException;
import wsclose.os.ProcessSelector;
import wsclose.os.SocketSnapshot;

/** {@link WindowsHandles} against {@link FakeNtApi}: the logic of live-mode.md §A.1-A.2 and §C.2.1. */
class WindowsHandlesTest {
    private static final long NOW = 133_500_000_000_000_000L;
    private FakeNtApi api;

    @AfterEach
    void releaseHungProbes() {
        if (api != null) {
            api.hang.countDown();
        }
    }

    private HandlesSnapshot snapshot(FakeNtApi fake, ProcessSelector which) throws Exception {
        api = fake;
        return new WindowsHandles(fake, true, 100, () -> NOW).snapshot(which);
    }

    private static SocketSnapshot only(HandlesSnapshot s) {
        assertThat(s.sockets()).hasSize(1);
        return s.sockets().get(0);
    }

    /** One established TCP socket with SO_LINGER {1,0} and 2,803,712 unacknowledged bytes. */
    private static FakeNtApi.Obj abortiveSocket(FakeNtApi f, long address) {
        FakeNtApi.Obj s = f.socket(address);
        s.shared = FakeNtApi.shared(3, 2, 1, 6, 1, 0, 0);
        s.local = FakeNtApi.sockaddr4(10, 0, 0, 5, 50_123);
        s.remote = FakeNtApi.sockaddr4(10, 0, 0, 9, 443);
        s.tcpInfo = FakeNtApi.tcpInfo(4, 2_803_712, 9_000_000);
        return s;
    }

    @Test
    void retriesTheHandleTableQueryWhileTheBufferIsTooSmall() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x10, abortiveSocket(f, 0xffffa50c3e5f2010L));
        f.tableMismatches = 2;
        f.mismatchHint = 3 << 20;
        HandlesSnapshot s = snapshot(f, ProcessSelector.all());
        assertThat(f.tableQuerySizes).containsExactly(1 << 20, (3 << 20) + (1 << 19), (3 << 20) + (1 << 19)
                + ((3 << 20) + (1 << 19)) / 2);
        assertThat(s.sockets()).hasSize(1);
        assertThat(s.time()).isEqualTo(NOW);
        assertThat(s.platform()).isEqualTo("windows");
    }

    @Test
    void aRestrictedCallerIsAPrivilegeError() {
        FakeNtApi f = new FakeNtApi(8);
        f.tableStatus = WinConst.STATUS_ACCESS_DENIED;
        assertThatThrownBy(() -> snapshot(f, ProcessSelector.all()))
                .isInstanceOfSatisfying(LiveException.class, e ->
                        assertThat(e.reason()).isEqualTo(LiveException.Reason.PRIVILEGE))
                .hasMessageContaining("restricted caller");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void lingerAddressesTcpInfoAndRiskOfOneSocket(int p) throws Exception {
        FakeNtApi f = new FakeNtApi(p);
        f.hold(100, 0x10, abortiveSocket(f, p == 8 ? 0xffffa50c3e5f2010L : 0x85f2e010L));
        SocketSnapshot s = only(snapshot(f, ProcessSelector.all()));
        assertThat(s.id()).isEqualTo(p == 8 ? "obj:0xffffa50c3e5f2010" : "obj:0x85f2e010");
        assertThat(s.family()).isEqualTo("inet");
        assertThat(s.type()).isEqualTo("stream");
        assertThat(s.state()).isEqualTo("ESTABLISHED");
        assertThat(s.local()).isEqualTo("10.0.0.5:50123");
        assertThat(s.remote()).isEqualTo("10.0.0.9:443");
        assertThat(s.linger()).isEqualTo(new SocketSnapshot.Linger(true, 0));
        assertThat(s.unacked()).isEqualTo(2_803_712);
        assertThat(s.notSent()).isEqualTo(-1);
        assertThat(s.recvQueue()).isEqualTo(-1);
        assertThat(s.owners()).containsExactly(new SocketSnapshot.Owner(100, 0x10, "app100.exe"));
        assertThat(s.refcount()).as("HandleCount 2 (target + our duplicate) minus our duplicate").isEqualTo(1);
        assertThat(s.risks()).containsExactly("closing now would discard at least 2,803,712 bytes (SO_LINGER {1,0})");
    }

    @Test
    void handlesOfOneObjectInSeveralProcessesAreOneSocket() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        FakeNtApi.Obj s = abortiveSocket(f, 0xffffa50c00001000L);
        f.hold(100, 0x10, s).hold(100, 0x44, s).hold(200, 0x20, s);
        f.hold(200, 0x24, abortiveSocket(f, 0xffffa50c00002000L));
        HandlesSnapshot snap = snapshot(f, ProcessSelector.all());
        assertThat(snap.sockets()).hasSize(2);
        SocketSnapshot shared = snap.sockets().get(0);
        assertThat(shared.owners()).extracting(SocketSnapshot.Owner::pid, SocketSnapshot.Owner::handle)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100, 0x10L), org.assertj.core.groups.Tuple.tuple(100, 0x44L),
                        org.assertj.core.groups.Tuple.tuple(200, 0x20L));
        assertThat(shared.refcount()).isEqualTo(3);
        assertThat(shared.inFlight()).isZero();
        assertThat(shared.risks()).singleElement().asString().startsWith("closing now would discard at least");
        assertThat(f.sameObjectCalls).as("visible addresses need no comparison").isZero();
    }

    @Test
    void hiddenAddressesAreGroupedWithCompareObjectHandles() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hideObjects = true;
        f.debug = false;
        FakeNtApi.Obj a = abortiveSocket(f, 0x1000);
        FakeNtApi.Obj b = abortiveSocket(f, 0x2000); // same addresses and counts: only the comparison tells them apart
        f.hold(100, 0x10, a).hold(200, 0x20, a).hold(300, 0x30, b).hold(300, 0x34, b);
        HandlesSnapshot snap = snapshot(f, ProcessSelector.all());
        assertThat(snap.sockets()).hasSize(2);
        assertThat(snap.sockets()).extracting(SocketSnapshot::id).containsExactly("grp:1", "grp:2");
        assertThat(snap.sockets()).allMatch(x -> x.object() == 0);
        assertThat(snap.sockets().get(0).owners()).extracting(SocketSnapshot.Owner::pid).containsExactly(100, 200);
        assertThat(snap.sockets().get(1).owners()).extracting(SocketSnapshot.Owner::pid).containsExactly(300, 300);
        assertThat(f.sameObjectCalls).isPositive();
        assertThat(snap.limitations()).anyMatch(l -> l.contains("object addresses are hidden"))
                .anyMatch(l -> l.startsWith("SeDebugPrivilege is not enabled"));
        assertThat(f.dups).as("every comparison duplicate was closed").isEmpty();
    }

    @Test
    void aNameQueryThatNeverReturnsBecomesAWarningNotAHang() {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x8, f.file(0x3000, "\\Device\\NamedPipe\\stuck", true));
        f.hold(100, 0x10, abortiveSocket(f, 0x4000));
        HandlesSnapshot snap = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> snapshot(f, ProcessSelector.all()),
                "a blocked NtQueryObject must not block the snapshot");
        assertThat(snap.sockets()).hasSize(1);
        assertThat(snap.warnings()).anyMatch(w -> w.contains("handle 0x8") && w.contains("did not answer"));
        assertThat(f.dups).as("the hung handle's duplicate was closed by the caller, not the stuck worker").isEmpty();
    }

    @Test
    void aHungHandleIsNotProbedAgainByTheSameSource() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x8, f.file(0x3000, "\\Device\\NamedPipe\\stuck", true));
        api = f;
        WindowsHandles source = new WindowsHandles(f, true, 50, () -> NOW);
        source.snapshot(ProcessSelector.all());
        long dupsBefore = f.log.stream().filter(l -> l.equals("dup 100 0x8")).count();
        HandlesSnapshot second = source.snapshot(ProcessSelector.all());
        assertThat(f.log.stream().filter(l -> l.equals("dup 100 0x8")).count()).isEqualTo(dupsBefore);
        assertThat(second.warnings()).noneMatch(w -> w.contains("did not answer"));
    }

    @Test
    void onlyFileHandlesAreEverDuplicatedOrNamed() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        FakeNtApi.Obj event = new FakeNtApi.Obj(0x5000, FakeNtApi.EVENT);
        event.name = "\\BaseNamedObjects\\x";
        f.hold(100, 0x4, event);
        f.hold(100, 0x8, f.file(0x6000, "\\Device\\HarddiskVolume3\\log.txt", false));
        HandlesSnapshot snap = snapshot(f, ProcessSelector.all());
        assertThat(snap.sockets()).isEmpty();
        assertThat(f.log).doesNotContain("dup 100 0x4", "name 5000").contains("dup 100 0x8", "name 6000");
        assertThat(f.log).as("basic information only for sockets").doesNotContain("basic 6000");
    }

    @Test
    void theSelectorLimitsWhichProcessesAreProbed() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x10, abortiveSocket(f, 0x1000)).hold(200, 0x20, abortiveSocket(f, 0x2000));
        HandlesSnapshot snap = snapshot(f, new ProcessSelector(Set.of(200), null));
        assertThat(only(snap).owners()).extracting(SocketSnapshot.Owner::pid).containsExactly(200);
        assertThat(f.log).noneMatch(l -> l.startsWith("dup 100"));
        HandlesSnapshot byName = snapshot(f, new ProcessSelector(Set.of(), "APP100.EXE"));
        assertThat(only(byName).owners()).extracting(SocketSnapshot.Owner::pid).containsExactly(100);
    }

    @Test
    void processesThatCannotBeOpenedAreReportedWithTheirTableRows() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.debug = false;
        f.hold(100, 0x10, abortiveSocket(f, 0x1000));
        f.hold(666, 0x20, abortiveSocket(f, 0x2000));
        f.processes.put(666, "svchost.exe");
        f.denied.add(666);
        f.tcpRows.add(new ConnectionTables.Row("tcp", "0.0.0.0:135", "0.0.0.0:0", 2, 666));
        HandlesSnapshot snap = snapshot(f, ProcessSelector.all());
        assertThat(snap.limitations()).anyMatch(l -> l.startsWith("1 process(es) could not be opened")
                && l.contains("666 (svchost.exe)"));
        SocketSnapshot row = snap.sockets().stream().filter(x -> x.id().startsWith("tcp:666")).findFirst().orElseThrow();
        assertThat(row.state()).isEqualTo("LISTEN");
        assertThat(row.local()).isEqualTo("0.0.0.0:135");
        assertThat(row.owners()).containsExactly(new SocketSnapshot.Owner(666, -1, "svchost.exe"));
        assertThat(row.refcount()).isEqualTo(-1);
        assertThat(f.openProcesses).as("process handles closed").isEmpty();
    }

    @Test
    void aProcessThatExitedMeanwhileIsNotReportedAsDenied() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x10, abortiveSocket(f, 0x1000));
        f.hold(555, 0x20, abortiveSocket(f, 0x2000));
        f.processes.remove(555); // in the handle table, gone by the time it is opened
        HandlesSnapshot snap = snapshot(f, ProcessSelector.all());
        assertThat(snap.sockets()).hasSize(1);
        assertThat(snap.limitations()).noneMatch(l -> l.contains("could not be opened"));
    }

    @Test
    void theStateComesFromTheTcpTableWhenTcpInfoIsUnavailable() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        FakeNtApi.Obj s = abortiveSocket(f, 0x1000);
        s.tcpInfo = null;
        s.shared = FakeNtApi.shared(3, 2, 1, 6, 0, 0, 0);
        f.hold(100, 0x10, s);
        f.tcpRows.add(new ConnectionTables.Row("tcp", "10.0.0.5:50123", "10.0.0.9:443", 8, 100));
        SocketSnapshot snap = only(snapshot(f, ProcessSelector.all()));
        assertThat(snap.state()).isEqualTo("CLOSE_WAIT");
        assertThat(snap.unacked()).isEqualTo(-1);
        assertThat(snap.linger()).isEqualTo(new SocketSnapshot.Linger(false, 0));
        assertThat(snap.risks()).as("SO_LINGER off and nothing known in flight").isEmpty();
    }

    @Test
    void duplicatesAreClosedAndNeverOutliveTheSnapshot() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        FakeNtApi.Obj s = abortiveSocket(f, 0x1000);
        f.hold(100, 0x10, s).hold(200, 0x20, s);
        f.hold(100, 0x18, f.file(0x2000, "\\Device\\HarddiskVolume3\\a", false));
        snapshot(f, ProcessSelector.all());
        assertThat(f.log.stream().filter(l -> l.startsWith("dup")).count()).isEqualTo(3);
        assertThat(f.dups).isEmpty();
        assertThat(f.openProcesses).isEmpty();
    }

    @Test
    void withoutProbingNothingIsDuplicatedAndTheTablesAreListed() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x10, abortiveSocket(f, 0x1000));
        f.tcpRows.add(new ConnectionTables.Row("tcp", "10.0.0.5:50123", "10.0.0.9:443", 5, 100));
        f.tcpRows.add(new ConnectionTables.Row("tcp", "0.0.0.0:80", "0.0.0.0:0", 2, 200));
        api = f;
        HandlesSnapshot snap = new WindowsHandles(f, false, 100, () -> NOW).snapshot(new ProcessSelector(Set.of(100), null));
        assertThat(f.log).as("no duplicate, no name, no basic information").isEmpty();
        assertThat(f.tableQuerySizes).as("not even the handle table").isEmpty();
        SocketSnapshot s = only(snap);
        assertThat(s.state()).isEqualTo("ESTABLISHED");
        assertThat(s.owners()).containsExactly(new SocketSnapshot.Owner(100, -1, "app100.exe"));
        assertThat(s.linger()).isNull();
        assertThat(snap.limitations()).singleElement().asString().startsWith("handles were not examined (--no-probe)");
    }

    @Test
    void ourOwnHandlesAreSkipped() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(1, 0x10, abortiveSocket(f, 0x1000)); // currentPid() is 1
        assertThat(snapshot(f, ProcessSelector.all()).sockets()).isEmpty();
        assertThat(f.log).isEmpty();
    }

    @Test
    void listsTheWindowsLimitationsOnQueueCounters() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x10, abortiveSocket(f, 0x1000));
        List<String> l = snapshot(f, ProcessSelector.all()).limitations();
        assertThat(l).anyMatch(x -> x.startsWith("receive queue and not-yet-sent bytes are not available on Windows"));
    }
}
