package wsclose.os.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wsclose.os.HandleSource;
import wsclose.os.HandlesSnapshot;
import wsclose.os.ProcessSelector;
import wsclose.os.SocketSnapshot;
import wsclose.os.SocketSnapshot.Owner;
import wsclose.trace.etw.Times;

/**
 * {@code wsclose handles} on Linux (live-mode.md §B.1-§B.3, §C.1 "ProcfsSnapshotter"): the /proc fd walk for
 * owners and reference counts, sock_diag for queues, cookies and tcp_info, /proc/net for unix sockets and for
 * sockets in other network namespaces, and pidfd_getfd for SO_LINGER. Without root it shows what procfs
 * gives and says in {@link HandlesSnapshot#limitations()} which columns are missing and why.
 */
public final class LinuxHandles implements HandleSource {
    private final Path proc;
    private final boolean probe;

    /** @param probe read SO_LINGER through a microseconds-long duplicate of each TCP socket (pidfd_getfd) */
    public LinuxHandles(boolean probe) {
        this(Path.of("/proc"), probe);
    }

    LinuxHandles(Path proc, boolean probe) {
        this.proc = proc;
        this.probe = probe;
    }

    /** A snapshot and the raw material the live trace seeds itself from. */
    record Detailed(HandlesSnapshot snapshot, List<ProcScan.Proc> procs, Snapshots.Tables tables) {
    }

    @Override
    public HandlesSnapshot snapshot(ProcessSelector which) throws IOException {
        return detailed(which).snapshot();
    }

    Detailed detailed(ProcessSelector which) throws IOException {
        long time = Times.fromInstant(Instant.now());
        List<String> limitations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // Every process, not only the selected ones: a socket's references may sit in any process.
        List<ProcScan.Proc> procs = ProcScan.scan(proc, pid -> true);
        Map<Long, List<Owner>> owners = new HashMap<>();
        Set<Long> selected = new LinkedHashSet<>();
        int unreadable = 0;
        for (ProcScan.Proc p : procs) {
            if (!p.readable()) {
                unreadable++;
                continue;
            }
            boolean sel = which.matches(p.pid(), p.comm());
            for (ProcScan.Fd fd : p.sockets()) {
                owners.computeIfAbsent(fd.inode(), k -> new ArrayList<>()).add(new Owner(p.pid(), fd.fd(), p.comm()));
                if (sel) {
                    selected.add(fd.inode());
                }
            }
        }
        if (unreadable > 0) {
            limitations.add("owners: the fd tables of " + unreadable + " of " + procs.size() + " processes could not be"
                    + " read (they need root or the same user); their references are missing from the counts");
        }
        Snapshots.Tables tables = tables(warnings);
        fillOtherNamespaces(owners, tables, limitations);
        List<Long> inodes = new ArrayList<>(selected);
        if (which.isAll()) {
            List<Long> unowned = new ArrayList<>();
            for (long ino : tables.inet().keySet()) {
                if (ino != 0 && !owners.containsKey(ino)) {
                    unowned.add(ino);
                }
            }
            if (unreadable == 0) {
                unowned.sort(null);
                inodes.addAll(unowned);
            } else if (!unowned.isEmpty()) {
                limitations.add(unowned.size() + " inet sockets with no visible owner are not shown: they may belong"
                        + " to processes we could not read");
            }
        }
        Map<Long, SocketSnapshot.Linger> lingers = probe ? lingers(inodes, owners, tables, limitations)
                : Map.of();
        if (!probe) {
            limitations.add("SO_LINGER: not read (--no-probe)");
        }
        List<SocketSnapshot> sockets = Snapshots.build(inodes, owners, tables, lingers::get);
        long inFlight = sockets.stream().filter(s -> s.inFlight() > 0).count();
        if (inFlight > 0) {
            limitations.add("in flight: " + inFlight + " socket(s) are held by no process (an SCM_RIGHTS message in"
                    + " flight, io_uring or the kernel); each counts 1 reference, the least it can be");
        }
        return new Detailed(new HandlesSnapshot(time, "linux", sockets, limitations, warnings), procs, tables);
    }

