package wsclose.trace.etl;

import java.io.IOException;

/**
 * Finds the next valid buffer header after a damaged one, so that one bad field does not lose the rest of the
 * file. Fixed-size sessions (uncompressed buffers, all of the logfile header's BufferSize) step by that stride;
 * otherwise every byte offset is tried (compressed buffers are not aligned) for a header that is plausible and
 * whose BufferSize leads to another plausible header, to a zero tail or exactly to the end of the file.
 */
final class Resync {
    private static final int WINDOW = 1 << 20;

    private Resync() {
    }

    /** The offset of the next valid header after the damaged one at {@code bad}, or -1 when none follows. */
    static long next(BufferLoader reader, long bad, long fileSize, int maxBufferBytes, long stride) throws IOException {
        byte[] hb = new byte[BufferHeader.SIZE];
        if (stride >= BufferHeader.SIZE && bad % stride == 0) {
            for (long c = bad + stride; c + BufferHeader.SIZE <= fileSize; c += stride) {
                if (valid(reader, hb, c, fileSize, maxBufferBytes)) {
                    return c;
                }
            }
            return -1;
        }
        byte[] w = new byte[WINDOW + BufferHeader.SIZE];
        for (long base = bad + 1; base + BufferHeader.SIZE <= fileSize; base += WINDOW) {
            int n = reader.read(w, 0, w.length, base);
            for (int k = 0; k + BufferHeader.SIZE <= n && k < WINDOW; k++) {
                BufferHeader h = BufferHeader.parse(w, k, base + k, 0);
                if (BufferIndex.plausible(h, maxBufferBytes) && chains(reader, hb, h, fileSize, maxBufferBytes)) {
                    return base + k;
                }
            }
        }
        return -1;
    }

    private static boolean valid(BufferLoader reader, byte[] hb, long at, long fileSize, int maxBufferBytes) throws IOException {
        if (reader.read(hb, 0, BufferHeader.SIZE, at) < BufferHeader.SIZE) {
            return false;
        }
        BufferHeader h = BufferHeader.parse(hb, 0, at, 0);
        return BufferIndex.plausible(h, maxBufferBytes) && chains(reader, hb, h, fileSize, maxBufferBytes);
    }

    /** The header after {@code h} is plausible too, or {@code h} ends the file (exactly, or before a zero tail). */
    private static boolean chains(BufferLoader reader, byte[] hb, BufferHeader h, long fileSize, int maxBufferBytes)
            throws IOException {
        long next = h.fileOffset() + h.bufferSize();
        if (next == fileSize) {
            return true;
        }
        if (next > fileSize || reader.read(hb, 0, BufferHeader.SIZE, next) < BufferHeader.SIZE) {
            return false;
        }
        BufferHeader n = BufferHeader.parse(hb, 0, next, 0);
        // the next header frames (its own FilledBytes may lie: the walk reads it by its BufferSize)
        return n.bufferSize() == 0 || BufferIndex.frameable(n, maxBufferBytes);
    }
}
