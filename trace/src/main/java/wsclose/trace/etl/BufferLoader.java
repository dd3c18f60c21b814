package wsclose.trace.etl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads one buffer into memory: the 72-byte header followed by its records, inflated when the buffer is
 * compressed. Only the valid data (up to FilledBytes) is read; the 0xFF padding is not.
 *
 * <p>Compressed buffers (BufferFlag 0x40, Windows 8+) keep the header uncompressed; the bytes
 * {@code [0x48, BufferSize)} are one plain LZ77 XPRESS stream that inflates to the record area, whose
 * end in the inflated buffer is FilledBytes (etl-format.md §A.2.1).
 */
final class BufferLoader {
    private final FileChannel channel;
    private final long fileSize;
    private final int maxBufferBytes;
    private final ReadProblems problems;
    /*
     * Memory is bounded by what the buffers really hold, never by a size field: uncompressed buffers by the bytes
     * left in the file, compressed ones by what they inflate to (into the shared scratch, then copied at their real
     * size). All holders of one walk (one per processor stream) and the scratch share one budget, so that a file
     * whose header lies about its sizes, repeated under many stream indexes, skips buffers with a message instead
     * of running out of heap.
     */
    private final long budget;
    private long held;
    private byte[] compressed = new byte[0];
    private byte[] inflated = new byte[0];

    BufferLoader(FileChannel channel, long fileSize, int maxBufferBytes, ReadProblems problems) {
        this(channel, fileSize, maxBufferBytes, problems, Long.MAX_VALUE);
    }

    /** @param budget bytes that the holders and scratch arrays of this loader may take together */
    BufferLoader(FileChannel channel, long fileSize, int maxBufferBytes, ReadProblems problems, long budget) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.maxBufferBytes = maxBufferBytes;
        this.problems = problems;
        this.budget = budget;
    }

    /** The budget of one walk: a quarter of the heap, at least 16 MiB. */
    static long walkBudget() {
        return Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    /** A growable array owned by one reader of buffers; holds the current buffer. */
    static final class Holder {
        byte[] data = new byte[BufferHeader.SIZE];
        /** End of the valid data in {@link #data}. */
        int end;
    }

    /** Grows {@code h} to {@code size} bytes within the budget; null (and a damage note) when it would not fit. */
    private byte[] ensure(Holder h, int size, BufferHeader b) {
        byte[] d = scratch(h.data, size, b);
        if (d != null) {
            h.data = d;
        }
        return d;
    }

    private boolean fits(long more, BufferHeader b) {
        if (held + more <= budget) {
            return true;
        }
        problems.damagedBuffer(b.where() + ": its " + more + " more bytes would take the buffers held at once (one"
                + " per processor stream) past the memory budget of " + budget + " bytes; buffer skipped");
        return false;
    }

    /** {@code a} when it holds {@code size} bytes, else a new array charged to the budget; null past the budget. */
    private byte[] scratch(byte[] a, int size, BufferHeader b) {
        if (a.length >= size) {
            return a;
        }
        if (!fits(size - a.length, b)) {
            return null;
        }
        held += size - a.length;
        return new byte[size];
    }

    /** Loads the buffer described by {@code h} into {@code into}; on damage the holder ends up empty. */
    void load(BufferHeader h, Holder into) throws IOException {
        long available = Math.min(h.bufferSize(), fileSize - h.fileOffset());
        long filled = h.filled();
        if (filled < BufferHeader.SIZE) {
            into.end = BufferHeader.SIZE; // an empty buffer (every holder has room for a header)
            read(into.data, 0, BufferHeader.SIZE, h.fileOffset());
            return;
        }
        if (filled > maxBufferBytes) {
            // No buffer holds more than the session's buffer size, inflated or not: read what is there up to that.
            problems.damagedBuffer(h.where() + ": FilledBytes " + filled + " exceeds the session's buffer size "
                    + maxBufferBytes + "; reading at most that");
            filled = maxBufferBytes;
        }
        if (!h.compressed()) {
            if (filled > h.bufferSize()) {
                problems.damagedBuffer(h.where() + ": FilledBytes " + filled + " is past BufferSize " + h.bufferSize()
                        + "; reading to BufferSize");
                filled = h.bufferSize();
            }
            int n = (int) Math.min(filled, available); // never more than the file still holds
            byte[] d = ensure(into, Math.max(n, BufferHeader.SIZE), h);
            into.end = d == null ? 0 : read(d, 0, n, h.fileOffset());
            return;
        }
        int inLen = (int) Math.max(0, available - BufferHeader.SIZE);
        int outLen = (int) filled - BufferHeader.SIZE;
        byte[] in = scratch(compressed, inLen, h);
        if (in == null) {
            into.end = 0;
            return;
        }
        compressed = in;
        int got = read(compressed, 0, inLen, h.fileOffset() + BufferHeader.SIZE);
        try {
            // Inflate into a scratch sized by the input, grown only while the output keeps filling it: FilledBytes
            // can claim 64 MiB for a buffer that inflates to a few KB.
            int cap = (int) Math.min(outLen, Math.max(64 << 10, 8L * got));
            int produced;
            while (true) {
                byte[] out = scratch(inflated, cap, h);
                if (out == null) {
                    into.end = 0;
                    return;
                }
                inflated = out;
                produced = Xpress.decompress(compressed, 0, got, inflated, 0, cap);
                if (produced < cap || cap == outLen) {
                    break;
                }
                cap = (int) Math.min(outLen, cap * 4L);
            }
            if (produced < outLen && available == h.bufferSize()) {
                problems.damagedBuffer(h.where() + ": compressed data inflates to " + produced + " bytes, FilledBytes says "
                        + outLen + "; reading what inflated");
            }
            byte[] d = ensure(into, BufferHeader.SIZE + produced, h); // the real size, not the one FilledBytes claims
            if (d == null) {
                into.end = 0;
                return;
            }
            read(d, 0, BufferHeader.SIZE, h.fileOffset());
            System.arraycopy(inflated, 0, d, BufferHeader.SIZE, produced);
            into.end = BufferHeader.SIZE + produced;
        } catch (XpressException e) {
            problems.damagedBuffer(h.where() + ": compressed data is corrupt: " + e.getMessage() + "; buffer skipped");
            into.end = 0;
        }
    }

    /**
     * Loads the uncompressed buffer at {@code offset} that the index found to be {@code whole} bytes (FilledBytes,
     * header included) in one read, and returns its header as read now; null when that read does not give what the
     * index saw (the holder too small for it yet, the file changed), and then {@link #load} reads it the long way,
     * with its checks and notes. Saves a read per buffer: the header's own, 72 bytes that the buffer's read repeats.
     */
    BufferHeader loadWhole(long offset, long index, int whole, Holder into) throws IOException {
        if (into.data.length < whole || read(into.data, 0, whole, offset) != whole) {
            return null;
        }
        BufferHeader h = BufferHeader.parse(into.data, 0, offset, index);
        if (h.compressed() || h.filled() != whole || h.bufferSize() < whole) {
            return null;
        }
        into.end = whole;
        return h;
    }

    /** Reads up to {@code n} bytes at {@code position}; returns how many were read before the end of the file. */
    int read(byte[] d, int off, int n, long position) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(d, off, n);
        long pos = position;
        while (bb.hasRemaining()) {
            int r = channel.read(bb, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        return bb.position() - off;
    }
}
