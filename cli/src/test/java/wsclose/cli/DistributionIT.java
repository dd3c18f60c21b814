package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.cli.complete.CommandTree;
import wsclose.cli.complete.Shell;

/** The distribution zip that {@code mvn package} builds: its layout, and that its launcher runs wsclose. */
class DistributionIT {
    private static final Path ZIP = zip();
    private static final String VERSION = System.getProperty("wsclose.version",
            ZIP.getFileName().toString().replaceFirst("^wsclose-", "").replaceFirst("\\.zip$", ""));

    /** The zip failsafe names, or the one {@code mvn package} left in target/ (runs that filter tests by name). */
    private static Path zip() {
        String p = System.getProperty("wsclose.dist");
        if (p != null) {
            return Path.of(p);
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("wsclose-.*\\.zip")).findFirst()
                    .orElse(Path.of("target/wsclose.zip"));
        } catch (IOException e) {
            return Path.of("target/wsclose.zip");
        }
    }
    private static final String BASE = "wsclose-" + VERSION + "/";

    @Test
    void holdsLaunchersJarCompletionsAndManPages() throws IOException {
        assertThat(ZIP).exists();
        try (ZipFile z = new ZipFile(ZIP.toFile())) {
            for (String name : List.of("bin/wsclose", "bin/wsclose.cmd", "lib/wsclose.jar", "lib/wsclose-jit.json", "README.md", "docs/install.md",
                    "docs/report.schema.json", "docs/handles.schema.json", "docs/linux-live.md", "examples/close-bugs.etl", "completions/README.md",
                    "man/man1/wsclose.1")) {
                assertThat(z.getEntry(BASE + name)).as(name).isNotNull();
            }
            for (Shell s : Shell.values()) {
                assertThat(z.getEntry(BASE + "completions/" + s.fileName())).as(s.fileName()).isNotNull();
            }
            for (CommandTree c : CommandTree.of(Main.commandLine()).subcommands()) {
                String page = "man/man1/wsclose-" + c.name() + ".1";
                assertThat(z.getEntry(BASE + page)).as("man page of %s", c.name()).isNotNull();
                // roff, with the version --version prints (escaped as roff writes a hyphen)
                assertThat(text(z, page)).as(page).contains(".TH \"WSCLOSE\\-" + c.name().toUpperCase(java.util.Locale.ROOT) + "\" \"1\"")
                        .contains("wsclose " + VERSION.replace("-", "\\-")).doesNotContain("development build");
            }
            assertThat(text(z, "bin/wsclose.cmd")).contains("\r\n").contains("lib\\wsclose.jar").contains("lib\\wsclose-jit.json");
            assertThat(text(z, "bin/wsclose")).contains("$home/lib/wsclose-jit.json");
            assertThat(text(z, "bin/wsclose")).startsWith("#!/bin/sh\n").doesNotContain("\r");
            assertThat(text(z, "completions/wsclose.bash")).doesNotContain("\r");
        }
        assertThat(unixModes(ZIP).get(BASE + "bin/wsclose") & 0111).as("bin/wsclose is executable").isEqualTo(0111);
    }

    @Test
    void theLauncherRunsWscloseWithTheVersionFromTheManifest(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the POSIX launcher needs sh");
        Path home = unzip(dir);
        String version = run(home, "--version");
        assertThat(version).startsWith("wsclose " + VERSION + "\n").doesNotContain("development build");
        Path example = Path.of("..", "examples", "close-bugs.etl").toAbsolutePath();
        assertThat(run(home, "analyze", "--format", "csv", example.toString())).startsWith("kind,severity,time");
        assertThat(run(home, "completion", "bash")).isEqualTo(Files.readString(home.resolve("completions/wsclose.bash")));
    }

    @Test
    void launchersWorkThroughASymbolicLinkAndKeepAClassArchive(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "the POSIX launcher needs sh");
        Path home = unzip(dir.resolve("zip"));
        Path links = Files.createDirectories(dir.resolve("links"));
        Path dist = Files.createSymbolicLink(links.resolve("wsclose"), home.resolve("bin/wsclose"));
        Path repo = Files.createSymbolicLink(links.resolve("wsclose-repo"), Path.of("..", "wsclose").toAbsolutePath());
        assertThat(runScript(dist, "--version")).startsWith("wsclose " + VERSION + "\n");
        assertThat(home.resolve("lib/wsclose.jsa")).as("the first run archived the classes beside the jar").exists();
        assertThat(runScript(dist, "--version")).as("a run with the archive says the same").startsWith("wsclose " + VERSION + "\n");
        // made by the launcher's training run of analyze, not by --version: the model's classes come from it
        Path log = dir.resolve("classes.txt");
        runScript(dist, List.of("-Xlog:class+load=info:file=" + log), "analyze", "--format", "csv", "--fail-on", "never",
                Path.of("..", "examples", "close-bugs.etl").toAbsolutePath().toString());
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("wsclose.trace.model.SocketModel ")
                && l.contains("shared objects file"));
        assertThat(runScript(repo, "--version")).startsWith("wsclose ");
    }

    private static String runScript(Path script, String... args) throws Exception {
        return runScript(script, List.of(), args);
    }

    private static String runScript(Path script, List<String> javaOpts, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (!javaOpts.isEmpty()) {
            pb.environment().put("JAVA_OPTS", String.join(" ", javaOpts));
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String run(Path home, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", home.resolve("bin/wsclose").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isLessThanOrEqualTo(1);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Path unzip(Path dir) throws IOException {
        Map<String, Integer> modes = unixModes(ZIP);
        try (ZipFile z = new ZipFile(ZIP.toFile())) {
            Enumeration<? extends ZipEntry> e = z.entries();
            while (e.hasMoreElements()) {
                ZipEntry entry = e.nextElement();
                Path to = dir.resolve(entry.getName()).normalize();
                assertThat(to).startsWithRaw(dir);
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = z.getInputStream(entry)) {
                    Files.copy(in, to);
                }
                if ((modes.getOrDefault(entry.getName(), 0) & 0100) != 0) {
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return dir.resolve(BASE);
    }

    private static String text(ZipFile z, String name) throws IOException {
        try (InputStream in = z.getInputStream(z.getEntry(BASE + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Unix permission bits of each entry, from the zip's central directory (APPNOTE.TXT §4.3.12: external file
     * attributes at offset 38, the high 16 bits holding st_mode when "version made by" is Unix), which
     * java.util.zip does not expose.
     */
    private static Map<String, Integer> unixModes(Path zip) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = b.limit() - 22;
        while (eocd >= 0 && b.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        assertThat(eocd).as("end of central directory").isNotNegative();
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        int p = b.getInt(eocd + 16);
        Map<String, Integer> modes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            assertThat(b.getInt(p)).isEqualTo(0x02014b50);
            int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
            int extra = Short.toUnsignedInt(b.getShort(p + 30));
            int comment = Short.toUnsignedInt(b.getShort(p + 32));
            int external = b.getInt(p + 38);
            byte[] name = new byte[nameLength];
            b.get(p + 46, name);
            modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
            p += 46 + nameLength + extra + comment;
        }
        return modes;
    }
}
