package wsclose.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Whether {@code wsclose trace -- COMMAND} can start COMMAND, decided before any tracing is set up: a name with a
 * directory separator must be an executable file; a bare name must be found in PATH (with PATHEXT's extensions on
 * Windows), the lookup execvp(3) and CreateProcess make. Without this, Linux starts COMMAND through /bin/sh, which
 * reports "not found" and exits 127 only after the trace began.
 */
final class CommandLookup {
    private CommandLookup() {
    }

    /** Why COMMAND cannot start, in one phrase, or null when it can. */
    static String problem(String command, String path, boolean windows) {
        if (command.isEmpty()) {
            return "the command name is empty";
        }
        boolean hasDir = command.contains("/") || windows && command.contains("\\");
        try {
            if (hasDir) {
                Path p = Path.of(command);
                if (!Files.exists(p)) {
                    return command + ": no such file";
                }
                if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                    return command + ": not an executable file";
                }
                return null;
            }
            String[] exts = windows ? pathExt() : new String[] {""};
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                for (String ext : exts) {
                    Path p = Path.of(dir.isEmpty() ? "." : dir, command + ext);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return null;
                    }
                }
            }
        } catch (InvalidPathException e) {
            return command + ": not a valid file name";
        }
        return command + ": not found in PATH";
    }

    private static String[] pathExt() {
        String e = System.getenv("PATHEXT");
        String[] list = (e == null || e.isEmpty() ? ".COM;.EXE;.BAT;.CMD" : e).split(";");
        String[] out = new String[list.length + 1];
        out[0] = "";
        System.arraycopy(list, 0, out, 1, list.length);
        return out;
    }
}
