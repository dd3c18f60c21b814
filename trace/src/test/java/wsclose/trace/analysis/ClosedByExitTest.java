package wsclose.trace.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/** A socket its process never closed is closed by the process's exit: the report gives that time as its close. */
class ClosedByExitTest {
    @Test
    void theExitIsTheClose() {
        long t = 133_486_238_450_000_000L;
        List<SocketSummary> seen = new ArrayList<>();
        Analyzer a = new Analyzer("live", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary s, List<Finding> f) {
                seen.add(s);
            }
        });
        a.accept(SocketEvent.at(t, SocketEventKind.PROCESS_START, Source.LINUX).pid(700).name("app").build());
        a.accept(SocketEvent.at(t + 1, SocketEventKind.CREATE, Source.LINUX).thread(700, 700).endpoint(4242).build());
        a.accept(SocketEvent.at(t + 2, SocketEventKind.API_CREATE, Source.LINUX).thread(700, 700).endpoint(4242).handle(5).build());
        a.accept(SocketEvent.at(t + 50, SocketEventKind.PROCESS_END, Source.LINUX).pid(700).name("app").build());
        a.accept(SocketEvent.at(t + 60, SocketEventKind.FREE, Source.LINUX).endpoint(4242).build());
        a.finish();
        assertThat(seen).singleElement().satisfies(s -> assertThat(s.closed()).isEqualTo(t + 50));
    }

    @Test
    void theExitIsTheCloseOnWindowsWithoutHandleEvents() {
        long t = 133_486_238_450_000_000L;
        List<SocketSummary> seen = new ArrayList<>();
        Analyzer a = new Analyzer("etl", AnalysisOptions.all(), new ReportListener() {
            @Override
            public void socket(SocketSummary s, List<Finding> f) {
                seen.add(s);
            }
        });
        a.accept(SocketEvent.at(t, SocketEventKind.PROCESS_RUNDOWN, Source.PROCESSES).pid(700).process(0xffffa50c00070000L).name("app.exe").build());
        a.accept(SocketEvent.at(t + 1, SocketEventKind.CREATE, Source.AFD).thread(700, 7001).process(0xffffa50c00070000L)
                .endpoint(0xffffa50c3e5f0200L).phase(SocketEvent.Phase.EXIT).build());
        a.accept(SocketEvent.at(t + 50, SocketEventKind.PROCESS_END, Source.PROCESSES).pid(700).name("app.exe").build());
        a.accept(SocketEvent.at(t + 60, SocketEventKind.FREE, Source.AFD).endpoint(0xffffa50c3e5f0200L).build());
        a.finish();
        assertThat(seen).singleElement().satisfies(s -> assertThat(s.closed()).as("closed by the exit").isEqualTo(t + 50));
    }
}
