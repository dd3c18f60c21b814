package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The check that COMMAND can start before a trace is set up (execvp's lookup). */
@DisabledOnOs(OS.WINDOWS)
class CommandLookupTest {
    @TempDir
    Path dir;

    private Path file(String name, String perms) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    @Test
    void aPathMustBeAnExecutableFile() throws IOException {
        assertThat(CommandLookup.problem(dir.resolve("missing").toString(), "", false)).endsWith("missing: no such file");
        assertThat(CommandLookup.problem(file("plain", "rw-r--r--").toString(), "", false)).endsWith("plain: not an executable file");
        assertThat(CommandLookup.problem(dir.toString(), "", false)).endsWith(": not an executable file");
        assertThat(CommandLookup.problem(file("tool", "rwxr-xr-x").toString(), "", false)).isNull();
    }

    @Test
    void aBareNameIsLookedUpInPath() throws IOException {
        file("mytool", "rwxr-xr-x");
        file("notexec", "rw-r--r--");
        String path = "/nonexistent-dir:" + dir;
        assertThat(CommandLookup.problem("mytool", path, false)).isNull();
        assertThat(CommandLookup.problem("notexec", path, false)).isEqualTo("notexec: not found in PATH");
        assertThat(CommandLookup.problem("no-such-command-wsclose", path, false)).isEqualTo("no-such-command-wsclose: not found in PATH");
        assertThat(CommandLookup.problem("sh", System.getenv("PATH"), false)).isNull();
    }
}
