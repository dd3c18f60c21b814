package wsclose.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A terminal for tests: jline's terminal on streams (keys in, bytes out) and a screen emulator
 * (jline's {@link ScreenTerminal}, a VT100/xterm model) that shows what a person would see.
 */
final class VirtualTerminal implements AutoCloseable {
    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int cols;
    private final int rows;
    final Terminal terminal;

    VirtualTerminal(int cols, int rows) throws IOException {
        this.cols = cols;
        this.rows = rows;
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        java.io.OutputStream out = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (bytes) {
                    bytes.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (bytes) {
                    bytes.write(b, off, len);
                }
            }
        };
        // ExternalTerminal: pure Java on streams (no pty), so the test behaves the same on every OS
        this.terminal = new ExternalTerminal("virtual", "xterm", in, out, StandardCharsets.UTF_8);
        terminal.setSize(new Size(cols, rows));
    }

    /** Types keys: text, "\t" for Tab, "\r" for Enter, "\u001b[A" for the up arrow. */
    void type(String s) throws IOException {
        keys.write(s.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Everything written to the terminal so far, escape sequences included. */
    String raw() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** The screen after {@code output} was written to an empty one. */
    static String render(String output, int cols, int rows) {
        ScreenTerminal s = new ScreenTerminal(cols, rows);
        s.write(output);
        return s.toString();
    }

    String screen() {
        return render(raw(), cols, rows);
    }

    /** Waits (up to 20 s) until the screen satisfies {@code test}; fails showing the screen otherwise. */
    String await(String what, Predicate<String> test) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        String screen = screen();
        while (!test.test(screen)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; the screen shows:\n" + screen);
            }
            Thread.sleep(20);
            screen = screen();
        }
        return screen;
    }

    String awaitText(String text) throws InterruptedException {
        return await("'" + text + "'", s -> s.contains(text));
    }

    @Override
    public void close() throws IOException {
        keys.close();
        terminal.close();
    }
}
