package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.EtlWriter;
import wsclose.trace.testing.ExtItem;
import wsclose.trace.testing.PayloadBuilder;

/** EVENT_RECORD memory (live-mode.md §A.3.2) to EtwEvent, for x64 in real native memory and x86 in a fake space. */
class EventRecordReaderTest {

    /** AfdCleanupFreed (1002) as etl-format.md §B.1 lays it out, plus a TS_ID and a PROCESS_START_KEY item. */
    private static EventRecordImage afdCleanup(int p) {
        EventRecordImage r = new EventRecordImage();
        r.flags = p == 8 ? WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER : WinConst.EVENT_HEADER_FLAG_32_BIT_HEADER;
        r.provider = Providers.WINSOCK_AFD;
        r.id = 1002;
        r.version = 0;
        r.channel = 16;
        r.level = 4;
        r.opcode = 16;
        r.task = 1002;
        r.keywords = 0x8000000000000004L;
        r.processor = 3;
        r.userData = new PayloadBuilder(p).u32(1).u32(4052).ptr(0xffffa50c3e5f2010L & (p == 8 ? -1L : 0xFFFFFFFFL))
                .ptr(p == 8 ? 0xffffa50c40001000L : 0x84001000L).u32(0).build();
        r.ext(0x03, new byte[] {1, 0, 0, 0});
        r.ext(0x0D, new byte[] {9, 8, 7, 6, 5, 4, 3, 2});
        return r;
    }

    private static void assertAfdCleanup(EtwEvent ev, int p) {
        assertThat(ev.kind()).isEqualTo(HeaderKind.EVENT);
        assertThat(ev.provider()).isEqualTo(Providers.WINSOCK_AFD);
        assertThat(ev.id()).isEqualTo(1002);
        assertThat(ev.key()).isEqualTo("id1002");
        assertThat(ev.opcode()).isEqualTo(16);
        assertThat(ev.level()).isEqualTo(4);
        assertThat(ev.task()).isEqualTo(1002);
        assertThat(ev.channel()).isEqualTo(16);
        assertThat(ev.keywords()).isEqualTo(0x8000000000000004L);
        assertThat(ev.pid()).isEqualTo(4242);
        assertThat(ev.tid()).isEqualTo(77);
        assertThat(ev.processor()).isEqualTo(3);
        assertThat(ev.pointerSize()).isEqualTo(p);
        assertThat(ev.headerType()).isEqualTo(p == 8 ? 0x13 : 0x12);
        assertThat(ev.timestamp()).isEqualTo(133_500_000_000_000_000L);
        assertThat(ev.fileTime()).as("real-time stamps are FILETIME already").isEqualTo(133_500_000_000_000_000L);
        assertThat(ev.payloadLength()).isEqualTo(p == 8 ? 28 : 20);
        var pl = ev.payload();
        assertThat(pl.getInt(0)).isEqualTo(1);
        assertThat(pl.getInt(4)).isEqualTo(4052);
        if (p == 8) {
            assertThat(pl.getLong(16)).isEqualTo(0xffffa50c40001000L);
        } else {
            assertThat(pl.getInt(12) & 0xFFFFFFFFL).isEqualTo(0x84001000L);
        }
        // .etl framing of the items (etl-format.md §A.5.3): total size, type, linkage, data size, data padded to 8.
        var x = ev.extendedData();
        assertThat(ev.extendedLength()).isEqualTo(32);
        assertThat(x.getShort(0)).isEqualTo((short) 16);
        assertThat(x.getShort(2)).isEqualTo((short) 3);
        assertThat(x.getShort(4)).isEqualTo((short) 1);
        assertThat(x.getShort(6)).isEqualTo((short) 4);
        assertThat(x.getInt(8)).isEqualTo(1);
        assertThat(x.getShort(16)).isEqualTo((short) 16);
        assertThat(x.getShort(18)).isEqualTo((short) 0x0D);
        assertThat(x.getShort(20)).isEqualTo((short) 0);
        assertThat(x.getLong(24)).isEqualTo(0x0203040506070809L);
    }

