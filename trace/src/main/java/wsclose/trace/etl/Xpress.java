package wsclose.trace.etl;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decoder for XPRESS "plain LZ77" ([MS-XCA] §2.4, the {@code COMPRESSION_FORMAT_XPRESS} variant; not
 * XPRESS-Huffman, not LZNT1). It exists because ETW stores the body of a compressed buffer
 * ({@code BufferFlag & 0x40}, Windows 8+) as one such stream after the uncompressed 0x48-byte header
 * (etl-format.md §A.2.1).
 *
 * <p>Stream layout (§2.3/§2.4): a little-endian 32-bit flag word whose bits, most significant first,
 * say for each of the next 32 items whether it is a literal byte (0) or a match (1); then those items;
 * then the next flag word. A match is a little-endian u16 {@code (distance - 1) << 3 | length3}; when
 * length3 is 7 the length continues in a half byte (two matches share one byte: low nibble first, high
 * nibble for the next such match), 15 there continues in a byte, 255 there in a u16 holding the whole
 * length - 3, and a u16 of 0 in a u32 holding the whole length - 3. The final length is at least 3.
 *
 * <p>The input is a file from an unknown machine, so every read and write is bounds-checked and no
 * unchecked exception can escape for any input; malformed matches become {@link XpressException}.
 * Running out of input is not an error here: ETW gives the expected inflated size separately, and the
 * caller reports a short buffer when fewer bytes come back.
 *
 * <p>Speed matters (whole traces are inflated buffer by buffer), so runs of literal flags are copied
 * with one {@code arraycopy}, and overlapping matches copy in doubling chunks instead of byte by byte
 * while giving the same result as the spec's byte-at-a-time loop.
 */
final class Xpress {
    /** §2.4: a u16/u32 length field holds length - 3 and is only valid from 15 + 7 upward. */
    private static final int MIN_LONG_LENGTH_FIELD = 15 + 7;

    private Xpress() {
    }

    /**
     * Inflates the plain-LZ77 stream in {@code in[inOff, inOff + inLen)} into
     * {@code out[outOff, outOff + outLen)}, stopping when {@code outLen} bytes are produced or the input
     * ends, whichever comes first. Never writes outside the output range.
     *
     * @return the number of bytes produced ({@code < outLen} when the input ran out first)
     * @throws XpressException a match reaches before the start of the output, or its length field is
     *                         cut off by the end of the input or is out of range
     * @throws IndexOutOfBoundsException the ranges themselves do not fit the arrays (a caller bug)
     */
    static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws XpressException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        final int inEnd = inOff + inLen;
        final int outEnd = outOff + outLen;
        int ip = inOff;
        int op = outOff;
        // The next flag is always bit 31 of flags; flagCount says how many of its bits are real, since
        // the shifts below fill the low end with zeros that must not be read as literals.
        int flags = 0;
        int flagCount = 0;
        // Absolute index of a length byte whose high nibble is still owed to the next long match, or -1.
        int halfBytePos = -1;

        while (op < outEnd) {
            if (flagCount == 0) {
                if (inEnd - ip < 4) {
                    break; // no complete flag word left: the input has ended
                }
                flags = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8 | (in[ip + 2] & 0xFF) << 16
                        | (in[ip + 3] & 0xFF) << 24;
                ip += 4;
                flagCount = 32;
            }

            if (flags >= 0) {
                // Bit 31 clear: a run of literals, as long as the leading zero flags (at least 1).
                int run = Math.min(Integer.numberOfLeadingZeros(flags), flagCount);
                int n = Math.min(run, Math.min(inEnd - ip, outEnd - op));
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
                if (n < run) {
                    break; // input or output exhausted inside the run
                }
                flags = run == 32 ? 0 : flags << run; // Java masks shift counts, so 32 needs care
                flagCount -= run;
                continue;
            }

            flags <<= 1;
            flagCount--;
            if (ip == inEnd) {
                break; // §2.4: a match flag with no input left is the normal end of the stream
            }
            final int tokenAt = ip - inOff;
            if (inEnd - ip < 2) {
                throw new XpressException(tokenAt, "match at input offset " + tokenAt
                        + " needs a 2-byte token but only 1 byte of input remains");
            }
            int token = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
            ip += 2;
            int distance = (token >>> 3) + 1;
            int length = token & 7;
            if (length < 7) {
                length += 3;
            } else {
                if (halfBytePos < 0) {
                    if (ip == inEnd) {
                        throw truncated(tokenAt, ip - inOff, "a length byte", 1, 0);
                    }
                    halfBytePos = ip++;
                    length = in[halfBytePos] & 0x0F;
                } else {
                    length = (in[halfBytePos] & 0xFF) >>> 4;
                    halfBytePos = -1;
                }
                if (length < 15) {
                    length += 7 + 3;
                } else {
                    if (ip == inEnd) {
                        throw truncated(tokenAt, ip - inOff, "a length byte", 1, 0);
                    }
                    length = in[ip++] & 0xFF;
                    if (length < 255) {
                        length += 15 + 7 + 3;
                    } else {
                        if (inEnd - ip < 2) {
                            throw truncated(tokenAt, ip - inOff, "a 16-bit length", 2, inEnd - ip);
                        }
                        length = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                        ip += 2;
                        long field = length;
                        if (length == 0) {
                            if (inEnd - ip < 4) {
                                throw truncated(tokenAt, ip - inOff, "a 32-bit length", 4, inEnd - ip);
                            }
                            field = ((in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8 | (in[ip + 2] & 0xFF) << 16
                                    | (long) (in[ip + 3] & 0xFF) << 24);
                            ip += 4;
                        }
                        if (field < MIN_LONG_LENGTH_FIELD) {
                            throw new XpressException(tokenAt, "match at input offset " + tokenAt
                                    + " has an extended length field of " + field + ", expected at least "
                                    + MIN_LONG_LENGTH_FIELD);
                        }
                        // Up to 2^32 + 2: only the part that fits the output matters.
                        length = (int) Math.min(field + 3, Integer.MAX_VALUE);
                    }
                }
            }

            int produced = op - outOff;
            if (distance > produced) {
                throw new XpressException(tokenAt, "match at input offset " + tokenAt + " refers "
                        + distance + " bytes back but only " + produced + " bytes were produced");
            }
            int n = Math.min(length, outEnd - op);
            int src = op - distance;
            if (distance >= n) {
                System.arraycopy(out, src, out, op, n);
            } else if (distance == 1) {
                Arrays.fill(out, op, op + n, out[src]);
            } else {
                // Overlap: out[src, op) repeats with period distance, so copying from the fixed src in
                // chunks no longer than the current gap (which doubles each step) equals the byte loop.
                int end = op + n;
                while (op < end) {
                    int chunk = Math.min(op - src, end - op);
                    System.arraycopy(out, src, out, op, chunk);
                    op += chunk;
                }
                continue;
            }
            op += n;
        }
        return op - outOff;
    }

    private static XpressException truncated(int tokenAt, int fieldAt, String what, int need, int have) {
        return new XpressException(fieldAt, "match at input offset " + tokenAt + " needs " + what
                + " at input offset " + fieldAt + " (" + need + (need == 1 ? " byte" : " bytes")
                + ") but only " + have + (have == 1 ? " byte of input remains" : " bytes of input remain"));
    }
}
