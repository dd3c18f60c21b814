package wsclose.cli.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * stdout as one UTF-8 byte buffer with two faces: {@link #chars} for text (tables, CSV, anything a PrintWriter
 * prints) and {@link #bytes} for writers that encode by themselves (Jackson's UTF-8 generator). Both end in the
 * same buffer, so whatever either writes comes out in the order it was written, with no flush between them.
 *
 * <p>Why not the JDK's BufferedWriter and OutputStreamWriter for all of it: a JSON generator on them encodes its
 * text a second time, and they hand stdout 8 KB at a time (`analyze --format json` of the 1.1 GB mixed trace wrote
 * its 158 MB in 19,357 writes). Text is still encoded as OutputStreamWriter encodes it, by the JDK's UTF-8 encoder
 * (a loop of our own made `events`, which prints hundreds of MB, a fifth slower), from a staging array: a character outside a surrogate pair becomes '?', a high surrogate at the end of one write waits
 * for the next, and one still waiting when bytes follow becomes '?'.
 */
public final class Utf8Out {
    private final OutputStream sink;
    private final byte[] buf;
    private final ByteBuffer bytesView;
    /** Text not yet encoded. */
    private final char[] staged;
    private final CharBuffer stagedView;
    private int nStaged;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private int n;

    /** The text face. */
    public final Writer chars = new Writer() {
        @Override
        public void write(char[] c, int off, int len) throws IOException {
            while (len > 0) {
                if (nStaged == staged.length) {
                    encodeStaged(false);
                }
                int k = Math.min(len, staged.length - nStaged);
                System.arraycopy(c, off, staged, nStaged, k);
                nStaged += k;
                off += k;
                len -= k;
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            while (len > 0) {
                if (nStaged == staged.length) {
                    encodeStaged(false);
                }
                int k = Math.min(len, staged.length - nStaged);
                s.getChars(off, off + k, staged, nStaged);
                nStaged += k;
                off += k;
                len -= k;
            }
        }

        @Override
        public void write(int c) throws IOException {
            if (nStaged == staged.length) {
                encodeStaged(false);
            }
            staged[nStaged++] = (char) c;
        }

        @Override
        public void flush() throws IOException {
            Utf8Out.this.flush();
        }

        @Override
        public void close() throws IOException {
            Utf8Out.this.close();
        }
    };

    /** The byte face: bytes that are UTF-8 already. */
    public final OutputStream bytes = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            if (nStaged > 0) {
                encodeStaged(true);
            }
            if (n == buf.length) {
                drain();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (nStaged > 0) {
                encodeStaged(true);
            }
            if (len > buf.length - n) {
                drain();
                if (len >= buf.length) {
                    sink.write(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buf, n, len);
            n += len;
        }

        @Override
        public void flush() throws IOException {
            Utf8Out.this.flush(); // what Jackson's flush() reaches; closing is the text face's (the PrintWriter's)
        }
    };

    public Utf8Out(OutputStream sink, int bufferSize) {
        this(sink, bufferSize, 8192);
    }

    /** @param stagedChars text staged before it is encoded (tests: small, so that surrogates straddle stagings) */
    Utf8Out(OutputStream sink, int bufferSize, int stagedChars) {
        this.sink = sink;
        this.buf = new byte[Math.max(16, bufferSize)];
        this.bytesView = ByteBuffer.wrap(buf);
        this.staged = new char[Math.max(2, stagedChars)];
        this.stagedView = CharBuffer.wrap(staged);
    }

    /** A PrintWriter on {@link #chars} that {@link #of} finds again. */
    public PrintWriter printer() {
        return new Printer(this);
    }

    /** The buffer behind {@code out} when it is one {@link #printer} made; else null. */
    public static Utf8Out of(PrintWriter out) {
        return out instanceof Printer p ? p.target : null;
    }

    private static final class Printer extends PrintWriter {
        final Utf8Out target;

        Printer(Utf8Out target) {
            super(target.chars, false);
            this.target = target;
        }
    }

    /**
     * Encodes the staged text into the buffer. Unless {@code end}, a high surrogate at its end stays staged for its
     * low half; at an end (bytes follow, or close) it is malformed and becomes '?'.
     */
    private void encodeStaged(boolean end) throws IOException {
        stagedView.limit(nStaged).position(0);
        while (true) {
            bytesView.limit(buf.length).position(n);
            CoderResult r = encoder.encode(stagedView, bytesView, end);
            n = bytesView.position();
            if (!r.isOverflow()) {
                break;
            }
            drain();
        }
        int left = stagedView.remaining();
        System.arraycopy(staged, stagedView.position(), staged, 0, left);
        nStaged = left;
        if (end) {
            encoder.reset(); // UTF-8 keeps no state past the input, so nothing is left to flush
        }
    }

    private void drain() throws IOException {
        if (n > 0) {
            int k = n;
            n = 0; // a sink that throws (stdout gone) leaves nothing to write again
            sink.write(buf, 0, k);
        }
    }

    /** Writes what is buffered (a high surrogate waits for its low half, as in OutputStreamWriter) and flushes. */
    public void flush() throws IOException {
        encodeStaged(false);
        drain();
        sink.flush();
    }

    public void close() throws IOException {
        encodeStaged(true);
        drain();
        sink.close();
    }
}