    @Test
    void x64RecordInNativeMemory() {
        EventRecordImage img = afdCleanup(8);
        Pointer rec = img.toNative();
        EtwEvent ev = new EventRecordReader(8, NativeMemory.JNA).read(Pointer.nativeValue(rec), new EtwEvent());
        assertAfdCleanup(ev, 8);
    }

    @Test
    void x86RecordInA32BitAddressSpace() {
        FakeAddressSpace space = new FakeAddressSpace();
        long rec = afdCleanup(4).writeTo(space, 4);
        EtwEvent ev = new EventRecordReader(4, space).read(rec, new EtwEvent());
        assertAfdCleanup(ev, 4);
    }

    @Test
    void pointerSizeFlagsWinOverTheReaderDefault() {
        EventRecordImage img = afdCleanup(8);
        img.flags &= ~WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER;
        FakeAddressSpace space = new FakeAddressSpace();
        assertThat(new EventRecordReader(8, space).read(img.writeTo(space, 8), new EtwEvent()).pointerSize())
                .as("no flag: the consumer's own pointer size").isEqualTo(8);
        img.flags |= WinConst.EVENT_HEADER_FLAG_32_BIT_HEADER;
        assertThat(new EventRecordReader(8, space).read(img.writeTo(space, 8), new EtwEvent()).pointerSize())
                .as("a 32-bit provider on a 64-bit OS").isEqualTo(4);
    }

    @Test
    void processorIndexFlagSelectsTheWideProcessorField() {
        EventRecordImage img = afdCleanup(8);
        img.processor = 0x0102; // ProcessorNumber byte 2, Alignment byte 1
        FakeAddressSpace space = new FakeAddressSpace();
        assertThat(new EventRecordReader(8, space).read(img.writeTo(space, 8), new EtwEvent()).processor()).isEqualTo(2);
        img.flags |= WinConst.EVENT_HEADER_FLAG_PROCESSOR_INDEX;
        assertThat(new EventRecordReader(8, space).read(img.writeTo(space, 8), new EtwEvent()).processor())
                .isEqualTo(0x0102);
    }

