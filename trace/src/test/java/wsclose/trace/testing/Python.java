package wsclose.trace.testing;

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
 * Python 3 child processes for the live tests (native and cli) with real sockets on 127.0.0.1, and the
 * assumptions those tests make, skipped with the reason printed where they do not hold. The interpreter is
 * resolved once to its real executable (a version-manager shim is a shell script that would run, and be
 * traced, on every start).
 */
public final class Python {
    private static String exe;
    private static boolean looked;

    private Python() {
    }

    /** The python3 executable, or a skipped test (with the reason printed) when there is none. */
    public static synchronized String exe() {
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
        skipUnless(exe != null, "python3 is not installed");
        return exe;
    }

    /** Skips the test, printing why, unless {@code ok}. */
    public static void skipUnless(boolean ok, String why) {
        if (!ok) {
            System.out.println("skipped: " + why);
        }
        Assumptions.assumeTrue(ok, why);
    }

    /** Whether the tests run as root (effective uid 0, from /proc/self/status). */
    public static boolean root() {
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

    public static Path script(Path dir, String name, String code) throws IOException {
        Path p = dir.resolve(name + ".py");
        Files.writeString(p, code);
        return p;
    }

    public static List<String> command(Path script, String... args) {
        List<String> c = new ArrayList<>(List.of(exe(), script.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** A running script whose stdout the test reads line by line. */
    public static final class Child implements AutoCloseable {
        public final Process process;
        private final BufferedReader out;

        public Child(Path script, String... args) throws IOException {
            process = new ProcessBuilder(command(script, args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        public String line() throws IOException {
            String l = out.readLine();
            if (l == null) {
                throw new IOException("the python child ended early (exit " + waitExit() + ")");
            }
            return l;
        }

        public void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        public int waitExit() {
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
