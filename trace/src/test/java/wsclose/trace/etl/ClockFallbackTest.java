package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Bytes;

/** A logfile header with an unknown clock type or a zero PerfFreq reads on, with a warning, instead of exit 3. */
class ClockFallbackTest {
    /** TRACE_LOGFILE_HEADER (64-bit) after the 0x48 buffer header and the 0x20 system header: §A.7 offsets + 8. */
    static final int PAYLOAD = 0x48 + 0x20;
    static final int PERF_FREQ = PAYLOAD + 0xF8 + 8;
    static final int CLOCK = PAYLOAD + 0x108 + 8;

    @TempDir
    Path dir;

    List<Long> times(byte[] b, String name, List<String> warnings) throws IOException {
        try (EtlFile f = EtlFile.open(Files.write(dir.resolve(name), b))) {
            List<Long> t = new ArrayList<>();
            f.forEach(e -> t.add(e.fileTime()));
            warnings.addAll(f.warnings());
            return t;
        }
    }

    private void readsOnWithEstimatedTimes(int offset, int value, String message) throws IOException {
        List<String> none = new ArrayList<>();
        List<Long> first = times(ResyncTest.file(false), "first.etl", none);
        // As Windows writes it: EndTime is when the session stopped, just after the last buffer was flushed
        byte[] good = ResyncTest.file(false, first.get(first.size() - 1) + 10_000);
        List<Long> expected = times(good, "good.etl", none);
        assertThat(Bytes.i32(good, CLOCK)).as("clock type field").isEqualTo(1);
        byte[] bad = good.clone();
        Bytes.put32(bad, offset, value);
        List<String> warnings = new ArrayList<>();
        List<Long> got = times(bad, "bad.etl", warnings);
        assertThat(got).hasSameSizeAs(expected);
        assertThat(got).isSorted();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("logfile header clock: " + message).contains("times are"));
        // anchored at StartTime: the first event is where it was, the last within a tenth of the trace's span
        long span = expected.get(expected.size() - 1) - expected.get(0);
        assertThat(Math.abs(got.get(1) - expected.get(1))).isLessThanOrEqualTo(span / 10 + 10_000);
        assertThat(Math.abs(got.get(got.size() - 1) - expected.get(expected.size() - 1))).isLessThanOrEqualTo(span / 10 + 10_000);
    }

    @Test
    void unknownClockType() throws IOException {
        readsOnWithEstimatedTimes(CLOCK, 7, "unknown clock type 7");
    }

    @Test
    void zeroPerfFreq() throws IOException {
        readsOnWithEstimatedTimes(PERF_FREQ, 0, "QPC clock with PerfFreq 0");
    }
}
