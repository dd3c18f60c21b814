package wsclose.os.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wsclose.os.LiveException;

/**
 * The tracefs mount and wsclose's instances in it (live-mode.md §B.4). wsclose only ever writes inside
 * {@code instances/wsclose-PID...}: the global instance, its events, options and buffers stay untouched. The
 * mount itself is made when missing (the VM boots without it) and left in place, as other tools may use it.
 */
final class Tracefs {
    static final Pattern OURS = Pattern.compile("wsclose-(\\d+)(?:[.-].*)?");
    private static final List<Path> MOUNTS = List.of(Path.of("/sys/kernel/tracing"), Path.of("/sys/kernel/debug/tracing"));

    private final Path root;

    private Tracefs(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The tracefs root, mounting tracefs at /sys/kernel/tracing when no mount is there. */
    static Tracefs find() throws LiveException {
        for (Path p : MOUNTS) {
            if (Files.isDirectory(p.resolve("instances"))) {
                return new Tracefs(p);
            }
        }
        Path target = MOUNTS.get(0);
        try {
            LibC.INSTANCE.mount("nodev", target.toString(), "tracefs", new NativeLong(0), null);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            String why = e instanceof LastErrorException l ? "errno " + l.getErrorCode() : e.getMessage();
            throw new LiveException(LiveException.Reason.FACILITY, "tracefs is not mounted and mounting it at " + target
                    + " failed (" + why + "); the kernel needs CONFIG_FTRACE and tracefs");
        }
        if (!Files.isDirectory(target.resolve("instances"))) {
            throw new LiveException(LiveException.Reason.FACILITY, "tracefs at " + target + " has no instances directory");
        }
        return new Tracefs(target);
    }

    /** Removes instances left by wsclose runs whose process is gone (a crash, a kill -9). */
    List<String> removeStale(Path proc) {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("instances"))) {
            for (Path p : ds) {
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (m.matches() && !Files.exists(proc.resolve(m.group(1)))) {
                    if (Instance.rmdir(p)) {
                        removed.add(p.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            // nothing to clean
        }
        return removed;
    }

    Instance create(String name) throws IOException {
        Path dir = root.resolve("instances").resolve(name);
        if (Files.exists(dir)) {
            Instance.rmdir(dir);
        }
        Files.createDirectory(dir);
        return new Instance(this, dir);
    }

    /** The format of SYSTEM/NAME, or null when the running kernel does not have that event. */
    String format(String system, String event) {
        try {
            return Files.readString(root.resolve("events").resolve(system).resolve(event).resolve("format"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** One instance: its own ring buffers, options, event switches and pid filter. */
    static final class Instance {
        private final Tracefs fs;
        private final Path dir;

        Instance(Tracefs fs, Path dir) {
            this.fs = fs;
            this.dir = dir;
        }

        Path dir() {
            return dir;
        }

        String name() {
            return dir.getFileName().toString();
        }

        void write(String file, String value) throws IOException {
            Files.writeString(dir.resolve(file), value + "\n", StandardCharsets.UTF_8);
        }

        boolean has(String file) {
            return Files.exists(dir.resolve(file));
        }

        void enable(String system, String event, String filter) throws IOException {
            Path e = dir.resolve("events").resolve(system).resolve(event);
            if (filter != null) {
                Files.writeString(e.resolve("filter"), filter + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(e.resolve("enable"), "1\n", StandardCharsets.UTF_8);
        }

        /** Events the kernel overwrote or dropped in this instance: per_cpu/cpuN/stats "overrun" + "dropped events". */
        long lost() {
            long n = 0;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("per_cpu"))) {
                for (Path cpu : ds) {
                    n += lost(Files.readString(cpu.resolve("stats"), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                return n;
            }
            return n;
        }

        static long lost(String stats) {
            long n = 0;
            for (String line : stats.split("\n")) {
                int c = line.indexOf(':');
                String key = c < 0 ? "" : line.substring(0, c).trim();
                if (key.equals("overrun") || key.equals("dropped events")) {
                    n += Long.parseLong(line.substring(c + 1).trim());
                }
            }
            return n;
        }

        /** Turns the instance off and deletes it; the kernel frees its buffers. Idempotent. */
        void remove() {
            try {
                write("tracing_on", "0");
            } catch (IOException e) {
                // gone already
            }
            rmdir(dir);
        }

        static boolean rmdir(Path dir) {
            for (int i = 0; i < 50; i++) {
                try {
                    Files.deleteIfExists(dir);
                    return true;
                } catch (IOException e) {
                    try {
                        Thread.sleep(20); // EBUSY while a reader still has trace_pipe open
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
            return false;
        }

        Tracefs tracefs() {
            return fs;
        }
    }
}
