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
    private byte[] compressed = new byte[0];

    BufferLoader(FileChannel channel, long fileSize, int maxBufferBytes, ReadProblems problems) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.maxBufferBytes = maxBufferBytes;
        this.problems = problems;
    }

    /** A growable array owned by one reader of buffers; holds the current buffer. */
    static final class Holder {
        byte[] data = new byte[BufferHeader.SIZE];
        /** End of the valid data in {@link #data}. */
        int end;

        byte[] ensure(int size) {
            if (data.length < size) {
                data = new byte[size];
            }
            return data;
        }
    }

    /** Loads the buffer described by {@code h} into {@code into}; on damage the holder ends up empty. */
    void load(BufferHeader h, Holder into) throws IOException {
        long available = Math.min(h.bufferSize(), fileSize - h.fileOffset());
        long filled = h.filled();
        if (filled < BufferHeader.SIZE) {
            into.ensure(BufferHeader.SIZE);
            into.end = BufferHeader.SIZE; // an empty buffer
            read(into.data, 0, BufferHeader.SIZE, h.fileOffset());
            return;
        }
        if (filled > maxBufferBytes) {
            problems.damagedBuffer(h.where() + ": FilledBytes " + filled + " exceeds the session's buffer size "
                    + maxBufferBytes + "; buffer skipped");
            into.end = 0;
            return;
        }
        if (!h.compressed()) {
            if (filled > h.bufferSize()) {
                problems.damagedBuffer(h.where() + ": FilledBytes " + filled + " is past BufferSize " + h.bufferSize()
                        + "; reading to BufferSize");
                filled = h.bufferSize();
            }
            int n = (int) Math.min(filled, available);
            byte[] d = into.ensure(n);
            into.end = read(d, 0, n, h.fileOffset());
            return;
        }
        int inLen = (int) (available - BufferHeader.SIZE);
        if (compressed.length < inLen) {
            compressed = new byte[inLen];
        }
        int got = read(compressed, 0, inLen, h.fileOffset() + BufferHeader.SIZE);
        int outLen = (int) filled - BufferHeader.SIZE;
        byte[] d = into.ensure((int) filled);
        read(d, 0, BufferHeader.SIZE, h.fileOffset());
        try {
            int produced = Xpress.decompress(compressed, 0, got, d, BufferHeader.SIZE, outLen);
            if (produced < outLen && available == h.bufferSize()) {
                problems.damagedBuffer(h.where() + ": compressed data inflates to " + produced + " bytes, FilledBytes says "
                        + outLen + "; reading what inflated");
            }
            into.end = BufferHeader.SIZE + produced;
        } catch (XpressException e) {
            problems.damagedBuffer(h.where() + ": compressed data is corrupt: " + e.getMessage() + "; buffer skipped");
            into.end = 0;
        }
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