    @Test
    void classicKernelEventsBecomeSystemEventsKeyedByOpcode() {
        EventRecordImage img = new EventRecordImage();
        img.flags = WinConst.EVENT_HEADER_FLAG_CLASSIC_HEADER | WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER;
        img.provider = Providers.KERNEL_PROCESS;
        img.opcode = 2; // Process/End
        img.version = 4;
        img.level = 4;
        img.userData = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        FakeAddressSpace space = new FakeAddressSpace();
        EtwEvent ev = new EventRecordReader(8, space).read(img.writeTo(space, 8), new EtwEvent());
        assertThat(ev.kind()).isEqualTo(HeaderKind.SYSTEM);
        assertThat(ev.key()).isEqualTo("op2");
        assertThat(ev.version()).isEqualTo(4);
        assertThat(ev.provider()).isEqualTo(Providers.KERNEL_PROCESS);
        assertThat(ev.payloadBytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

        img.provider = wsclose.trace.etw.Guid.parse("11111111-2222-3333-4444-555555555555");
        ev = new EventRecordReader(8, space).read(img.writeTo(space, 8), new EtwEvent());
        assertThat(ev.kind()).isEqualTo(HeaderKind.CLASSIC);
        assertThat(ev.key()).isEqualTo("type2");
        assertThat(ev.level()).isEqualTo(4);
    }

    @Test
    void aReusedReaderDoesNotLeakTheEarlierRecord() {
        FakeAddressSpace space = new FakeAddressSpace();
        EventRecordReader reader = new EventRecordReader(8, space);
        EtwEvent ev = new EtwEvent();
        reader.read(afdCleanup(8).writeTo(space, 8), ev);
        EventRecordImage small = new EventRecordImage();
        small.provider = Providers.TCPIP;
        small.id = 1051;
        small.userData = new byte[] {7};
        reader.read(small.writeTo(space, 8), ev);
        assertThat(ev.extendedLength()).isZero();
        assertThat(ev.payloadBytes()).containsExactly(7);
        assertThat(ev.provider()).isEqualTo(Providers.TCPIP);
    }

    /** The same events written to an .etl and read by EtlFile, versus EVENT_RECORDs read by this reader. */
    @Test
    void producesWhatTheFileReaderProducesForTheSameEvents(@TempDir Path dir) throws Exception {
        EventRecordImage afd = afdCleanup(8);
        afd.userData = java.util.Arrays.copyOf(afd.userData, 32); // a multiple of 8: the file pads records
        EventRecordImage proc = new EventRecordImage();
        proc.flags = WinConst.EVENT_HEADER_FLAG_CLASSIC_HEADER | WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER;
        proc.provider = Providers.KERNEL_PROCESS;
        proc.opcode = 1;
        proc.version = 4;
        proc.timestamp += 10;
        proc.processor = 3;
        proc.userData = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};

        Path etl = dir.resolve("same.etl");
        EtlWriter.builder().pointerSize(8).processors(4).build()
                .event(3, afd.timestamp, afd.provider, afd.id, afd.version, afd.channel, afd.opcode, afd.level,
                        afd.task, afd.keywords, afd.pid, afd.tid,
                        List.of(new ExtItem(0x03, (byte[]) afd.ext.get(0)[1]), new ExtItem(0x0D, (byte[]) afd.ext.get(1)[1])),
                        afd.userData)
                .kernel(3, proc.timestamp, 0x03, 1, 4, proc.pid, proc.tid, proc.userData)
                .writeTo(etl);
        List<EtwEvent> fromFile = new ArrayList<>();
        try (EtlFile f = EtlFile.open(etl)) {
            f.forEach(e -> {
                if (!e.provider().equals(Providers.KERNEL_EVENT_TRACE)) {
                    fromFile.add(e.copy());
                }
            });
        }
        assertThat(fromFile).hasSize(2);

        EventRecordReader reader = new EventRecordReader(8, NativeMemory.JNA);
        EtwEvent live0 = reader.read(Pointer.nativeValue(afd.toNative()), new EtwEvent()).copy();
        EtwEvent live1 = reader.read(Pointer.nativeValue(proc.toNative()), new EtwEvent()).copy();
        assertSame(live0, fromFile.get(0));
        assertSame(live1, fromFile.get(1));
    }

    private static void assertSame(EtwEvent live, EtwEvent file) {
        assertThat(live.kind()).isEqualTo(file.kind());
        assertThat(live.headerType()).isEqualTo(file.headerType());
        assertThat(live.key()).isEqualTo(file.key());
        assertThat(live.provider()).isEqualTo(file.provider());
        assertThat(live.version()).isEqualTo(file.version());
        assertThat(live.opcode()).isEqualTo(file.opcode());
        assertThat(live.level()).isEqualTo(file.level());
        assertThat(live.task()).isEqualTo(file.task());
        assertThat(live.channel()).isEqualTo(file.channel());
        assertThat(live.keywords()).isEqualTo(file.keywords());
        assertThat(live.hasKeywords()).isEqualTo(file.hasKeywords());
        assertThat(live.pid()).isEqualTo(file.pid());
        assertThat(live.tid()).isEqualTo(file.tid());
        assertThat(live.processor()).isEqualTo(file.processor());
        assertThat(live.flags()).isEqualTo(file.flags());
        assertThat(live.pointerSize()).isEqualTo(file.pointerSize());
        assertThat(live.timestamp()).isEqualTo(file.timestamp());
        assertThat(live.payloadBytes()).isEqualTo(file.payloadBytes());
        byte[] a = new byte[live.extendedLength()];
        live.extendedData().get(a);
        byte[] b = new byte[file.extendedLength()];
        file.extendedData().get(b);
        assertThat(a).isEqualTo(b);
    }
}
