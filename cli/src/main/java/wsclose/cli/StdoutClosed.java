package wsclose.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * stdout was closed by its reader (EPIPE: {@code | head -1}, a pager that quit). Unchecked, so that it passes
 * through the PrintWriter (which would swallow an IOException and let the command run to its end for nobody)
 * and stops the command; Main ends it quietly with exit 0.
 */
final class StdoutClosed extends RuntimeException {
    StdoutClosed(IOException cause) {
        super("stdout closed: " + cause.getMessage(), cause, false, false);
    }

    /** Turns write errors on stdout into {@link StdoutClosed}. */
    static final class Guard extends FilterOutputStream {
        Guard(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new StdoutClosed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new StdoutClosed(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new StdoutClosed(e);
            }
        }
    }
}
