package wsclose.os.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import wsclose.os.LiveException;

/**
 * Sets up the two tracefs instances of a live trace: options, the events the running kernel has (detected from
 * events/SYSTEM/NAME/format, live-mode.md §B.4 table), their filters, and the pid filter. Also starts a
 * {@code -- COMMAND} stopped, so that tracing is on before its first instruction.
 */
final class Sessions {
    /** TCP tracepoints, recorded in every context (the "net" instance). */
    static final List<String[]> NET = List.of(
            new String[] {"sock", "inet_sock_set_state", "protocol == 6"},
            new String[] {"tcp", "tcp_send_reset", null},
            new String[] {"tcp", "tcp_receive_reset", null},
            new String[] {"tcp", "tcp_destroy_sock", null},
            // snd_una of every segment an established socket receives (Linux 4.16+): the acknowledgements that make
            // the bytes an abortive close discards exact. Unfiltered: the sockets of interest change while tracing.
            new String[] {"tcp", "tcp_probe", null});
    /** Syscalls whose enter and exit both matter (enter: the fd; exit: the new fd or the errno). */
    static final List<String> SYSCALLS = List.of("socket", "accept", "accept4", "close", "close_range", "shutdown", "dup",
            "dup2", "dup3", "fcntl", "setsockopt", "connect", "listen", "sendto", "sendmsg", "sendmmsg", "recvfrom", "recvmsg",
            "recvmmsg", "write", "writev", "read", "readv");
    /** Process-context events of the traced processes (the "sys" instance). */
    static final List<String[]> SYS_OTHER = List.of(
            new String[] {"sched", "sched_process_fork", null},
            new String[] {"sched", "sched_process_exec", null},
            new String[] {"sched", "sched_process_exit", null});

    /** An instance, the formats of the events it will record, and those events with their filters. */
    record Setup(Tracefs.Instance instance, Map<String, EventFormat> formats, List<String[]> events) {
    }

    private Sessions() {
    }

    static Setup net(Tracefs fs, String name, List<String> notes) throws IOException {
        Tracefs.Instance i = fs.create(name);
        options(i, 2048, notes);
        return detect(fs, i, NET, notes);
    }

    static Setup sys(Tracefs fs, String name, List<String> notes) throws IOException {
        Tracefs.Instance i = fs.create(name);
        options(i, 16384, notes);
        i.write("options/event-fork", "1"); // new threads and children of traced tasks join the pid filter
        List<String[]> wanted = new ArrayList<>();
        for (String s : SYSCALLS) {
            wanted.add(new String[] {"syscalls", "sys_enter_" + s, null});
            wanted.add(new String[] {"syscalls", "sys_exit_" + s, null});
        }
        wanted.addAll(SYS_OTHER);
        Setup setup = detect(fs, i, wanted, notes);
        if (!setup.formats().containsKey("sys_enter_close") || !setup.formats().containsKey("sys_exit_close")) {
            throw new LiveException(LiveException.Reason.FACILITY, "the kernel has no syscall tracepoints"
                    + " (events/syscalls/sys_enter_close is missing: CONFIG_FTRACE_SYSCALLS is off)");
        }
        return setup;
    }

    private static void options(Tracefs.Instance i, int bufferKb, List<String> notes) throws IOException {
        i.write("tracing_on", "0");
        i.write("options/record-tgid", "1");
        i.write("trace_clock", "mono"); // CLOCK_MONOTONIC, the clock of System.nanoTime on Linux
        // wsclose.tracefs.fields=false forces the print-fmt text of kernels without options/fields (for testing that path)
        if (i.has("options/fields") && !"false".equals(System.getProperty("wsclose.tracefs.fields"))) {
            i.write("options/fields", "1"); // raw field values: unhashed skaddr, numbers instead of names
        } else if (!notes.contains(FIELDS_NOTE)) {
            notes.add(FIELDS_NOTE);
        }
        i.write("buffer_size_kb", Integer.toString(bufferKb));
        if (i.has("buffer_percent")) {
            // poll(2) on trace_pipe waits for the buffer to be this full (default 50%): 0 wakes the reader at the first
            // event, so it can read /proc while a short-lived fd still exists
            i.write("buffer_percent", "0");
        }
        i.write("tracing_on", "1");
    }

