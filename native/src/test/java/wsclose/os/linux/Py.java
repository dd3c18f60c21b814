package wsclose.os.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Python 3 child processes for tests with real sockets on 127.0.0.1. The interpreter is resolved once to its real
 * executable (a version-manager shim is a shell script that would run, and be traced, on every start).
 */
final class Py {
    private static String exe;
    private static boolean looked;

    private Py() {
    }

    /** The python3 executable, or a skipped test (with the reason printed) when there is none. */
    static synchronized String exe() {
        if (!looked) {
            looked = true;
            try {
                Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                    exe = out;
                }
            } catch (IOException | InterruptedException e) {
                exe = null;
            }
        }
        if (exe == null) {
            System.out.println("skipped: python3 is not installed");
        }
        Assumptions.assumeTrue(exe != null, "python3 is not installed");
        return exe;
    }

    static Path script(Path dir, String name, String code) throws IOException {
        Path p = dir.resolve(name + ".py");
        Files.writeString(p, code);
        return p;
    }

    static List<String> command(Path script, String... args) {
        List<String> c = new ArrayList<>(List.of(exe(), script.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** A running script whose stdout the test reads line by line. */
    static final class Child implements AutoCloseable {
        final Process process;
        private final BufferedReader out;

        Child(Path script, String... args) throws IOException {
            process = new ProcessBuilder(command(script, args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String line() throws IOException {
            String l = out.readLine();
            if (l == null) {
                throw new IOException("the python child ended early (exit " + waitExit() + ")");
            }
            return l;
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        int waitExit() {
            try {
                return process.waitFor(20, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
