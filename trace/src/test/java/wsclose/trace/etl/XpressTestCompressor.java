package wsclose.trace.etl;

import java.util.Arrays;

/**
 * Test-only XPRESS plain-LZ77 encoder ([MS-XCA] §2.3), the inverse of {@link Xpress}. It exists so
 * tests can round-trip data through the decoder and so the test ETL writer can produce compressed
 * buffers (etl-format.md §A.2.1) without a Windows machine. Greedy, one hash candidate per position:
 * simple and deterministic rather than a good compression ratio.
 *
 * <p>{@link Encoder} writes items one by one, for tests that need a particular literal/match sequence
 * (e.g. one of each extended-length form) rather than whatever the greedy search picks.
 */
public final class XpressTestCompressor {
    /** §2.3: the 13 distance bits of a match token hold distance - 1. */
    public static final int MAX_DISTANCE = 1 << 13;
    public static final int MIN_LENGTH = 3;

    private static final int HASH_BITS = 15;

    private XpressTestCompressor() {
    }

    /** Compresses all of {@code data}; decompressing with an output size of data.length gives it back. */
    public static byte[] compress(byte[] data) {
        Encoder enc = new Encoder();
        // Last position each 3-byte hash was seen at, +1 so that 0 means "never".
        int[] head = new int[1 << HASH_BITS];
        int n = data.length;
        int i = 0;
        while (i < n) {
            int bestLen = 0;
            int bestDist = 0;
            if (n - i >= MIN_LENGTH) {
                int h = hash(data, i);
                int cand = head[h] - 1;
                head[h] = i + 1;
                if (cand >= 0 && i - cand <= MAX_DISTANCE) {
                    int len = 0;
                    // Overlapping matches (cand + len >= i) are fine: the decoder copies byte by byte.
                    while (i + len < n && data[cand + len] == data[i + len]) {
                        len++;
                    }
                    if (len >= MIN_LENGTH) {
                        bestLen = len;
                        bestDist = i - cand;
                    }
                }
            }
            if (bestLen == 0) {
                enc.literal(data[i]);
                i++;
            } else {
                enc.match(bestDist, bestLen);
                // Keep the table fresh inside the match (cheaply: a few positions at its end).
                int end = i + bestLen;
                for (int p = Math.max(i + 1, end - 16); p + MIN_LENGTH <= n && p < end; p++) {
                    head[hash(data, p)] = p + 1;
                }
                i = end;
            }
        }
        return enc.finish();
    }

    private static int hash(byte[] b, int p) {
        int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16;
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /**
     * Writes a plain-LZ77 stream item by item (§2.3): flag words reserved ahead of their 32 items,
     * match tokens, and the shared half-byte / byte / u16 / u32 extended lengths.
     */
    public static final class Encoder {
        private byte[] buf = new byte[64];
        private int size;
        private int flagPos;
        private int flags;
        private int flagCount;
        private int halfBytePos = -1;
        private boolean finished;

        public Encoder() {
            flagPos = reserve(4);
        }

        public Encoder literal(int b) {
            ensureOpen();
            int p = reserve(1); // before indexing buf: reserve may replace the array
            buf[p] = (byte) b;
            flag(0);
            return this;
        }

        public Encoder literals(byte[] bytes) {
            for (byte b : bytes) {
                literal(b);
            }
            return this;
        }

        /** A match copying {@code length} bytes from {@code distance} bytes back (may overlap). */
        public Encoder match(int distance, long length) {
            ensureOpen();
            if (distance < 1 || distance > MAX_DISTANCE) {
                throw new IllegalArgumentException("distance out of range 1.." + MAX_DISTANCE + ": " + distance);
            }
            if (length < MIN_LENGTH || length > 0xFFFF_FFFFL + 3) {
                throw new IllegalArgumentException("length out of range: " + length);
            }
            long rest = length - 3;
            int base = (distance - 1) << 3;
            if (rest < 7) {
                u16(base | (int) rest);
            } else {
                u16(base | 7);
                rest -= 7;
                int nibble = (int) Math.min(rest, 15);
                if (halfBytePos < 0) {
                    halfBytePos = reserve(1);
                    buf[halfBytePos] = (byte) nibble;
                } else {
                    buf[halfBytePos] |= (byte) (nibble << 4);
                    halfBytePos = -1;
                }
                if (rest >= 15) {
                    rest -= 15;
                    if (rest < 255) {
                        int at = reserve(1);
                        buf[at] = (byte) rest;
                    } else {
                        int escape = reserve(1);
                        buf[escape] = (byte) 0xFF;
                        long whole = length - 3; // the u16/u32 hold the whole length - 3
                        if (whole <= 0xFFFF) {
                            u16((int) whole);
                        } else {
                            u16(0);
                            int p = reserve(4);
                            buf[p] = (byte) whole;
                            buf[p + 1] = (byte) (whole >>> 8);
                            buf[p + 2] = (byte) (whole >>> 16);
                            buf[p + 3] = (byte) (whole >>> 24);
                        }
                    }
                }
            }
            flag(1);
            return this;
        }

        /** Pads the last flag word with ones (§2.3 "any extra flag bits are ones") and returns the stream. */
        public byte[] finish() {
            ensureOpen();
            finished = true;
            int unused = 32 - flagCount;
            int word = unused == 32 ? -1 : (flags << unused) | ((1 << unused) - 1);
            putFlagWord(word);
            return Arrays.copyOf(buf, size);
        }

        private void flag(int bit) {
            flags = (flags << 1) | bit;
            if (++flagCount == 32) {
                // Like the spec's compressor: write the full word and reserve the next one right away.
                putFlagWord(flags);
                flagPos = reserve(4);
                flags = 0;
                flagCount = 0;
            }
        }

        private void putFlagWord(int word) {
            buf[flagPos] = (byte) word;
            buf[flagPos + 1] = (byte) (word >>> 8);
            buf[flagPos + 2] = (byte) (word >>> 16);
            buf[flagPos + 3] = (byte) (word >>> 24);
        }

        private void u16(int v) {
            int p = reserve(2);
            buf[p] = (byte) v;
            buf[p + 1] = (byte) (v >>> 8);
        }

        private int reserve(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
            int p = size;
            size += n;
            return p;
        }

        private void ensureOpen() {
            if (finished) {
                throw new IllegalStateException("encoder already finished");
            }
        }
    }
}