    static final String FIELDS_NOTE = "tracefs options/fields is not in use (it came with Linux 6.10): TCP state changes"
            + " are matched by address and syscall context only";

    private static Setup detect(Tracefs fs, Tracefs.Instance i, List<String[]> wanted, List<String> notes) {
        Map<String, EventFormat> formats = new HashMap<>();
        List<String[]> have = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String[] e : wanted) {
            String text = fs.format(e[0], e[1]);
            if (text == null) {
                missing.add(e[0] + ":" + e[1]);
                continue;
            }
            formats.put(e[1], EventFormat.parse(text));
            have.add(e);
        }
        if (!missing.isEmpty()) {
            notes.add("this kernel lacks " + String.join(", ", missing) + "; what they report is not traced");
        }
        return new Setup(i, formats, have);
    }

    static void enable(Setup s) throws IOException {
        for (String[] e : s.events()) {
            try {
                s.instance().enable(e[0], e[1], e[2]);
            } catch (IOException ex) {
                if (e[2] == null) {
                    throw ex;
                }
                s.instance().enable(e[0], e[1], null); // a kernel that rejects the filter: record unfiltered
            }
        }
    }

    /**
     * The pid filter of the syscall instance: every thread of the targets (set_event_pid); or, when tracing every
     * process, every thread of wsclose itself excluded (set_event_notrace_pid) so that reading trace_pipe does not
     * trace itself. event-fork extends either list to new threads and children.
     */
    static void filterPids(Tracefs.Instance sys, Set<Integer> targets, boolean all, Path proc) throws IOException {
        StringJoiner tids = new StringJoiner(" ");
        if (all) {
            for (int tid : ProcScan.threads(proc, (int) ProcessHandle.current().pid())) {
                tids.add(Integer.toString(tid));
            }
            sys.write("set_event_notrace_pid", tids.toString());
            return;
        }
        for (int pid : targets) {
            tids.add(Integer.toString(pid));
            for (int tid : ProcScan.threads(proc, pid)) {
                if (tid != pid) {
                    tids.add(Integer.toString(tid));
                }
            }
        }
        sys.write("set_event_pid", tids.toString());
    }

    /**
     * Starts {@code command} through {@code sh -c 'kill -STOP $$; exec "$@" 1>&2'}: the shell stops itself before
     * exec, wsclose adds its pid to the filter, then sends SIGCONT. The command's stdout goes to wsclose's stderr,
     * because wsclose's stdout carries the report.
     */
    static Process startStopped(List<String> command, Path proc) throws IOException {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "kill -STOP $$; exec \"$@\" 1>&2", "wsclose-command"));
        argv.addAll(command);
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new LiveException(LiveException.Reason.FACILITY, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (stopped(proc, p.pid())) {
                return p;
            }
            if (!p.isAlive()) {
                throw new LiveException(LiveException.Reason.FACILITY, "cannot start " + command.get(0) + ": /bin/sh exited with "
                        + p.exitValue());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroyForcibly();
        throw new LiveException(LiveException.Reason.FACILITY, "cannot start " + command.get(0) + ": it did not stop for tracing");
    }

    /** /proc/PID/stat state 'T' (stopped). The comm in parentheses may hold spaces, so look after the last ')'. */
    static boolean stopped(Path proc, long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"));
            int rp = stat.lastIndexOf(')');
            return rp > 0 && stat.length() > rp + 2 && stat.charAt(rp + 2) == 'T';
        } catch (IOException e) {
            return false;
        }
    }
}
