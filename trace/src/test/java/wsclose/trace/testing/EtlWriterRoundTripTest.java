package wsclose.trace.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.LogfileHeader;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;

/**
 * Writes random traces with the doc-only {@link EtlWriter} and checks that the reader gives back exactly
 * those records, in (timestamp, file position) order (expected/README.md "Order"), with identical
 * header fields, times (README "Time") and payloads.
 */
class EtlWriterRoundTripTest {
    static final Guid[] PROVIDERS = {Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6"),
            Guid.parse("2f07e2ee-15db-40f1-90ef-9d7ba282188a"), Guid.parse("0cd1c309-0878-4515-83db-749843b3f5c9")};
    /** Kernel group → GUID, from expected/README.md "Kernel group → GUID" (group 3 opcode 10 → Image). */
    static final int[] GROUPS = {0x03, 0x04, 0x06, 0x08, 0x11};
    static final Guid[] GROUP_GUIDS = {Guid.parse("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c"),
            Guid.parse("90cbdc39-4a3e-11d1-84f4-0000f80464e3"), Guid.parse("9a280ac0-c8e0-11d1-84e2-00c04fb998a2"),
            Guid.parse("bf3a50c5-a9c9-4988-a005-2df0b7c80f80"), Guid.parse("89497f50-effe-4440-8cf2-ce6b1cdcaca7")};
    static final Guid IMAGE = Guid.parse("2cb15d1d-5fc1-11d2-abe1-00a0c911f518");
    static final Guid EVENT_TRACE = Guid.parse("68fdd900-4a3e-11d1-84f4-0000f80464e3");

    /** What the reader must report for one record; {@code text()} is compared. */
    record Expect(HeaderKind kind, Guid provider, int id, int version, int pid, int tid, int cpu, long ts, long fileTime,
            int ext, int level, String keywords, byte[] payload, int buffer, int offset) {
        String text() {
            // WPP: EtwEvent's javadoc says id 0, the reader reports MessageNumber; neither is in the docs, so not compared.
            return kind + " " + provider + " id=" + (kind == HeaderKind.WPP ? "?" : id) + " v=" + version + " pid=" + pid + " tid=" + tid + " cpu=" + cpu
                    + " ts=" + ts + " ft=" + fileTime + " ext=" + ext + " level=" + level + " kw=" + keywords
                    + " at=" + buffer + "/0x" + Integer.toHexString(offset) + " payload=" + HexFormat.of().formatHex(payload);
        }
    }

    @Provide
    Arbitrary<Integer> pointerSizes() {
        return Arbitraries.of(4, 8);
    }

    @Provide
    Arbitrary<Integer> bufferSizes() {
        return Arbitraries.of(1024, 4096, 65536);
    }

    @Provide
    Arbitrary<Long> clocks() {
        return Arbitraries.of(0L, 10_000_000L, 3_579_545L, 2_338_525L); // 0 = system time clock
    }

