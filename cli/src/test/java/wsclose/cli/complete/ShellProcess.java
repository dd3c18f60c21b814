package wsclose.cli.complete;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real shell (bash, zsh, fish, pwsh) on a script file, when the shell is installed. */
final class ShellProcess {
    private ShellProcess() {
    }

    /** The shell's executable on PATH, or null (the test then skips and says why). */
    static Path find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String n : List.of(name, name + ".exe")) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    /** Runs {@code shell args... scriptFile} in {@code dir} and returns stdout; fails on a timeout. */
    static String run(Path shell, List<String> args, Path dir, String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile("wsclose-test", ".sh");
        Path out = Files.createTempFile("wsclose-test", ".out");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>();
            cmd.add(shell.toString());
            cmd.addAll(args);
            cmd.add(file.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false);
            pb.environment().put("HOME", dir.toString());
            pb.environment().put("XDG_CONFIG_HOME", dir.resolve(".config").toString());
            pb.environment().put("XDG_DATA_HOME", dir.resolve(".data").toString());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.redirectOutput(out.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(isWindows() ? "NUL" : "/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(shell + " did not finish in 60 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
        }
    }
}
