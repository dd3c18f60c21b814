package wsclose.os.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Starts the command of {@code wsclose trace -- COMMAND} once the session records. Java cannot start a Windows
 * process suspended, but nothing is missed: the session is running before the process exists. Its stdout goes to
 * wsclose's stderr, because wsclose's stdout carries only the report (as on Linux).
 */
interface CommandLauncher {
    Process start(List<String> command) throws IOException;

    CommandLauncher DEFAULT = command -> {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread pump = new Thread(() -> copy(p.getInputStream(), System.err), "wsclose-command-stdout");
        pump.setDaemon(true);
        pump.start();
        return p;
    };

    private static void copy(InputStream in, OutputStream out) {
        byte[] b = new byte[8192];
        try (in) {
            for (int n; (n = in.read(b)) >= 0; ) {
                out.write(b, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the command closed its stdout or ended: nothing more to copy
        }
    }
}
