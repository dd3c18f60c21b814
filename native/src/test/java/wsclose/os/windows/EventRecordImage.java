package wsclose.os.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.Guid;

/**
 * Builds EVENT_RECORD memory exactly as the EventRecordCallback sees it, at the offsets of live-mode.md §A.3.2
 * (EVENT_RECORD x64 112 / x86 104 bytes) and etl-format.md §A.5.2 (EVENT_HEADER): the record, its UserData and
 * its EVENT_HEADER_EXTENDED_DATA_ITEM array each in a separate block, joined by pointers.
 */
final class EventRecordImage {
    int flags = WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER;
    int pid = 4242;
    int tid = 77;
    long timestamp = 133_500_000_000_000_000L;
    Guid provider = Guid.ZERO;
    int id;
    int version;
    int channel;
    int level;
    int opcode;
    int task;
    long keywords;
    int processor;
    byte[] userData = new byte[0];
    final List<Object[]> ext = new ArrayList<>(); // {Integer type, byte[] data}
    private final List<Memory> keepAlive = new ArrayList<>();

    EventRecordImage ext(int type, byte[] data) {
        ext.add(new Object[] {type, data});
        flags |= WinConst.EVENT_HEADER_FLAG_EXTENDED_INFO;
        return this;
    }

    /** The record bytes, with pointers {@code userPtr} and {@code extPtr} filled in. */
    byte[] record(int pointerSize, long userPtr, long extPtr) {
        byte[] r = new byte[EventRecordReader.recordSize(pointerSize)];
        Bytes.put16(r, 0, 80 + userData.length);
        Bytes.put16(r, 4, flags);
        Bytes.put32(r, 8, tid);
        Bytes.put32(r, 12, pid);
        Bytes.put64(r, 16, timestamp);
        provider.writeLittleEndian(r, 24);
        Bytes.put16(r, 40, id);
        r[42] = (byte) version;
        r[43] = (byte) channel;
        r[44] = (byte) level;
        r[45] = (byte) opcode;
        Bytes.put16(r, 46, task);
        Bytes.put64(r, 48, keywords);
        Bytes.put16(r, 80, processor); // ProcessorIndex (or ProcessorNumber in the low byte)
        Bytes.put16(r, 84, ext.size());
        Bytes.put16(r, 86, userData.length);
        if (pointerSize == 8) {
            Bytes.put64(r, 88, extPtr);
            Bytes.put64(r, 96, userPtr);
        } else {
            Bytes.put32(r, 88, (int) extPtr);
            Bytes.put32(r, 92, (int) userPtr);
        }
        return r;
    }

    /** The EVENT_HEADER_EXTENDED_DATA_ITEM array (16 bytes each; DataPtr a ULONGLONG on both). */
    byte[] items(long[] dataPtrs) {
        byte[] a = new byte[16 * ext.size()];
        for (int i = 0; i < ext.size(); i++) {
            Bytes.put16(a, 16 * i + 2, (Integer) ext.get(i)[0]);
            Bytes.put16(a, 16 * i + 4, i < ext.size() - 1 ? 1 : 0);
            Bytes.put16(a, 16 * i + 6, ((byte[]) ext.get(i)[1]).length);
            Bytes.put64(a, 16 * i + 8, dataPtrs[i]);
        }
        return a;
    }

    /** Lays the record out in a fake 32- or 64-bit address space; returns the record's address. */
    long writeTo(FakeAddressSpace space, int pointerSize) {
        long[] ptrs = new long[ext.size()];
        for (int i = 0; i < ext.size(); i++) {
            ptrs[i] = space.put((byte[]) ext.get(i)[1]);
        }
        long extPtr = ext.isEmpty() ? 0 : space.put(items(ptrs));
        long userPtr = userData.length == 0 ? 0 : space.put(userData);
        return space.put(record(pointerSize, userPtr, extPtr));
    }

    /** Lays the record out in real native memory (x64 layout on this 64-bit JVM), as ETW would. */
    Pointer toNative() {
        long[] ptrs = new long[ext.size()];
        for (int i = 0; i < ext.size(); i++) {
            ptrs[i] = address(block((byte[]) ext.get(i)[1]));
        }
        long extPtr = ext.isEmpty() ? 0 : address(block(items(ptrs)));
        long userPtr = userData.length == 0 ? 0 : address(block(userData));
        return block(record(8, userPtr, extPtr));
    }

    private Memory block(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        keepAlive.add(m);
        return m;
    }

    private static long address(Pointer p) {
        return Pointer.nativeValue(p);
    }
}
