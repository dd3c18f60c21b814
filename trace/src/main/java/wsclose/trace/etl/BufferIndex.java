package wsclose.trace.etl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The buffers of a file, found by stepping from each header to the next by its BufferSize (never by
 * a fixed stride: compressed buffers differ in size; etl-format.md §A.1, §A.3), and grouped into
 * streams that are each in time order: one per processor, plus one per processor for rundown buffers
 * (§A.9). Two longs and an int per buffer are kept (file offset, file-order index, and the bytes to read it in
 * one go), so memory does not depend on buffer contents; buffer headers are re-read when a buffer is loaded.
 */
final class BufferIndex {
    /** Stream of buffers in file order: parallel arrays of file offsets and file-order indexes. */
    static final class Stream {
        final int key;
        long[] offsets = new long[16];
        long[] indexes = new long[16];
        /**
         * Per buffer, its FilledBytes when it is uncompressed and that many bytes (header included) are all it needs
         * to be read: one read instead of the header's and then the buffer's (BufferLoader.loadWhole); else 0.
         */
        int[] wholes = new int[16];
        /** The latest raw flush time (WMI_BUFFER_HEADER.TimeStamp, §A.2): where a cut file's missing tail begins. */
        long lastFlush = Long.MIN_VALUE;
        int size;

        Stream(int key) {
            this.key = key;
        }

        /** Buffers {@code [from, to)} of this stream, as a stream of their own (the file-order walk split in parts). */
        Stream slice(int from, int to) {
            Stream s = new Stream(key);
            s.offsets = Arrays.copyOfRange(offsets, from, Math.max(to, from + 1));
            s.indexes = Arrays.copyOfRange(indexes, from, Math.max(to, from + 1));
            s.wholes = Arrays.copyOfRange(wholes, from, Math.max(to, from + 1));
            s.size = to - from;
            s.lastFlush = lastFlush;
            return s;
        }

