package wsclose.os.linux;

import java.util.List;
import wsclose.os.SocketSnapshot;

/**
 * One trace_pipe line: header facts (thread, process, CPU, interrupt context, time) and the payload values in
 * the order of the event's format file. The reader thread adds what must be read from /proc at once, before the
 * fd or process is gone: the inode behind a new fd, a process's socket fds, a child's thread group, SO_LINGER.
 */
final class Rec extends Item {
    private static final java.util.Set<String> HEX = java.util.Set.of("skaddr", "skbaddr", "sk", "sock_cookie");

    final int tid;
    int tgid;
    final int cpu;
    /** Logged in softirq or hardirq context: the running task has nothing to do with the socket (§B.4 lesson 1). */
    final boolean irq;
    final String event;
    final EventFormat format;
    final String[] values;

    /** Inode the new fd names (socket/accept exits), -1 unknown. */
    long inode = -1;
    /** When {@link #inode} was read from /proc (CLOCK_MONOTONIC ns, the clock of {@code mono}), -1 unknown. */
    long inodeAt = -1;
    /** The process's socket fds when it was rescanned (exec, recvmsg), or null. */
    List<ProcScan.Fd> fds;
    /** Thread group of a forked child, -1 unknown. */
    int childTgid = -1;
    /** SO_LINGER read right after a successful setsockopt(SO_LINGER), or null. */
    SocketSnapshot.Linger linger;

    Rec(long mono, int tid, int tgid, int cpu, boolean irq, String event, EventFormat format, String[] values) {
        super(mono);
        this.tid = tid;
        this.tgid = tgid;
        this.cpu = cpu;
        this.irq = irq;
        this.event = event;
        this.format = format;
        this.values = values;
    }

    String text(String field) {
        int i = format.position(field);
        return i < 0 ? null : values[i];
    }

    boolean has(String field) {
        return text(field) != null;
    }

    /**
     * A numeric field: fields-mode "0x3 (3)", "(1)", plain "0x1f", decimal, true/false, or a symbolic name the
     * format's print fmt maps (default mode prints "TCP_ESTABLISHED"). Pointers and cookies print as bare hex in
     * default mode.
     */
    long num(String field, long missing) {
        String v = text(field);
        if (v == null || v.isEmpty() || v.charAt(0) == '<') {
            return missing;
        }
        try {
            if (v.startsWith("0x")) {
                int sp = v.indexOf(' ');
                return Long.parseUnsignedLong(v.substring(2, sp < 0 ? v.length() : sp), 16);
            }
            if (v.charAt(0) == '(') {
                String in = v.substring(1, v.indexOf(')'));
                return in.startsWith("0x") ? Long.parseUnsignedLong(in.substring(2), 16) : Long.parseLong(in);
            }
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true") ? 1 : 0;
            }
            if (HEX.contains(field)) {
                return Long.parseUnsignedLong(v, 16);
            }
            return Long.parseLong(v);
        } catch (RuntimeException e) {
            java.util.Map<Long, String> t = format.symbols().get(field);
            if (t != null) {
                for (java.util.Map.Entry<Long, String> s : t.entrySet()) {
                    if (s.getValue().equals(v)) {
                        return s.getKey();
                    }
                }
            }
            return missing;
        }
    }

    /** An IPv4 address field: fields mode prints the 4 bytes as one host-order u32, default mode as text. */
    String ipv4(String field) {
        String v = text(field);
        if (v == null || v.startsWith("<")) {
            return null;
        }
        if (v.indexOf('.') > 0) {
            return v;
        }
        long n = num(field, -1);
        if (n < 0) {
            return null;
        }
        int x = (int) n;
        return ProcNet.LITTLE_ENDIAN
                ? (x & 0xFF) + "." + (x >>> 8 & 0xFF) + "." + (x >>> 16 & 0xFF) + "." + (x >>> 24 & 0xFF)
                : (x >>> 24 & 0xFF) + "." + (x >>> 16 & 0xFF) + "." + (x >>> 8 & 0xFF) + "." + (x & 0xFF);
    }

    @Override
    public String toString() {
        return event + "@" + mono + " tid " + tid + " tgid " + tgid + " " + java.util.Arrays.toString(values);
    }
}