    private Snapshots.Tables tables(List<String> warnings) {
        Map<Long, DiagEntry> inet = new HashMap<>();
        try (SockDiag diag = new SockDiag()) {
            for (DiagEntry d : diag.dumpAll()) {
                if (d.inode() != 0) {
                    inet.put(d.inode(), d);
                }
            }
        } catch (IOException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            warnings.add("sock_diag unavailable (" + e.getMessage() + "); queues and states come from /proc/net");
            for (DiagEntry d : procNet(proc.resolve("net"))) {
                inet.putIfAbsent(d.inode(), d);
            }
        }
        Map<Long, ProcNet.UnixRow> unix = new HashMap<>();
        for (ProcNet.UnixRow u : ProcNet.unix(read(proc.resolve("net/unix")))) {
            unix.put(u.inode(), u);
        }
        Set<Long> netlink = new java.util.HashSet<>(ProcNet.netlinkInodes(read(proc.resolve("net/netlink"))));
        return new Snapshots.Tables(inet, unix, netlink);
    }

    /** Sockets no table of our namespace knows: read the owner's own /proc/PID/net (§B.1 "namespaces"). */
    private void fillOtherNamespaces(Map<Long, List<Owner>> owners, Snapshots.Tables t, List<String> limitations) {
        Set<Integer> tried = new java.util.HashSet<>();
        int found = 0;
        for (Map.Entry<Long, List<Owner>> e : owners.entrySet()) {
            long ino = e.getKey();
            if (t.inet().containsKey(ino) || t.unix().containsKey(ino) || t.netlink().contains(ino)) {
                continue;
            }
            int pid = e.getValue().get(0).pid();
            if (!tried.add(pid)) {
                continue;
            }
            Path net = proc.resolve(pid + "/net");
            for (DiagEntry d : procNet(net)) {
                if (owners.containsKey(d.inode()) && t.inet().putIfAbsent(d.inode(), d) == null) {
                    found++;
                }
            }
            for (ProcNet.UnixRow u : ProcNet.unix(read(net.resolve("unix")))) {
                t.unix().putIfAbsent(u.inode(), u);
            }
        }
        if (found > 0) {
            limitations.add("cookie, unacked and not-sent bytes: unknown for " + found + " socket(s) in other network"
                    + " namespaces (read from /proc/PID/net, which sock_diag does not cover)");
        }
    }

    private static List<DiagEntry> procNet(Path net) {
        List<DiagEntry> out = new ArrayList<>();
        out.addAll(ProcNet.inet(read(net.resolve("tcp")), 2, 6, ProcNet.LITTLE_ENDIAN));
        out.addAll(ProcNet.inet(read(net.resolve("tcp6")), 10, 6, ProcNet.LITTLE_ENDIAN));
        out.addAll(ProcNet.inet(read(net.resolve("udp")), 2, 17, ProcNet.LITTLE_ENDIAN));
        out.addAll(ProcNet.inet(read(net.resolve("udp6")), 10, 17, ProcNet.LITTLE_ENDIAN));
        return out;
    }

    private Map<Long, SocketSnapshot.Linger> lingers(List<Long> inodes, Map<Long, List<Owner>> owners, Snapshots.Tables t,
                                                     List<String> limitations) {
        Map<Long, SocketSnapshot.Linger> out = new HashMap<>();
        Map<String, Integer> failures = new java.util.LinkedHashMap<>();
        try (SocketProbe p = new SocketProbe(proc)) {
            for (long ino : inodes) {
                DiagEntry d = t.inet().get(ino);
                List<Owner> own = owners.get(ino);
                if (d == null || d.protocol() != 6 || own == null) {
                    continue; // SO_LINGER shapes TCP closes only
                }
                SocketProbe.Result r = null;
                for (Owner o : own) {
                    r = p.linger(o.pid(), (int) o.handle(), ino);
                    if (r.linger() != null) {
                        out.put(ino, r.linger());
                        break;
                    }
                }
                if (r != null && r.linger() == null) {
                    failures.merge(SocketProbe.why(r.errno()), 1, Integer::sum);
                }
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            failures.merge("native calls unavailable: " + e.getMessage(), 1, Integer::sum);
        }
        failures.forEach((why, n) -> limitations.add("SO_LINGER: unknown for " + n + " socket(s): " + why));
        return out;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
