package wsclose.cli.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * stdout as one UTF-8 byte buffer with two faces: {@link #chars} for text (tables, CSV, anything a PrintWriter
 * prints) and {@link #bytes} for writers that encode by themselves (Jackson's UTF-8 generator). Both append to the
 * same buffer, so whatever either writes comes out in the order it was written, with no flush between them.
 *
 * <p>Why not the JDK's BufferedWriter and OutputStreamWriter: they copy every character once more and hand stdout
 * 8 KB at a time; `analyze --format json` of the 1.1 GB mixed trace wrote 158 MB in about 19,000 writes, each
 * encoded by the charset encoder's general loop. Encoding is that of OutputStreamWriter with UTF-8 (what Main used):
 * a character outside a surrogate pair becomes '?', and a high surrogate at the end of one write waits for the next.
 */
public final class Utf8Out {
    private final OutputStream sink;
    private final byte[] buf;
    private int n;
    /** A high surrogate whose low half has not been written yet; 0 when there is none. */
    private char high;

    /** The text face. */
    public final Writer chars = new Writer() {
        @Override
        public void write(char[] c, int off, int len) throws IOException {
            encode(c, off, len);
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            encode(s, off, len);
        }

        @Override
        public void write(int c) throws IOException {
            encodeChar((char) c);
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
            lone();
            if (n == buf.length) {
                drain();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lone();
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
        this.sink = sink;
        this.buf = new byte[Math.max(16, bufferSize)];
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

    private void encode(CharSequence s, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (high != 0 || buf.length - n < 4) {
                encodeChar(s.charAt(i++));
                continue;
            }
            // ASCII runs straight into the buffer, as far as it has room
            int room = Math.min(end - i, buf.length - n - 3);
            int stop = i + room;
            char c;
            while (i < stop && (c = s.charAt(i)) < 0x80) {
                buf[n++] = (byte) c;
                i++;
            }
            if (i < stop) {
                encodeChar(s.charAt(i++));
            }
        }
    }

    private void encode(char[] s, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (high != 0 || buf.length - n < 4) {
                encodeChar(s[i++]);
                continue;
            }
            int room = Math.min(end - i, buf.length - n - 3);
            int stop = i + room;
            char c;
            while (i < stop && (c = s[i]) < 0x80) {
                buf[n++] = (byte) c;
                i++;
            }
            if (i < stop) {
                encodeChar(s[i++]);
            }
        }
    }

    private void encodeChar(char c) throws IOException {
        if (buf.length - n < 4) {
            drain();
        }
        if (high != 0) {
            char h = high;
            high = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(h, c);
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buf[n++] = '?'; // the high half alone
            if (buf.length - n < 4) {
                drain();
            }
        }
        if (c < 0x80) {
            buf[n++] = (byte) c;
        } else if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | c >> 6);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[n++] = '?';
        } else {
            buf[n++] = (byte) (0xE0 | c >> 12);
            buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        }
    }

    /** A high surrogate still waiting when bytes follow: it has no low half, so it is '?'. */
    private void lone() throws IOException {
        if (high != 0) {
            high = 0;
            if (n == buf.length) {
                drain();
            }
            buf[n++] = '?';
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
        drain();
        sink.flush();
    }

    public void close() throws IOException {
        lone();
        flush();
        sink.close();
    }
}
