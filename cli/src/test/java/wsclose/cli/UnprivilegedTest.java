package wsclose.cli;

import wsclose.trace.testing.Python;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live commands as an unprivileged user (nobody, through setpriv): handles shows what procfs gives and names
 * the columns it could not read; trace stops with one line naming what is missing, exit 3.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(90)
class UnprivilegedTest {
    @TempDir
    Path dir;
    List<String> classpath = new ArrayList<>();

    @BeforeEach
    void copyClasspath() throws IOException, URISyntaxException {
        Python.skipUnless(Python.root(), "needs root to switch to the nobody user");
        Python.skipUnless(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int n = 0;
        // nobody cannot read the build's dependency cache: copy what the CLI needs where it can
        for (Class<?> c : List.of(Main.class, wsclose.os.Platform.class, wsclose.trace.model.SocketEvent.class,
                picocli.CommandLine.class, com.sun.jna.Native.class, ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonProperty.class, org.jline.terminal.Terminal.class)) {
            Path src = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dst = dir.resolve("cp" + n++ + (Files.isDirectory(src) ? "" : ".jar"));
            copy(src, dst);
            classpath.add(dst.toString());
        }
    }

    private static void copy(Path src, Path dst) throws IOException {
        if (!Files.isDirectory(src)) {
            Files.copy(src, dst);
            Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
            return;
        }
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(p, t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private String[] asNobody(String... args) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
                "-Djna.tmpdir=" + tmp, "-cp", String.join(":", classpath), "wsclose.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8)};
    }

    @Test
    void traceNamesTheMissingPrivilegeAndExits3() throws Exception {
        String[] r = asNobody("trace", "--", "true");
        assertThat(r[0]).as(r[2]).isEqualTo("3");
        assertThat(r[1]).isEmpty();
        assertThat(r[2].strip()).startsWith("wsclose trace: tracing needs root").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void handlesShowsWhatProcfsGivesAndSaysWhatIsMissing() throws Exception {
        String[] r = asNobody("handles", "--format", "json");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        var doc = new ObjectMapper().readTree(r[1]);
        assertThat(doc.get("kind").asText()).isEqualTo("wsclose-handles");
        assertThat(doc.get("limitations").toString()).contains("could not be read").contains("need root");
    }
}
