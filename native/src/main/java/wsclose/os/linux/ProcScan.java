package wsclose.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The /proc fd-table walk (live-mode.md §B.1): every {@code /proc/PID/fd/N} whose link reads
 * {@code socket:[INODE]} is one reference to that socket. Threads share their process's table, so only the
 * thread-group leaders listed in /proc are read. The root is a parameter so tests can point it at a tree
 * of their own.
 */
final class ProcScan {
    /** One socket fd of a process. */
    record Fd(int fd, long inode) {
    }

    /** A process and its socket fds; {@code readable} false when its fd table was denied to us. */
    record Proc(int pid, String comm, List<Fd> sockets, boolean readable) {
    }

    private ProcScan() {
    }

    /** Every process {@code select} accepts, in pid order. */
    static List<Proc> scan(Path proc, IntPredicate select) {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit) && n.length() < 10) {
                    pids.add(Integer.parseInt(n));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        pids.sort(null);
        List<Proc> out = new ArrayList<>();
        for (int pid : pids) {
            if (!select.test(pid)) {
                continue;
            }
            String comm = comm(proc, pid);
            if (comm == null) {
                continue; // exited while we looked
            }
            try {
                out.add(new Proc(pid, comm, sockets(proc, pid), true));
            } catch (java.nio.file.AccessDeniedException e) {
                out.add(new Proc(pid, comm, List.of(), false));
            } catch (IOException e) {
                // exited between the comm read and the fd walk
            }
        }
        return out;
    }

    /** The socket fds of one process. */
    static List<Fd> sockets(Path proc, int pid) throws IOException {
        List<Fd> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc.resolve(Integer.toString(pid)).resolve("fd"))) {
            for (Path p : ds) {
                long inode;
                try {
                    inode = socketInode(Files.readSymbolicLink(p).toString());
                } catch (IOException e) {
                    continue; // closed while we looked
                }
                if (inode > 0) {
                    out.add(new Fd(Integer.parseInt(p.getFileName().toString()), inode));
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.fd(), b.fd()));
        return out;
    }

    /** The socket inode an fd names now, -1 when it is closed or not a socket. */
    static long inodeOf(Path proc, int pid, int fd) {
        try {
            return socketInode(Files.readSymbolicLink(proc.resolve(pid + "/fd/" + fd)).toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** "socket:[113451]" -> 113451; anything else -> -1. */
    static long socketInode(String link) {
        if (!link.startsWith("socket:[") || !link.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(link.substring(8, link.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** /proc/PID/comm without its newline, or null when the process is gone. */
    static String comm(Path proc, int pid) {
        try {
            return Files.readString(proc.resolve(pid + "/comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The thread group (process) of a thread, from /proc/TID/status; -1 when the thread is gone. */
    static int tgid(Path proc, int tid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(tid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** The threads of a process (/proc/PID/task). */
    static List<Integer> threads(Path proc, int pid) {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc.resolve(pid + "/task"))) {
            for (Path p : ds) {
                out.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return out;
    }

    /** The effective uid of this process (/proc/self/status "Uid: real effective ..."), -1 when unknown. */
    static int effectiveUid(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }
}
