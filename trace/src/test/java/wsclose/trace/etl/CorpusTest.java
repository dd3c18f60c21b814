package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Times;
import wsclose.trace.testing.Corpus;

/**
 * Compares the reader with the independent ground truth in {@code shared/corpus/etl/expected/}
 * (dissect.etl, cross-checked with TraceEvent): per-file facts, counts per (provider, key) and the
 * first and last 25 events in time order, for every non-empty corpus file.
 */
class CorpusTest {

    static Stream<Map<String, String>> files() {
        return Corpus.files().stream().filter(r -> !"0".equals(r.get("records")));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("files")
    void headerAndFileFactsMatch(Map<String, String> expect) throws IOException {
        try (EtlFile f = EtlFile.open(Corpus.file(expect.get("path")))) {
            EtlSummary s = f.summary();
            LogfileHeader h = s.header();
            Map<String, String> got = new LinkedHashMap<>();
            got.put("buffers", Long.toString(s.buffers()));
            got.put("compressed_buffers", Long.toString(s.compressedBuffers()));
            got.put("buffers_written_hdr", Long.toString(h.buffersWritten()));
            got.put("records", Long.toString(s.events()));
            for (HeaderKind k : HeaderKind.values()) {
                got.put("hdr_" + k.label(), Long.toString(s.headerKinds().getOrDefault(k.label(), 0L)));
            }
            got.put("pointer_size", Integer.toString(h.pointerSize()));
            got.put("os_version", h.osVersion());
            got.put("build", Long.toString(h.build()));
            got.put("header_version", String.format("0x%08x", h.version()));
            got.put("number_of_processors", Integer.toString(h.processors()));
            got.put("perf_freq", Long.toString(h.perfFreq()));
            got.put("cpu_speed_mhz", Long.toString(h.cpuSpeedMhz()));
            got.put("clock_reserved_flags", Integer.toString(h.clockType()));
            got.put("clock", h.clockName());
            got.put("timer_resolution", Long.toString(h.timerResolution()));
            got.put("log_file_mode", String.format("0x%08x", h.logFileMode()));
            got.put("buffer_size_hdr", Long.toString(h.bufferSize()));
            got.put("start_time_utc", Times.iso(h.startTime()));
            got.put("start_time_filetime", Long.toString(h.startTime()));
            got.put("end_time_utc", h.endTime() == 0 ? "" : Times.iso(h.endTime()));
            got.put("end_time_filetime", Long.toString(h.endTime()));
            got.put("boot_time_utc", Times.iso(h.bootTime()));
            got.put("events_lost", Long.toString(h.eventsLost()));
            got.put("buffers_lost", Long.toString(h.buffersLost()));
            got.put("logger_name", h.loggerName());
            got.put("log_file_name", h.logFileName());
            got.put("first_event_utc", Times.iso(s.firstEvent()));
            got.put("last_event_utc", Times.iso(s.lastEvent()));
            Map<String, String> want = new LinkedHashMap<>();
            for (String k : got.keySet()) {
                want.put(k, expect.get(k));
            }
            assertThat(got).isEqualTo(want);
            assertThat(s.incomplete()).as("incomplete").isFalse();
            assertThat(s.warnings()).as("warnings").isEmpty();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("files")
    void countsPerProviderAndKeyMatch(Map<String, String> file) throws IOException {
        String path = file.get("path");
        Map<String, String> want = new TreeMap<>();
        for (Map<String, String> r : Corpus.tsv(Corpus.expected().resolve("counts.tsv"))) {
            if (r.get("file").equals(path)) {
                want.put(r.get("provider_guid") + " " + r.get("key"), r.get("count") + " v" + r.get("versions"));
            }
        }
        Map<String, String> got = new TreeMap<>();
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            for (EtlSummary.Count c : f.summary().counts()) {
                String provider = c.provider().equals(wsclose.trace.etw.Guid.ZERO) && c.key().equals("msg") ? "" : c.provider().toString();
                StringBuilder vs = new StringBuilder();
                for (int v : c.versions()) {
                    vs.append(vs.length() == 0 ? "" : ",").append(v);
                }
                got.put(provider + " " + c.key(), c.count() + " v" + vs);
            }
        }
        assertThat(got).isEqualTo(want);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("files")
    void firstAndLastEventsInTimeOrderMatch(Map<String, String> file) throws IOException {
        String path = file.get("path");
        List<Map<String, String>> expected = Corpus.tsv(Corpus.firstEvents(path));
        List<Map<String, String>> head = new ArrayList<>();
        Deque<Map<String, String>> tail = new ArrayDeque<>();
        long[] order = {0};
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            f.forEach(ev -> {
                Map<String, String> row = row(order[0]++, ev);
                if (head.size() < 25) {
                    head.add(row);
                } else {
                    tail.addLast(row);
                    if (tail.size() > 25) {
                        tail.removeFirst();
                    }
                }
            });
            assertThat(f.warnings()).isEmpty();
        }
        List<Map<String, String>> got = new ArrayList<>(head);
        got.addAll(tail);
        List<Map<String, String>> want = new ArrayList<>();
        for (Map<String, String> e : expected) {
            Map<String, String> w = new LinkedHashMap<>();
            for (String k : got.get(0).keySet()) {
                w.put(k, e.get(k));
            }
            want.add(w);
        }
        assertThat(got).containsExactlyElementsOf(want);
    }

    static Map<String, String> row(long order, EtwEvent ev) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("order", Long.toString(order));
        r.put("utc_time", Times.iso(ev.fileTime()));
        r.put("raw_timestamp", Long.toString(ev.timestamp()));
        r.put("provider_guid", ev.provider() == null ? "" : ev.provider().toString());
        r.put("key", ev.key());
        r.put("version", ev.kind() == HeaderKind.WPP ? "" : Integer.toString(ev.version()));
        r.put("pid", ev.hasIds() ? Integer.toUnsignedString(ev.pid()) : "");
        r.put("tid", ev.hasIds() ? Integer.toUnsignedString(ev.tid()) : "");
        r.put("payload_len", Integer.toString(ev.payloadLength()));
        r.put("level", ev.level() < 0 ? "" : Integer.toString(ev.level()));
        r.put("keywords", ev.hasKeywords() ? "0x" + Long.toHexString(ev.keywords()) : "");
        r.put("processor", Integer.toString(ev.processor()));
        r.put("header_kind", ev.kind().label());
        r.put("header_type", ev.kind() == HeaderKind.WPP ? "" : String.format("0x%02x", ev.headerType()));
        r.put("ext_len", Integer.toString(ev.extendedLength()));
        r.put("record_size", Integer.toString(ev.recordSize()));
        r.put("buffer", Long.toString(ev.bufferIndex()));
        r.put("buffer_file_offset", Long.toString(ev.bufferFileOffset()));
        r.put("record_offset_in_buffer", Integer.toString(ev.recordOffset()));
        return r;
    }
}
