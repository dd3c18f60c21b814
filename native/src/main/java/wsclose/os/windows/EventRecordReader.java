package wsclose.os.windows;

import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.etw.TimeBase;

/**
 * EVENT_RECORD memory, as the EventRecordCallback sees it, to the {@link EtwEvent} the .etl reader would have
 * produced for the same record, so the same decoders run on both (live-mode.md §A.3.5).
 *
 * <p>Offsets: live-mode.md §A.3.2 (EVENT_RECORD 112/104 bytes, UserData at 96/92) and etl-format.md §A.5.2
 * (EVENT_HEADER, identical on x86 and x64). Extended items arrive as an array of 16-byte
 * EVENT_HEADER_EXTENDED_DATA_ITEMs pointing elsewhere; they are re-framed the way an .etl buffer holds them
 * (§A.5.3: u16 total size, u16 type, u16 linkage, u16 data size, data padded to 8), so
 * {@link EtwEvent#extendedData()} reads the same for both sources.
 *
 * <p>Classic events (EVENT_HEADER_FLAG_CLASSIC_HEADER) carry their MOF class GUID as ProviderId and the event
 * type as Opcode. For kernel groups the file reader yields {@link HeaderKind#SYSTEM} keyed by opcode, for other
 * MOF classes {@link HeaderKind#CLASSIC}; this reader does the same. Timestamps are FILETIME because the session
 * is consumed without PROCESS_TRACE_MODE_RAW_TIMESTAMP, hence {@link TimeBase#IDENTITY}.
 *
 * <p>One reader serves one consumer thread: it reuses its buffers, as the file reader does.
 */
final class EventRecordReader {
    private static final int EXTENDED_DATA = 88;
    private static final int ITEM = 16;

    private final int pointerSize;
    private final NativeMemory memory;
    private final byte[] header;
    private final byte[] item = new byte[ITEM];
    private byte[] data = new byte[4096];
    private int[] itemType = new int[4];
    private int[] itemSize = new int[4];
    private long[] itemPtr = new long[4];
    private Guid lastProvider = Guid.ZERO;

