package wsclose.trace.etl;

import wsclose.trace.etw.Bytes;

/**
 * One WMI_BUFFER_HEADER: the 0x48 bytes in front of every ETL buffer, the same in 32- and 64-bit
 * Windows (etl-format.md §A.2, from PHNT ntwmi.h and Geoff Chappell's WMI_BUFFER_HEADER page).
 *
 * @param fileOffset where the header starts in the file
 * @param index      0-based position of the buffer in file order
 * @param bufferSize bytes this buffer occupies in the file (compressed buffers: the compressed size)
 * @param filled     end of valid data from the buffer start, header included ("Offset"/FilledBytes;
 *                   for compressed buffers measured in the inflated buffer)
 * @param processor  the CPU that filled it (ProcessorIndex with PROC_INDEX, else the u8 number)
 */
record BufferHeader(long fileOffset, long index, long bufferSize, long savedOffset, long timestamp,
                    long sequence, int processor, long filled, int flags, int type) {

    static final int SIZE = 0x48;

    static final int FLAG_EVENTS_LOST = 0x0002;
    static final int FLAG_BUFFER_LOST = 0x0004;
    static final int FLAG_PROC_INDEX = 0x0020;
    static final int FLAG_COMPRESSED = 0x0040;

    static final int TYPE_RUNDOWN = 1;
    static final int TYPE_CTX_SWAP = 2;
    static final int TYPE_HEADER = 4;

    /** Field offsets (§A.2). */
    private static final int OFF_BUFFER_SIZE = 0x00;
    private static final int OFF_SAVED_OFFSET = 0x04;
    private static final int OFF_TIMESTAMP = 0x10;
    private static final int OFF_SEQUENCE = 0x18;
    private static final int OFF_PROCESSOR = 0x28;
    private static final int OFF_FILLED = 0x30;
    private static final int OFF_FLAGS = 0x34;
    private static final int OFF_TYPE = 0x36;
    /** ETW_PROCESSOR_INDEX_MASK (PHNT). */
    private static final int PROCESSOR_INDEX_MASK = 0x07FF;

    static BufferHeader parse(byte[] b, int off, long fileOffset, long index) {
        int flags = Bytes.u16(b, off + OFF_FLAGS);
        // Windows 8+ sets PROC_INDEX and stores a u16 index; Windows 7 stores a u8 processor number
        // followed by an alignment byte (corpus expected/README.md, "processor" column).
        int processor = (flags & FLAG_PROC_INDEX) != 0
                ? Bytes.u16(b, off + OFF_PROCESSOR) & PROCESSOR_INDEX_MASK
                : Bytes.u8(b, off + OFF_PROCESSOR);
        return new BufferHeader(fileOffset, index,
                Bytes.u32(b, off + OFF_BUFFER_SIZE), Bytes.u32(b, off + OFF_SAVED_OFFSET),
                Bytes.i64(b, off + OFF_TIMESTAMP), Bytes.i64(b, off + OFF_SEQUENCE), processor,
                Bytes.u32(b, off + OFF_FILLED), flags, Bytes.u16(b, off + OFF_TYPE));
    }

    boolean compressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    boolean eventsLost() {
        return (flags & FLAG_EVENTS_LOST) != 0;
    }

    boolean bufferLost() {
        return (flags & FLAG_BUFFER_LOST) != 0;
    }

    String where() {
        return "byte offset 0x" + Long.toHexString(fileOffset) + " (buffer " + index + ")";
    }
}
