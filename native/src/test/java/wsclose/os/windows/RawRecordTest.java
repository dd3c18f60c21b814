package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.PayloadBuilder;

/**
 * The blob format native-dump records EVENT_RECORDs in ({@link EventRecordReader#raw}) can be replayed: loading it
 * into another address space, with its pointers relocated, reads back as the same event. This is how fixtures
 * recorded on a Windows machine will feed the reader tests.
 */
class RawRecordTest {

    /** Places a recorded blob into {@code space} and returns the relocated EVENT_RECORD's address. */
    static long load(byte[] blob, FakeAddressSpace space, int p) {
        int recSize = Bytes.i32(blob, 0);
        byte[] rec = Arrays.copyOfRange(blob, 4, 4 + recSize);
        int at = 4 + recSize;
        int count = Bytes.u16(rec, 84);
        byte[] items = new byte[16 * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(blob, at, items, 16 * i, 16);
            int size = Bytes.u16(items, 16 * i + 6);
            Bytes.put64(items, 16 * i + 8, space.put(Arrays.copyOfRange(blob, at + 16, at + 16 + size)));
            at += 16 + size;
        }
        long itemsAt = count == 0 ? 0 : space.put(items);
        long userAt = at == blob.length ? 0 : space.put(Arrays.copyOfRange(blob, at, blob.length));
        int userOff = EventRecordReader.userDataOffset(p);
        if (p == 8) {
            Bytes.put64(rec, 88, itemsAt);
            Bytes.put64(rec, userOff, userAt);
        } else {
            Bytes.put32(rec, 88, (int) itemsAt);
            Bytes.put32(rec, userOff, (int) userAt);
        }
        return space.put(rec);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aRecordedBlobReplaysAsTheSameEvent(int p) {
        EventRecordImage img = new EventRecordImage();
        img.flags = p == 8 ? WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER : WinConst.EVENT_HEADER_FLAG_32_BIT_HEADER;
        img.provider = Providers.WINSOCK_AFD;
        img.id = 1032;
        img.level = 2;
        img.userData = new PayloadBuilder(p).u32(2).u32(7).ptr(0x8000_1000L).ptr(0x8000_2000L).u32(5).build();
        img.ext(0x0D, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        img.ext(0x03, new byte[] {9, 0, 0, 0});

        byte[] blob;
        EtwEvent direct;
        if (p == 8) {
            Pointer rec = img.toNative();
            blob = EventRecordReader.raw(NativeMemory.JNA, 8, Pointer.nativeValue(rec));
            direct = new EventRecordReader(8, NativeMemory.JNA).read(Pointer.nativeValue(rec), new EtwEvent()).copy();
        } else {
            FakeAddressSpace recorded = new FakeAddressSpace();
            long rec = img.writeTo(recorded, 4);
            blob = EventRecordReader.raw(recorded, 4, rec);
            direct = new EventRecordReader(4, recorded).read(rec, new EtwEvent()).copy();
        }
        FakeAddressSpace replay = new FakeAddressSpace();
        EtwEvent again = new EventRecordReader(p, replay).read(load(blob, replay, p), new EtwEvent());
        assertThat(again.key()).isEqualTo("id1032");
        assertThat(again.payloadBytes()).isEqualTo(direct.payloadBytes()).isEqualTo(img.userData);
        byte[] a = new byte[again.extendedLength()];
        again.extendedData().get(a);
        byte[] b = new byte[direct.extendedLength()];
        direct.extendedData().get(b);
        assertThat(a).isEqualTo(b).hasSize(32);
        assertThat(again.pointerSize()).isEqualTo(p);
        assertThat(again.level()).isEqualTo(2);
    }
}