    EventRecordReader(int pointerSize, NativeMemory memory) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size must be 4 or 8, not " + pointerSize);
        }
        this.pointerSize = pointerSize;
        this.memory = memory;
        this.header = new byte[recordSize(pointerSize)];
    }

    static int recordSize(int pointerSize) {
        return pointerSize == 8 ? 112 : 104;
    }

    static int userDataOffset(int pointerSize) {
        return pointerSize == 8 ? 96 : 92;
    }

    static int extendedDataOffset() {
        return EXTENDED_DATA;
    }

    /**
     * The EVENT_RECORD at {@code address} as one relocatable blob, for fixtures recorded on Windows: u32 record
     * size, the record bytes as they are in memory, then per extended item its 16-byte
     * EVENT_HEADER_EXTENDED_DATA_ITEM and DataSize bytes of data, then UserDataLength bytes of user data. The
     * pointers inside keep their recorded values; a loader points them at wherever it places the parts.
     */
    static byte[] raw(NativeMemory memory, int pointerSize, long address) {
        byte[] rec = new byte[recordSize(pointerSize)];
        memory.read(address, rec, 0, rec.length);
        int extCount = Bytes.u16(rec, 84);
        int userLength = Bytes.u16(rec, 86);
        long extPtr = pointerSize == 8 ? Bytes.i64(rec, EXTENDED_DATA) : Bytes.u32(rec, EXTENDED_DATA);
        int userOff = userDataOffset(pointerSize);
        long userPtr = pointerSize == 8 ? Bytes.i64(rec, userOff) : Bytes.u32(rec, userOff);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        byte[] len = new byte[4];
        Bytes.put32(len, 0, rec.length);
        out.writeBytes(len);
        out.writeBytes(rec);
        byte[] item = new byte[ITEM];
        for (int i = 0; extPtr != 0 && i < extCount; i++) {
            memory.read(extPtr + (long) ITEM * i, item, 0, ITEM);
            out.writeBytes(item);
            byte[] d = new byte[Bytes.u16(item, 6)];
            long p = Bytes.i64(item, 8);
            if (d.length > 0 && p != 0) {
                memory.read(p, d, 0, d.length);
            }
            out.writeBytes(d);
        }
        byte[] user = new byte[userPtr == 0 ? 0 : userLength];
        if (user.length > 0) {
            memory.read(userPtr, user, 0, user.length);
        }
        out.writeBytes(user);
        return out.toByteArray();
    }

    /** Fills {@code ev} from the EVENT_RECORD at {@code address}; the event stays valid until the next call. */
    EtwEvent read(long address, EtwEvent ev) {
        memory.read(address, header, 0, header.length);
        int flags = Bytes.u16(header, 4);
        int extCount = Bytes.u16(header, 84);
        int userLength = Bytes.u16(header, 86);
        long extPtr = pointer(EXTENDED_DATA);
        long userPtr = pointer(userDataOffset(pointerSize));

        int extLength = extPtr == 0 ? 0 : readItemHeaders(extPtr, extCount);
        int items = extPtr == 0 ? 0 : extCount;
        if (data.length < extLength + userLength) {
            data = new byte[Math.max(extLength + userLength, data.length * 2)];
        }
        int at = 0;
        for (int i = 0; i < items; i++) {
            int total = 8 + align8(itemSize[i]);
            java.util.Arrays.fill(data, at, at + total, (byte) 0);
            Bytes.put16(data, at, total);
            Bytes.put16(data, at + 2, itemType[i]);
            Bytes.put16(data, at + 4, i < items - 1 ? 1 : 0);
            Bytes.put16(data, at + 6, itemSize[i]);
            if (itemSize[i] > 0 && itemPtr[i] != 0) {
                memory.read(itemPtr[i], data, at + 8, itemSize[i]);
            }
            at += total;
        }
        if (userLength > 0 && userPtr != 0) {
            memory.read(userPtr, data, extLength, userLength);
        } else {
            userLength = 0;
        }
        fill(ev, flags);
        if (extLength > 0) {
            ev.extended(0, extLength);
        }
        return ev.payload(data, extLength, userLength).position(-1, -1, -1, Bytes.u16(header, 0));
    }

    private void fill(EtwEvent ev, int flags) {
        long ts = Bytes.i64(header, 16);
        Guid provider = provider();
        int id = Bytes.u16(header, 40);
        int version = header[42] & 0xFF;
        int channel = header[43] & 0xFF;
        int level = header[44] & 0xFF;
        int opcode = header[45] & 0xFF;
        int task = Bytes.u16(header, 46);
        int p = (flags & WinConst.EVENT_HEADER_FLAG_32_BIT_HEADER) != 0 ? 4
                : (flags & WinConst.EVENT_HEADER_FLAG_64_BIT_HEADER) != 0 ? 8 : pointerSize;
        int cpu = (flags & WinConst.EVENT_HEADER_FLAG_PROCESSOR_INDEX) != 0 ? Bytes.u16(header, 80) : header[80] & 0xFF;
        int pid = Bytes.i32(header, 12);
        int tid = Bytes.i32(header, 8);
        if ((flags & WinConst.EVENT_HEADER_FLAG_CLASSIC_HEADER) != 0) {
            if (isKernelGroup(provider)) {
                ev.set(HeaderKind.SYSTEM, p == 8 ? 0x02 : 0x01, ts, provider, opcode, version);
            } else {
                ev.set(HeaderKind.CLASSIC, p == 8 ? 0x14 : 0x0A, ts, provider, opcode, version).level(level);
            }
            ev.timeBase(TimeBase.IDENTITY).process(pid, tid).pointerSize(p);
        } else {
            ev.set(HeaderKind.EVENT, p == 8 ? 0x13 : 0x12, ts, provider, id, version)
                    .timeBase(TimeBase.IDENTITY)
                    .process(pid, tid)
                    .descriptor(opcode, level, task, channel)
                    .keywords(Bytes.i64(header, 48))
                    .flags(flags)
                    .pointerSize(p);
        }
        ev.processor(cpu);
    }

    private static boolean isKernelGroup(Guid g) {
        return Providers.name(g).map(n -> n.startsWith("Kernel/")).orElse(false);
    }

    /** Reads the item array; returns the bytes the .etl framing of all items takes. */
    private int readItemHeaders(long extPtr, int count) {
        if (itemType.length < count) {
            itemType = new int[count];
            itemSize = new int[count];
            itemPtr = new long[count];
        }
        int total = 0;
        for (int i = 0; i < count; i++) {
            memory.read(extPtr + (long) ITEM * i, item, 0, ITEM);
            itemType[i] = Bytes.u16(item, 2);
            itemSize[i] = Bytes.u16(item, 6);
            itemPtr[i] = Bytes.i64(item, 8);
            total += 8 + align8(itemSize[i]);
        }
        return total;
    }

    /** The provider GUID, reusing the previous instance when it repeats (most events come from few providers). */
    private Guid provider() {
        long msb = Guid.msbFromLittleEndian(header, 24);
        long lsb = Guid.lsbFromLittleEndian(header, 24);
        if (msb != lastProvider.msb() || lsb != lastProvider.lsb()) {
            lastProvider = new Guid(msb, lsb);
        }
        return lastProvider;
    }

    private long pointer(int off) {
        return pointerSize == 8 ? Bytes.i64(header, off) : Bytes.u32(header, off);
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }
}
