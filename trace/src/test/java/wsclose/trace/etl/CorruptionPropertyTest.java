package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;
import wsclose.trace.etw.Bytes;
import wsclose.trace.testing.Corpus;

/**
 * Cuts and corrupts real corpus files: at every buffer boundary, at random offsets inside buffers, with
 * flipped header bytes and absurd size fields. Each case must end in a correct read, a read that says
 * it is incomplete, or an {@link EtlFormatException} naming an offset. An unchecked exception, a hang
 * (each read runs under a time limit) or an OutOfMemoryError fails the property.
 */
class CorruptionPropertyTest {
    /** Small and medium files covering Windows 7/8+ headers, compression, WPP, TraceLogging and x86. */
    static final List<String> FILES = List.of(
            "airbus-cert__etl-parser/AMSITrace.etl",
            "airbus-cert__etl-parser/lxcore_kernel.etl",
            "microsoft__perfview/smallEtlFile.etl",
            "microsoft__perfview/SelfDescribingSingleEvent.etl",
            "microsoft__demikernel/PktMon.etl",
            "jtmoon79__super-speedy-syslog-searcher/CldFlt0-2025-12-21-121418.etl",
            "microsoft__perfview/gcevents.PerfViewData.etl",
            "airbus-cert__etl-parser/ShutdownPerfDiagLogger.etl");

    private static final java.util.Map<String, byte[]> BYTES = new java.util.HashMap<>();
    private static final java.util.Map<String, Set<String>> EVENTS = new java.util.HashMap<>();

    static synchronized byte[] bytes(String f) {
        return BYTES.computeIfAbsent(f, k -> {
            try {
                return Files.readAllBytes(Corpus.file(k));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Fingerprints of the intact file's events: (buffer offset, record offset, timestamp, length). */
    static synchronized Set<String> events(String f) {
        return EVENTS.computeIfAbsent(f, k -> {
            try {
                return new HashSet<>(read(Corpus.file(k)).events);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    record Outcome(List<String> events, boolean incomplete, List<String> warnings) {
    }

    static Outcome read(Path p) throws IOException {
        try (EtlFile f = EtlFile.open(p)) {
            List<String> ev = new ArrayList<>();
            f.forEach(e -> ev.add(e.bufferFileOffset() + "/" + e.recordOffset() + "/" + e.timestamp() + "/" + e.payloadLength()));
            return new Outcome(ev, f.isIncomplete(), f.warnings());
        }
    }

    /** Reads the damaged bytes; returns null when they were rejected with a proper format error. */
    static Outcome attempt(byte[] damaged) throws IOException {
        Path p = Files.createTempFile("wsclose-corrupt", ".etl");
        try {
            Files.write(p, damaged);
            return Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    return read(p);
                } catch (EtlFormatException e) {
                    assertThat(e.getMessage()).containsPattern("(byte )?offset");
                    assertThat(e.offset()).isBetween(0L, (long) damaged.length);
                    return null;
                }
            });
        } finally {
            Files.deleteIfExists(p);
        }
    }

    static List<Integer> bufferOffsets(byte[] b) {
        List<Integer> out = new ArrayList<>();
        long off = 0;
        while (off + 72 <= b.length) {
            long size = Integer.toUnsignedLong(Bytes.i32(b, (int) off));
            if (size < 72) {
                break;
            }
            out.add((int) off);
            off += size;
        }
        return out;
    }

    @Property(tries = 1)
    void cutAtEveryBufferBoundary() throws IOException {
        for (String f : FILES) {
            byte[] full = bytes(f);
            List<Integer> starts = bufferOffsets(full);
            for (int i = 1; i < starts.size(); i++) {
                int cut = starts.get(i);
                Outcome o = attempt(java.util.Arrays.copyOf(full, cut));
                assertThat(o).as("%s cut at buffer %d", f, i).isNotNull();
                assertThat(events(f)).containsAll(o.events);
                long expected = events(f).stream().filter(s -> Long.parseLong(s.split("/")[0]) < cut).count();
                assertThat((long) o.events.size()).as("%s cut at buffer %d", f, i).isEqualTo(expected);
                assertThat(o.incomplete).as("%s cut at buffer %d: %s", f, i, o.warnings).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<String> file() {
        return Arbitraries.of(FILES);
    }

    @Property(tries = 150)
    void cutAtRandomOffsets(@ForAll("file") String f, @ForAll("fraction") double where) throws IOException {
        byte[] full = bytes(f);
        int cut = (int) (where * full.length);
        Outcome o = attempt(java.util.Arrays.copyOf(full, cut));
        if (o != null) {
            assertThat(events(f)).containsAll(o.events);
            if (cut < full.length) {
                assertThat(o.incomplete || o.events.size() == events(f).size()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<int[]> flips() {
        return Combinators.combine(Arbitraries.integers().between(0, 1 << 30), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 3)).as((pos, val, mode) -> new int[] {pos, val, mode});
    }

    /** Flips bytes in buffer headers and record headers: any outcome but a crash or a hang is fine. */
    @Property(tries = 300)
    void flippedHeaderBytes(@ForAll("file") String f, @ForAll("flips") int[] flip) throws IOException {
        byte[] b = bytes(f).clone();
        List<Integer> starts = bufferOffsets(b);
        int start = starts.get(flip[0] % starts.size());
        int span = flip[2] == 0 ? 72 : 72 + 96; // the buffer header, or it and the first records
        int pos = Math.min(b.length - 1, start + (flip[0] >>> 8) % span);
        b[pos] ^= (byte) (flip[1] == 0 ? 0xFF : flip[1]);
        check(attempt(b));
    }

    /** Size fields set to absurd values: buffer sizes, FilledBytes, record sizes. */
    @Property(tries = 200)
    void absurdSizes(@ForAll("file") String f, @ForAll("flips") int[] choice) throws IOException {
        byte[] b = bytes(f).clone();
        List<Integer> starts = bufferOffsets(b);
        int start = starts.get(choice[0] % starts.size());
        int[] values = {0, 1, 71, 72, 0x7FFFFFFF, 0xFFFFFFFF, 0x10000000, 0x48 + 1};
        int v = values[choice[1] % values.length];
        switch (choice[2]) {
            case 0: Bytes.put32(b, start, v); break; // BufferSize
            case 1: Bytes.put32(b, start + 0x30, v); break; // FilledBytes
            case 2: Bytes.put16(b, start + 0x48, v); break; // first record's u16 size (EVENT_HEADER et al.)
            default: Bytes.put16(b, start + 0x48 + 4, v); break; // SYSTEM/PERFINFO size field
        }
        check(attempt(b));
    }

    private static void check(Outcome o) {
        if (o == null) {
            return;
        }
        for (String w : o.warnings) {
            if (w.isBlank()) {
                fail("blank warning");
            }
        }
    }
}