    @Property(tries = 150)
    void readerReturnsExactlyTheWrittenEvents(@ForAll("pointerSizes") int p, @ForAll boolean compressed,
            @ForAll boolean win7, @ForAll @IntRange(min = 1, max = 5) int cpus, @ForAll("bufferSizes") int bufferSize,
            @ForAll("clocks") long freq, @ForAll @IntRange(max = 400) int n, @ForAll long seed) throws IOException {
        Random r = new Random(seed);
        EtlOptions.Builder b = EtlWriter.builder().pointerSize(p).compressed(compressed).win7Style(win7)
                .processors(cpus).bufferSize(bufferSize);
        b = freq == 0 ? b.systemTimeClock() : b.qpcClock(freq).t0(1 + (r.nextLong() & 0xFF_FFFF_FFFFL));
        EtlWriter w = b.build();
        EtlOptions o = w.options();
        long[] clock = new long[cpus];
        for (int c = 0; c < cpus; c++) {
            // CPUs other than 0 (whose stream the header buffer starts) may begin before T0: floor of a negative delta.
            clock[c] = c == 0 ? o.t0() : o.t0() - r.nextInt(20_000);
        }
        List<Expect> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int cpu = r.nextInt(cpus);
            clock[cpu] += r.nextInt(100) == 0 ? 1_000_000_000_000L : r.nextInt(3) == 0 ? 0 : r.nextInt(5000);
            expected.add(addRandom(w, r, cpu, clock[cpu], o, r.nextInt(4) == 0 ? 4 : p));
        }
        List<EtlWriter.Placement> placements = w.placements();
        for (int i = 0; i < n; i++) {
            Expect e = expected.get(i);
            EtlWriter.Placement pl = placements.get(i);
            expected.set(i, new Expect(e.kind(), e.provider(), e.id(), e.version(), e.pid(), e.tid(), pl.cpu(), e.ts(),
                    e.fileTime(), e.ext(), e.level(), e.keywords(), e.payload(), pl.buffer(), pl.offset()));
        }
        byte[] file = w.toBytes();
        int buffersWritten = 1 + (int) placements.stream().mapToInt(EtlWriter.Placement::buffer).distinct().count();
        expected.add(0, new Expect(HeaderKind.SYSTEM, EVENT_TRACE, 0, 2, 0, 0, 0, o.t0(), o.startFileTime(), 0, -1, "-",
                TraceLogfileHeader.payload(o, buffersWritten), 0, 0x48));
        expected.sort(Comparator.comparingLong(Expect::ts).thenComparingInt(Expect::buffer).thenComparingInt(Expect::offset));
        List<String> want = expected.stream().map(Expect::text).toList();
        List<String> got = read(file);
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertThat(got.get(i)).as("event %d of %d", i, want.size()).isEqualTo(want.get(i));
        }
        assertThat(got).hasSameSizeAs(want);
    }

    private static Expect addRandom(EtlWriter w, Random r, int cpu, long ts, EtlOptions o, int rp) {
        w.recordPointerSize(rp);
        byte[] payload = new byte[r.nextInt(r.nextInt(8) == 0 ? 600 : 64)];
        r.nextBytes(payload);
        int pid = r.nextInt(), tid = r.nextInt();
        long ft = fileTime(o, ts);
        int kind = r.nextInt(8);
        if (kind <= 1) {
            Guid prov = PROVIDERS[r.nextInt(PROVIDERS.length)];
            int id = r.nextInt(65536), ver = r.nextInt(256), level = r.nextInt(256);
            long kw = r.nextLong();
            List<ExtItem> ext = new ArrayList<>();
            int extLen = 0;
            for (int k = kind == 1 ? 1 + r.nextInt(3) : 0; k > 0; k--) {
                byte[] d = new byte[r.nextInt(41)];
                r.nextBytes(d);
                ext.add(new ExtItem(1 + r.nextInt(16), d));
                extLen += 8 + ((d.length + 7) & ~7);
            }
            w.event(cpu, ts, prov, id, ver, r.nextInt(256), r.nextInt(256), level, r.nextInt(65536), kw, pid, tid, ext, payload);
            return new Expect(HeaderKind.EVENT, prov, id, ver, pid, tid, cpu, ts, ft, extLen, level, Long.toHexString(kw), payload, 0, 0);
        }
        if (kind <= 4) {
            int g = r.nextInt(GROUPS.length), op = r.nextInt(256), ver = r.nextInt(256);
            Guid guid = GROUPS[g] == 0x03 && op == 10 ? IMAGE : GROUP_GUIDS[g];
            if (kind == 2) {
                w.kernel(cpu, ts, GROUPS[g], op, ver, pid, tid, payload);
            } else if (kind == 3) {
                w.compact(cpu, ts, GROUPS[g], op, ver, pid, tid, payload);
            } else {
                w.perfinfo(cpu, ts, GROUPS[g], op, ver, payload);
                pid = -1;
                tid = -1;
            }
            HeaderKind k = kind == 2 ? HeaderKind.SYSTEM : kind == 3 ? HeaderKind.COMPACT : HeaderKind.PERFINFO;
            return new Expect(k, guid, op, ver, pid, tid, cpu, ts, ft, 0, -1, "-", payload, 0, 0);
        }
        Guid g = PROVIDERS[r.nextInt(PROVIDERS.length)];
        if (kind <= 6) {
            int type = r.nextInt(256), level = r.nextInt(256), ver = r.nextInt(65536);
            if (kind == 5) {
                w.classic(cpu, ts, g, type, level, ver, pid, tid, payload);
            } else {
                w.instance(cpu, ts, g, type, level, ver, pid, tid, r.nextInt(), r.nextInt(), PROVIDERS[0], payload);
            }
            HeaderKind k = kind == 5 ? HeaderKind.CLASSIC : HeaderKind.INSTANCE;
            return new Expect(k, g, type, ver, pid, tid, cpu, ts, ft, 0, level, "-", payload, 0, 0);
        }
        if (r.nextBoolean()) {
            w.wpp(cpu, ts, r.nextInt(), g, r.nextInt(65536), pid, tid, payload);
        } else {
            w.wpp(cpu, ts, g, r.nextInt(65536), pid, tid, payload);
        }
        return new Expect(HeaderKind.WPP, g, 0, 0, pid, tid, cpu, ts, ft, 0, -1, "-", payload, 0, 0);
    }

    /** expected/README.md "Time": StartTime + floor((raw − T0) × 10^7 / PerfFreq), or + (raw − T0) for clock 2. */
    static long fileTime(EtlOptions o, long raw) {
        BigInteger d = BigInteger.valueOf(raw).subtract(BigInteger.valueOf(o.t0()));
        if (o.clockType() == 2) {
            return o.startFileTime() + d.longValueExact();
        }
        BigInteger[] qr = d.multiply(BigInteger.valueOf(10_000_000L)).divideAndRemainder(BigInteger.valueOf(o.perfFreq()));
        BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return o.startFileTime() + q.longValueExact();
    }

    static List<String> read(byte[] file) throws IOException {
        Path tmp = Files.createTempFile("wsclose-roundtrip", ".etl");
        try {
            Files.write(tmp, file);
            List<String> out = new ArrayList<>();
            try (EtlFile etl = EtlFile.open(tmp)) {
                etl.forEach(e -> out.add(describe(e)));
                assertThat(etl.warnings()).isEmpty();
                assertThat(etl.isIncomplete()).isFalse();
            }
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String describe(EtwEvent e) {
        boolean hasLevel = e.kind() == HeaderKind.EVENT || e.kind() == HeaderKind.CLASSIC || e.kind() == HeaderKind.INSTANCE;
        return new Expect(e.kind(), e.provider(), e.id(), e.version(), e.pid(), e.tid(), e.processor(), e.timestamp(),
                e.fileTime(), e.extendedLength(), hasLevel ? e.level() : -1,
                e.kind() == HeaderKind.EVENT ? Long.toHexString(e.keywords()) : "-", e.payloadBytes(),
                (int) e.bufferIndex(), e.recordOffset()).text();
    }

    @Example
    void manyInterleavedBuffers() throws IOException {
        for (int p : new int[] {4, 8}) {
            for (boolean compressed : new boolean[] {false, true}) {
                readerReturnsExactlyTheWrittenEvents(p, compressed, false, 4, 1024, 10_000_000L, 3000, 7L);
            }
        }
        readerReturnsExactlyTheWrittenEvents(8, false, true, 3, 4096, 0L, 3000, 8L);
    }

    @Example
    void logfileHeaderFieldsComeBack() throws IOException {
        for (int p : new int[] {4, 8}) {
            EtlWriter w = EtlWriter.builder().pointerSize(p).processors(6).qpcClock(3_579_545).t0(777)
                    .startFileTime(EtlOptions.DEFAULT_START).endFileTime(EtlOptions.DEFAULT_START + 5).bootFileTime(42)
                    .os(6, 3, 9600).loggerName("Logger \u00e9").logFileName("D:\\t.etl").eventsLost(3).buffersLost(4)
                    .compressed(true).build();
            w.kernel(5, 800, 0x06, 10, 2, 1, 1, new byte[28]);
            Path tmp = Files.createTempFile("wsclose-hdr", ".etl");
            try {
                w.writeTo(tmp);
                try (EtlFile etl = EtlFile.open(tmp)) {
                    LogfileHeader h = etl.header();
                    assertThat(new Object[] {h.bufferSize(), h.osMajor(), h.osMinor(), h.build(), h.processors(),
                            h.endTime(), h.buffersWritten(), h.pointerSize(), h.eventsLost(), h.bootTime(), h.perfFreq(),
                            h.startTime(), h.clockType(), h.buffersLost(), h.loggerName(), h.logFileName(),
                            h.syncTimestamp(), h.compressedMode()})
                            .containsExactly(65536L, 6, 3, 9600L, 6, EtlOptions.DEFAULT_START + 5, 2L, p, 3L, 42L,
                                    3_579_545L, EtlOptions.DEFAULT_START, 1, 4L, "Logger \u00e9", "D:\\t.etl", 777L, true);
                    assertThat(etl.buffers()).isEqualTo(2);
                    assertThat(etl.compressedBuffers()).isEqualTo(1);
                    assertThat(etl.summary().events()).isEqualTo(2);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
