package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.LogfileHeader;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.etw.Times;
import wsclose.trace.testing.Corpus;

/** The kernel layouts decode the real corpus: the header record of every file, and all Process events. */
class KernelLayoutsTest {
    private final Layouts layouts = Layouts.builtIn();

    static List<String> files() {
        return Corpus.nonEmptyFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void headerRecordDecodesToTheLogfileHeader(String path) throws IOException {
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            LogfileHeader h = f.header();
            List<Decoded> found = new ArrayList<>();
            f.forEachInFileOrder(ev -> {
                if (found.isEmpty() && ev.kind() == HeaderKind.SYSTEM && ev.provider().equals(Providers.KERNEL_EVENT_TRACE)
                        && ev.id() == 0) {
                    Decoded d = layouts.decode(ev);
                    assertThat(d.consumed()).isEqualTo(ev.payloadLength());
                    found.add(d);
                }
            });
            Decoded d = found.get(0);
            assertThat(d.problem()).isNull();
            assertThat(d.getLong("BufferSize", -1)).isEqualTo(h.bufferSize());
            assertThat(d.getLong("NumberOfProcessors", -1)).isEqualTo(h.processors());
            assertThat(d.getLong("PointerSize", -1)).isEqualTo(h.pointerSize());
            assertThat(d.getLong("PerfFreq", -1)).isEqualTo(h.perfFreq());
            assertThat(d.getLong("ReservedFlags", -1)).isEqualTo(h.clockType());
            assertThat(d.getLong("BuffersLost", -1)).isEqualTo(h.buffersLost());
            assertThat(d.getString("StartTime")).isEqualTo(Times.iso(h.startTime()));
            assertThat(d.getString("LoggerName")).isEqualTo(h.loggerName());
            assertThat(d.getString("LogFileName")).isEqualTo(h.logFileName());
            Map<String, String> row = Corpus.files().stream().filter(r -> r.get("path").equals(path)).findFirst().orElseThrow();
            assertThat(d.getString("LoggerName")).isEqualTo(row.get("logger_name"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void processEventsDecodeCompletely(String path) throws IOException {
        List<String> problems = new ArrayList<>();
        int[] seen = {0};
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            f.forEach(ev -> {
                if (ev.provider() == null || !ev.provider().equals(Providers.KERNEL_PROCESS) || !ev.kind().isKernel()) {
                    return;
                }
                Decoded d = layouts.decode(ev);
                if (d == null) {
                    return;
                }
                seen[0]++;
                String image = d.getString("ImageFileName");
                if (d.problem() != null || d.consumed() != ev.payloadLength() || image == null || image.isEmpty()
                        || d.getLong("UniqueProcessKey", 0) == 0) {
                    problems.add(ev + " -> " + d);
                }
            });
        }
        assertThat(problems).isEmpty();
        System.out.println("process events decoded in " + path + ": " + seen[0]);
        if (path.contains("diaghub.kernel") || path.contains("net.4.5.x86") || path.contains("ShutdownPerfDiag")) {
            assertThat(seen[0]).isGreaterThan(10);
        }
    }
}