        void add(long offset, long index, long timestamp, int whole) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                indexes = Arrays.copyOf(indexes, size * 2);
                wholes = Arrays.copyOf(wholes, size * 2);
            }
            offsets[size] = offset;
            indexes[size] = index;
            wholes[size] = whole;
            lastFlush = Math.max(lastFlush, timestamp);
            size++;
        }
    }

    final Map<Integer, Stream> streams = new LinkedHashMap<>();
    /** Every buffer with trace records, in file order. */
    final Stream fileOrder = new Stream(-1);
    long buffers;
    long compressedBuffers;
    long contextSwapBuffers;
    long buffersFlaggedLost;
    long buffersFlaggedEventsLost;
    /** Bytes of the file covered by buffers (the rest is a zero tail or unreadable). */
    long bytesFramed;
    /** The latest raw timestamp of a data buffer (when it was flushed), for estimating a clock the header lost. */
    long lastBufferTimestamp = Long.MIN_VALUE;
    /** Bytes stepped over to resynchronise after damaged buffer headers. */
    long bytesSkipped;

    static BufferIndex scan(FileChannel ch, long fileSize, int maxBufferBytes, ReadProblems problems) throws IOException {
        return scan(ch, fileSize, maxBufferBytes, problems, 0);
    }

    /**
     * @param stride the size of every buffer when the session wrote fixed-size, uncompressed buffers (the logfile
     *               header's BufferSize), 0 when sizes vary (compressed); used to step over a buffer whose header is
     *               damaged
     */
    static BufferIndex scan(FileChannel ch, long fileSize, int maxBufferBytes, ReadProblems problems, long stride)
            throws IOException {
        BufferIndex index = new BufferIndex();
        byte[] hb = new byte[BufferHeader.SIZE];
        BufferLoader reader = new BufferLoader(ch, fileSize, maxBufferBytes, problems);
        long off = 0;
        long i = 0;
        while (off < fileSize) {
            int n = reader.read(hb, 0, BufferHeader.SIZE, off);
            if (n < BufferHeader.SIZE) {
                problems.incomplete("byte offset 0x" + Long.toHexString(off) + " (buffer " + i
                        + "): the file ends " + n + " bytes into a 72-byte buffer header; the file is truncated");
                break;
            }
            BufferHeader h = BufferHeader.parse(hb, 0, off, i);
            if (h.bufferSize() == 0 && zeroTail(reader, off, fileSize)) {
                break; // zero-filled tail of a preallocated file: end of data (§A.1)
            }
            // Where a header is due, its framing fields decide: a FilledBytes that lies is the loader's to note and
            // bound, and must not cost the buffers after this one (a resync checks headers more strictly).
            if (!frameable(h, maxBufferBytes)) {
                long next = Resync.next(reader, off, fileSize, maxBufferBytes, stride);
                String found = h.bufferSize() < BufferHeader.SIZE || h.bufferSize() > maxBufferBytes
                        ? "expected BufferSize between 72 and " + maxBufferBytes + ", found " + h.bufferSize()
                        : "expected a buffer header, found FilledBytes " + h.filled() + ", flags 0x"
                                + Integer.toHexString(h.flags()) + ", type " + h.type();
                if (next < 0) {
                    problems.incomplete(h.where() + ": " + found + "; no valid buffer header follows, so the remaining "
                            + (fileSize - off) + " bytes cannot be framed");
                    break;
                }
                problems.damagedBuffer(h.where() + ": " + found + "; skipped " + (next - off)
                        + " bytes to the next valid buffer header at byte offset 0x" + Long.toHexString(next));
                index.bytesSkipped += next - off;
                off = next;
                i++;
                continue;
            }
            boolean truncated = off + h.bufferSize() > fileSize;
            if (truncated) {
                problems.incomplete(h.where() + ": the file ends inside this buffer (BufferSize " + h.bufferSize()
                        + ", " + (fileSize - off) + " bytes present); the file is truncated");
            }
            index.add(h, whole(h, maxBufferBytes, fileSize));
            off += h.bufferSize();
            i++;
        }
        index.bytesFramed = Math.min(off, fileSize) - index.bytesSkipped;
        return index;
    }

    /**
     * Whether a header could be a real WMI_BUFFER_HEADER (§A.2): BufferSize in range, FilledBytes within it (within
     * the session's maximum for compressed buffers, whose BufferSize is the compressed size), only the flag bits
     * Windows defines (0x01 flush marker ... 0x40 compressed), a small buffer type.
     */
    static boolean plausible(BufferHeader h, int maxBufferBytes) {
        if (!frameable(h, maxBufferBytes)) {
            return false;
        }
        long limit = h.compressed() ? maxBufferBytes : h.bufferSize();
        return h.filled() <= limit && (h.filled() >= BufferHeader.SIZE || h.filled() == 0);
    }

    /** The fields that frame a buffer are sane: BufferSize in range, known flag bits, a small type. */
    static boolean frameable(BufferHeader h, int maxBufferBytes) {
        if (h.bufferSize() < BufferHeader.SIZE || h.bufferSize() > maxBufferBytes) {
            return false;
        }
        return (h.flags() & ~0x7F) == 0 && h.type() <= 15;
    }

    /** A zero BufferSize ends the data only when the rest of the file is zeros (a preallocated tail). */
    private static boolean zeroTail(BufferLoader reader, long off, long fileSize) throws IOException {
        byte[] b = new byte[64 << 10];
        for (long p = off; p < fileSize; p += b.length) {
            int n = reader.read(b, 0, (int) Math.min(b.length, fileSize - p), p);
            for (int k = 0; k < n; k++) {
                if (b[k] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link Stream#wholes}: what a plain read of {@code h}'s buffer takes, when the loader would read just that. */
    private static int whole(BufferHeader h, int maxBufferBytes, long fileSize) {
        boolean plain = !h.compressed() && h.filled() >= BufferHeader.SIZE && h.filled() <= h.bufferSize()
                && h.filled() <= maxBufferBytes && h.filled() <= fileSize - h.fileOffset();
        return plain ? (int) h.filled() : 0;
    }

    private void add(BufferHeader h, int whole) {
        buffers++;
        if (h.type() != BufferHeader.TYPE_HEADER) {
            lastBufferTimestamp = Math.max(lastBufferTimestamp, h.timestamp());
        }
        if (h.compressed()) {
            compressedBuffers++;
        }
        if (h.bufferLost()) {
            buffersFlaggedLost++;
        }
        if (h.eventsLost()) {
            buffersFlaggedEventsLost++;
        }
        if (h.type() == BufferHeader.TYPE_CTX_SWAP) {
            contextSwapBuffers++; // packed context-switch packets, not trace records (§A.2)
            return;
        }
        fileOrder.add(h.fileOffset(), h.index(), h.timestamp(), whole);
        int key = h.processor() * 2 + (h.type() == BufferHeader.TYPE_RUNDOWN ? 1 : 0);
        streams.computeIfAbsent(key, Stream::new).add(h.fileOffset(), h.index(), h.timestamp(), whole);
    }
}
