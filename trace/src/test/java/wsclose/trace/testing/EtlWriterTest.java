package wsclose.trace.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.Guid;

/** Checks the writer's bytes against the offsets in etl-format.md part A (section numbers in each test). */
class EtlWriterTest {
    static final Guid PROVIDER = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
    static final long T0 = 5_000_000L;

    static int u8(byte[] b, int off) { return b[off] & 0xFF; }
    static int u16(byte[] b, int off) { return Bytes.u16(b, off); }
    static long u32(byte[] b, int off) { return Bytes.u32(b, off); }
    static long u64(byte[] b, int off) { return Bytes.i64(b, off); }

    /** Buffer start offsets, stepping by each header's BufferSize (§A.3). */
    static List<Integer> buffers(byte[] f) {
        List<Integer> out = new ArrayList<>();
        for (int off = 0; off + 0x48 <= f.length; off += (int) u32(f, off)) {
            out.add(off);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void headerBufferAndLogfileHeader(int p) {
        byte[] f = EtlWriter.builder().pointerSize(p).processors(3).t0(T0).startFileTime(EtlOptions.DEFAULT_START)
                .endFileTime(EtlOptions.DEFAULT_START + 777).bootFileTime(123_456L).os(10, 0, 22631)
                .loggerName("Sess").logFileName("C:\\x.etl").eventsLost(5).buffersLost(6).qpcClock(3_579_545)
                .build()
                .kernel(1, T0 + 10, 0x11, 32, 2, 4, 8, new byte[24])
                .toBytes();
        // §A.2 buffer 0: HEADER, FLUSH_MARKER|PROC_INDEX
        int logfileSize = p == 8 ? 0x118 : 0x110;
        int recSize = 0x20 + logfileSize + 10 + 18;
        int filled = 0x48 + ((recSize + 7) & ~7);
        assertThat(u32(f, 0x00)).isEqualTo(65536);
        assertThat(u32(f, 0x04)).as("SavedOffset").isEqualTo(filled);
        assertThat(u64(f, 0x10)).as("TimeStamp").isEqualTo(T0);
        assertThat(u64(f, 0x18)).as("SequenceNumber").isZero();
        assertThat(u16(f, 0x28)).as("ProcessorIndex").isZero();
        assertThat(u32(f, 0x2C)).as("State").isEqualTo(3);
        assertThat(u32(f, 0x30)).as("Offset").isEqualTo(filled);
        assertThat(u16(f, 0x34)).as("BufferFlag").isEqualTo(0x21);
        assertThat(u16(f, 0x36)).as("BufferType").isEqualTo(4);
        // §A.7 record: SYSTEM32/64, Version 2, HookId 0, timestamp t0
        assertThat(u32(f, 0x48)).as("marker").isEqualTo(p == 8 ? 0xC0020002L : 0xC0010002L);
        assertThat(u16(f, 0x4C)).as("Size").isEqualTo(recSize);
        assertThat(u16(f, 0x4E)).as("HookId").isZero();
        assertThat(u64(f, 0x58)).isEqualTo(T0);
        int h = 0x68;
        int s = p == 8 ? 8 : 0;
        assertThat(u32(f, h)).as("BufferSize").isEqualTo(65536);
        assertThat(u32(f, h + 0x04)).as("Version").isEqualTo(0x0501000AL);
        assertThat(u32(f, h + 0x08)).as("ProviderVersion").isEqualTo(22631);
        assertThat(u32(f, h + 0x0C)).as("NumberOfProcessors").isEqualTo(3);
        assertThat(u64(f, h + 0x10)).as("EndTime").isEqualTo(EtlOptions.DEFAULT_START + 777);
        assertThat(u32(f, h + 0x18)).as("TimerResolution").isEqualTo(156_250);
        assertThat(u32(f, h + 0x20)).as("LogFileMode").isEqualTo(1);
        assertThat(u32(f, h + 0x24)).as("BuffersWritten").isEqualTo(2);
        assertThat(u32(f, h + 0x2C)).as("PointerSize").isEqualTo(p);
        assertThat(u32(f, h + 0x30)).as("EventsLost").isEqualTo(5);
        assertThat(u32(f, h + 0x34)).as("CpuSpeedInMHz").isEqualTo(2400);
        assertThat(u64(f, h + 0xF0 + s)).as("BootTime").isEqualTo(123_456L);
        assertThat(u64(f, h + 0xF8 + s)).as("PerfFreq").isEqualTo(3_579_545L);
        assertThat(u64(f, h + 0x100 + s)).as("StartTime").isEqualTo(EtlOptions.DEFAULT_START);
        assertThat(u32(f, h + 0x108 + s)).as("ReservedFlags").isEqualTo(1);
        assertThat(u32(f, h + 0x10C + s)).as("BuffersLost").isEqualTo(6);
        assertThat(new String(f, h + logfileSize, 28, StandardCharsets.UTF_16LE)).isEqualTo("Sess\0C:\\x.etl\0");
        // padding of the record is 0, then the tail is 0xFF up to BufferSize (§A.4)
        for (int i = 0x48 + recSize; i < filled; i++) {
            assertThat(f[i]).isZero();
        }
        for (int i = filled; i < 65536; i++) {
            assertThat(f[i]).isEqualTo((byte) 0xFF);
        }
        // second buffer: GENERIC, PROC_INDEX, cpu 1, seq 1, TimeStamp = its last record
        assertThat(f).hasSize(2 * 65536);
        int b = 65536;
        assertThat(u16(f, b + 0x28)).isEqualTo(1);
        assertThat(u64(f, b + 0x18)).isEqualTo(1);
        assertThat(u64(f, b + 0x10)).isEqualTo(T0 + 10);
        assertThat(u16(f, b + 0x34)).isEqualTo(0x20);
        assertThat(u16(f, b + 0x36)).isZero();
        assertThat(u32(f, b + 0x30)).isEqualTo(0x48 + 0x38).isEqualTo(u32(f, b + 0x04));
    }

    @Test
    void systemTimeClockAnchorsAtStartTime() {
        EtlOptions o = EtlWriter.builder().systemTimeClock().options();
        assertThat(o.t0()).isEqualTo(o.startFileTime());
        byte[] f = new EtlWriter(o).toBytes();
        assertThat(u32(f, 0x68 + 0x110)).isEqualTo(2);
        assertThat(u64(f, 0x58)).isEqualTo(EtlOptions.DEFAULT_START);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void eventHeaderFields(int p) {
        byte[] payload = {1, 2, 3, 4, 5};
        byte[] f = EtlWriter.builder().pointerSize(p).bufferSize(4096).build()
                .event(0, 99, PROVIDER, 1030, 3, 16, 10, 4, 7, 0x8000_0000_0000_0001L, 1234, 5678, List.of(), payload)
                .toBytes();
        int r = 4096 + 0x48;
        assertThat(u16(f, r)).as("Size").isEqualTo(0x50 + 5);
        assertThat(u16(f, r + 0x02)).as("HeaderType").isEqualTo(p == 8 ? 0xC013 : 0xC012);
        assertThat(u16(f, r + 0x04)).as("Flags").isEqualTo(p == 8 ? 0x40 : 0x20);
        assertThat(u32(f, r + 0x08)).as("ThreadId").isEqualTo(5678);
        assertThat(u32(f, r + 0x0C)).as("ProcessId").isEqualTo(1234);
        assertThat(u64(f, r + 0x10)).isEqualTo(99);
        assertThat(HexFormat.of().formatHex(f, r + 0x18, r + 0x28)).isEqualTo("23683ce5b87bbb4490dc3f86090d48a6");
        assertThat(Guid.fromLittleEndian(f, r + 0x18)).isEqualTo(PROVIDER);
        assertThat(u16(f, r + 0x28)).as("Id").isEqualTo(1030);
        assertThat(u8(f, r + 0x2A)).as("Version").isEqualTo(3);
        assertThat(u8(f, r + 0x2B)).as("Channel").isEqualTo(16);
        assertThat(u8(f, r + 0x2C)).as("Level").isEqualTo(4);
        assertThat(u8(f, r + 0x2D)).as("Opcode").isEqualTo(10);
        assertThat(u16(f, r + 0x2E)).as("Task").isEqualTo(7);
        assertThat(u64(f, r + 0x30)).as("Keyword").isEqualTo(0x8000_0000_0000_0001L);
        assertThat(f[r + 0x50]).isEqualTo((byte) 1);
        assertThat(f[r + 0x54]).isEqualTo((byte) 5);
        assertThat(f[r + 0x55]).as("alignment padding").isZero();
        assertThat(u32(f, 4096 + 0x30)).isEqualTo(0x48 + 0x58);
        assertThat(f[4096 + 0x48 + 0x58]).isEqualTo((byte) 0xFF);
    }

    @Test
    void extendedItemsFraming() {
        byte[] f = EtlWriter.builder().bufferSize(4096).build()
                .event(0, 1, PROVIDER, 1, 0, 0, 4, 0, 0, 1, 2,
                        List.of(new ExtItem(0x0C, new byte[11]), new ExtItem(0x0B, new byte[16]), new ExtItem(0x03, new byte[4])),
                        new byte[] {7})
                .toBytes();
        int r = 4096 + 0x48;
        assertThat(u16(f, r + 0x04)).as("Flags").isEqualTo(0x41);
        int x = r + 0x50;
        int[][] want = {{24, 0x0C, 1, 11}, {24, 0x0B, 1, 16}, {16, 0x03, 0, 4}};
        for (int[] w : want) {
            assertThat(new int[] {u16(f, x), u16(f, x + 2), u16(f, x + 4), u16(f, x + 6)}).containsExactly(w);
            x += w[0];
        }
        assertThat(f[x]).as("user data after the last item").isEqualTo((byte) 7);
        assertThat(u16(f, r)).isEqualTo(0x50 + 64 + 1);
    }

    @Test
    void kernelClassicAndWppHeaders() {
        Guid cls = Guid.parse("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c");
        EtlWriter w = EtlWriter.builder().bufferSize(4096).build();
        w.kernel(0, 10, 0x11, 32, 2, 4, 8, new byte[] {9});
        w.compact(0, 11, 0x04, 64, 3, 5, 9, new byte[0]);
        w.perfinfo(0, 12, 0x06, 10, 2, new byte[3]);
        w.classic(0, 13, cls, 1, 4, 3, 6, 10, new byte[2]);
        w.instance(0, 14, cls, 2, 5, 1, 7, 11, 21, 22, PROVIDER, new byte[0]);
        w.wpp(0, 15, 77, PROVIDER, 12, 8, 12, new byte[] {1, 2});
        w.recordPointerSize(4).kernel(0, 16, 0x03, 1, 4, 1, 1, new byte[0]);
        byte[] f = w.toBytes();
        List<EtlWriter.Placement> pl = w.placements();
        int[] offs = pl.stream().mapToInt(x -> 4096 + x.offset()).toArray();
        int a = offs[0]; // SYSTEM64 §A.5.1
        assertThat(u32(f, a)).isEqualTo(0xC0020002L);
        assertThat(new long[] {u16(f, a + 4), u8(f, a + 6), u8(f, a + 7), u32(f, a + 8), u32(f, a + 0xC), u64(f, a + 0x10)})
                .containsExactly(0x21, 32, 0x11, 8, 4, 10);
        assertThat(f[a + 0x20]).isEqualTo((byte) 9);
        assertThat(offs[1]).isEqualTo(a + 0x28);
        int c = offs[1]; // COMPACT64
        assertThat(u32(f, c)).isEqualTo(0xC0040003L);
        assertThat(new long[] {u16(f, c + 4), u16(f, c + 6), u32(f, c + 8), u32(f, c + 0xC), u64(f, c + 0x10)})
                .containsExactly(0x18, 0x0440, 9, 5, 11);
        int pf = offs[2]; // PERFINFO64
        assertThat(u32(f, pf)).isEqualTo(0xC0110002L);
        assertThat(new long[] {u16(f, pf + 4), u16(f, pf + 6), u64(f, pf + 8)}).containsExactly(0x13, 0x060A, 12);
        int fl = offs[3]; // FULL64 §A.5.4
        assertThat(new long[] {u16(f, fl), u8(f, fl + 2), u8(f, fl + 3), u8(f, fl + 4), u8(f, fl + 5), u16(f, fl + 6),
                u32(f, fl + 8), u32(f, fl + 0xC), u64(f, fl + 0x10)}).containsExactly(0x32, 0x14, 0xC0, 1, 4, 3, 10, 6, 13);
        assertThat(Guid.fromLittleEndian(f, fl + 0x18)).isEqualTo(cls);
        int in = offs[4]; // INSTANCE64
        assertThat(new long[] {u16(f, in), u8(f, in + 2), u32(f, in + 0x30), u32(f, in + 0x34)})
                .containsExactly(0x48, 0x15, 21, 22);
        assertThat(Guid.fromLittleEndian(f, in + 0x38)).isEqualTo(PROVIDER);
        int m = offs[5]; // WPP §A.5.5: seq, GUID, timestamp, tid, pid
        assertThat(new long[] {u16(f, m), u8(f, m + 2), u8(f, m + 3), u16(f, m + 4), u16(f, m + 6), u32(f, m + 8),
                u64(f, m + 0x1C), u32(f, m + 0x24), u32(f, m + 0x28), u8(f, m + 0x2C)})
                .containsExactly(0x2E, 0, 0x90, 12, 0xAB, 77, 15, 12, 8, 1);
        assertThat(Guid.fromLittleEndian(f, m + 0x0C)).isEqualTo(PROVIDER);
        assertThat(u32(f, offs[6])).as("SYSTEM32 after recordPointerSize(4)").isEqualTo(0xC0010004L);
        for (int o : offs) {
            assertThat(o % 8).isZero();
        }
        assertThat(u64(f, 4096 + 0x10)).as("buffer TimeStamp = last record").isEqualTo(16);
    }

    @Test
    void cpusInterleaveInFileOrder() {
        EtlWriter w = EtlWriter.builder().processors(2).bufferSize(0x248).build();
        for (int i = 0; i < 40; i++) {
            w.event(0, 100 + 2L * i, PROVIDER, 1, 0, 0, 4, 0, 0, 1, 1, new byte[8]);     // 0x58 bytes: 5 per buffer
            w.event(1, 101 + 2L * i, PROVIDER, 2, 0, 0, 4, 0, 0, 1, 1, new byte[200]);   // 0x118 bytes: 1 per buffer
        }
        byte[] f = w.toBytes();
        List<Integer> bufs = buffers(f);
        assertThat(bufs).hasSize(1 + 8 + 40);
        assertThat(u32(f, 0x68 + 0x24)).as("BuffersWritten").isEqualTo(49);
        List<Integer> cpus = new ArrayList<>();
        long prevFirst = Long.MIN_VALUE;
        boolean fileOrderIsTimeOrder = true;
        long[] lastPerCpu = {Long.MIN_VALUE, Long.MIN_VALUE};
        for (int i = 1; i < bufs.size(); i++) {
            int b = bufs.get(i);
            assertThat(u64(f, b + 0x18)).as("SequenceNumber").isEqualTo(i);
            int cpu = u16(f, b + 0x28);
            cpus.add(cpu);
            long first = u64(f, b + 0x48 + 0x10);
            fileOrderIsTimeOrder &= first >= prevFirst;
            prevFirst = first;
            assertThat(first).isGreaterThanOrEqualTo(lastPerCpu[cpu]);
            lastPerCpu[cpu] = u64(f, b + 0x10);
        }
        assertThat(cpus.subList(0, 3)).containsExactly(1, 1, 1);
        assertThat(cpus).contains(0);
        assertThat(fileOrderIsTimeOrder).isFalse();
        List<EtlWriter.Placement> pl = w.placements();
        assertThat(pl).hasSize(80);
        assertThat(pl.get(1).buffer()).isEqualTo(1);
        assertThat(pl.get(0).buffer()).isEqualTo(cpus.indexOf(0) + 1);
    }

}
