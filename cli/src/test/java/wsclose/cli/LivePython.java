package wsclose.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Python 3 children holding real sockets on 127.0.0.1 for the live command tests, and the assumptions those
 * tests make (Linux; root for tracing), skipped with the reason printed where they do not hold.
 */
final class LivePython {
    private static String exe;
    private static boolean looked;

    private LivePython() {
    }

    static synchronized String exe() {
        if (!looked) {
            looked = true;
            try {
                Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                exe = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : null;
            } catch (IOException | InterruptedException e) {
                exe = null;
            }
        }
        skipUnless(exe != null, "python3 is not installed");
        return exe;
    }

    static void skipUnless(boolean ok, String why) {
        if (!ok) {
            System.out.println("skipped: " + why);
        }
        Assumptions.assumeTrue(ok, why);
    }

    static boolean root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static Path script(Path dir, String name, String code) throws IOException {
        Path p = dir.resolve(name + ".py");
        Files.writeString(p, code);
        return p;
    }

    /** A script running in the background; its stdout lines are read by the test. */
    static final class Child implements AutoCloseable {
        final Process process;
        private final BufferedReader out;

        Child(Path script) throws IOException {
            process = new ProcessBuilder(exe(), script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String line() throws IOException {
            String l = out.readLine();
            if (l == null) {
                throw new IOException("the python child ended early");
            }
            return l;
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
