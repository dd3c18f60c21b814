package wsclose.os.linux;

import java.util.Map;

/**
 * Parses trace_pipe text lines (live-mode.md §B.4):
 * <pre>
 *   python3-6902    (   6902) [001] .....   885.229246: inet_sock_set_state: skaddr=0xffff888102da1bc0 (-131...) ...
 *   COMM-TID        ( TGID)   [CPU] FLAGS   SECONDS:    EVENT:            PAYLOAD
 * </pre>
 * The {@code ( TGID)} column is there with options/record-tgid. The payload is "field=value" in format-file
 * order with options/fields (raw values, pointers unhashed), else the event's print fmt; syscalls then print as
 * {@code sys_close(fd: 3)} and {@code sys_close -> 0x0}. Lines it cannot read count as {@link #unparsed()}; ring
 * buffer overruns appear as {@code CPU:1 [LOST 123 EVENTS]}.
 */
final class LineParser {
    private final Map<String, EventFormat> formats;
    private long unparsed;
    private long lost;

    LineParser(Map<String, EventFormat> formats) {
        this.formats = formats;
    }

    long unparsed() {
        return unparsed;
    }

    /** Events the pipe itself said were lost ([LOST n EVENTS] lines). */
    long lost() {
        return lost;
    }

    /**
     * Parses made-up lines of every known event until the JIT has compiled the parser. The first records of a
     * traced command come while the JVM is cold, and a reader that lags loses the race for the inode of a socket
     * that lives only a millisecond (the readlink must happen while the fd exists).
     */
    void warmUp(int rounds) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (EventFormat f : formats.values()) {
            StringBuilder sb = new StringBuilder("          python3-4242    (   4242) [001] .....  1234.567890: ").append(f.name()).append(':');
            for (String field : f.fields()) {
                sb.append(' ').append(field).append("=0x1f (31)");
            }
            lines.add(sb.toString());
        }
        long before = unparsed;
        for (int i = 0; i < rounds; i++) {
            for (String l : lines) {
                Rec r = parse(l);
                if (r != null) {
                    r.num(r.format.fields().isEmpty() ? "x" : r.format.fields().get(0), 0);
                }
            }
        }
        unparsed = before;
    }

    /** The record, or null for a line that is not an event we asked for. */
    Rec parse(String line) {
        try {
            return parseOrThrow(line);
        } catch (RuntimeException e) {
            unparsed++;
            return null;
        }
    }

    private Rec parseOrThrow(String line) {
        if (line.startsWith("CPU:") && line.contains("[LOST ")) {
            int a = line.indexOf("[LOST ") + 6;
            lost += Long.parseLong(line.substring(a, line.indexOf(' ', a)));
            return null;
        }
        // The CPU column "[NNN] " is the anchor: the comm before it may hold spaces, dashes and brackets.
        int lb = -1;
        for (int i = line.indexOf('['); i >= 0; i = line.indexOf('[', i + 1)) {
            int rb = line.indexOf(']', i);
            if (rb > i + 1 && rb + 1 < line.length() && line.charAt(rb + 1) == ' ' && digits(line, i + 1, rb)) {
                lb = i;
                break;
            }
        }
        if (lb < 0) {
            unparsed++;
            return null;
        }
        int rb = line.indexOf(']', lb);
        int cpu = Integer.parseInt(line.substring(lb + 1, rb));
        String head = line.substring(0, lb).stripTrailing();
        int tgid = -1;
        if (head.endsWith(")")) {
            int open = head.lastIndexOf('(');
            String t = head.substring(open + 1, head.length() - 1).trim();
            tgid = t.isEmpty() || t.charAt(0) == '-' ? -1 : Integer.parseInt(t);
            head = head.substring(0, open).stripTrailing();
        }
        int tid = Integer.parseInt(head.substring(head.lastIndexOf('-') + 1));
        int p = rb + 1;
        while (line.charAt(p) == ' ') {
            p++;
        }
        int flagsEnd = line.indexOf(' ', p);
        String flags = line.substring(p, flagsEnd);
        boolean irq = flags.length() > 2 && (flags.charAt(2) == 's' || flags.charAt(2) == 'h' || flags.charAt(2) == 'H');
        p = flagsEnd;
        while (line.charAt(p) == ' ') {
            p++;
        }
        int colon = line.indexOf(": ", p);
        long mono = seconds(line, p, colon);
        int evStart = colon + 2;
        int evEnd = evStart;
        while (evEnd < line.length() && (Character.isLetterOrDigit(line.charAt(evEnd)) || line.charAt(evEnd) == '_')) {
            evEnd++;
        }
        if (evEnd >= line.length() || line.charAt(evEnd) != ':') {
            // default-mode syscall: "sys_close(fd: 3)" or "sys_close -> 0x0"
            return syscall(line.substring(evStart), mono, tid, tgid, cpu, irq);
        }
        String event = line.substring(evStart, evEnd);
        String rest = evEnd + 2 <= line.length() ? line.substring(evEnd + 2) : "";
        EventFormat f = formats.get(event);
        if (f == null) {
            return null; // markers and events we did not enable
        }
        return new Rec(mono, tid, tgid, cpu, irq, event, f, values(f, rest));
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** "885.229246" -> nanoseconds. */
    static long seconds(String s, int from, int to) {
        int dot = s.indexOf('.', from);
        if (dot < 0 || dot > to) {
            return Long.parseLong(s.substring(from, to)) * 1_000_000_000L;
        }
        long sec = Long.parseLong(s.substring(from, dot));
        String frac = s.substring(dot + 1, to);
        long ns = Long.parseLong(frac);
        for (int i = frac.length(); i < 9; i++) {
            ns *= 10;
        }
        return sec * 1_000_000_000L + ns;
    }

    /**
     * "name=value name=value": options/fields prints every field in format order as {@code 0x3 (3)},
     * {@code (0xffff...)}, {@code <INVALID-SIZE>} or plain text (a comm, which may hold spaces); default mode
     * prints the print fmt's "name=value" pairs. A text value runs up to the next " word=". Names missing from
     * the line stay null.
     */
    static String[] values(EventFormat f, String payload) {
        java.util.List<String> names = f.fields();
        String[] out = new String[names.size()];
        int hint = 0;
        for (int i = 0; i < names.size(); i++) {
            String key = names.get(i) + "=";
            int at = payload.startsWith(key, hint) ? hint : find(payload, key);
            if (at < 0) {
                continue;
            }
            int start = at + key.length();
            int end = valueEnd(payload, start);
            out[i] = payload.substring(start, end);
            hint = Math.min(payload.length(), end + 1);
        }
        return out;
    }

    private static int valueEnd(String s, int start) {
        if (s.startsWith("0x", start)) {
            int sp = s.indexOf(' ', start);
            if (sp >= 0 && sp + 1 < s.length() && s.charAt(sp + 1) == '(') {
                return s.indexOf(')', sp) + 1;
            }
            return sp < 0 ? s.length() : sp;
        }
        if (start < s.length() && (s.charAt(start) == '(' || s.charAt(start) == '<')) {
            int close = s.indexOf(s.charAt(start) == '(' ? ')' : '>', start);
            return close < 0 ? s.length() : close + 1;
        }
        for (int sp = s.indexOf(' ', start); sp >= 0; sp = s.indexOf(' ', sp + 1)) {
            int j = sp + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j > sp + 1 && j < s.length() && s.charAt(j) == '=') {
                return sp;
            }
        }
        return s.length();
    }

    /** "key=" at the start of the payload or after a space. */
    private static int find(String payload, String key) {
        for (int i = payload.indexOf(key); i >= 0; i = payload.indexOf(key, i + 1)) {
            if (i == 0 || payload.charAt(i - 1) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** Default-mode syscall lines: "sys_write(fd: 0x63, buf: ..., count: 1)" and "sys_write -> 0xfffffffffffffff7". */
    private Rec syscall(String s, long mono, int tid, int tgid, int cpu, boolean irq) {
        int arrow = s.indexOf(" -> ");
        if (arrow > 0) {
            String name = s.substring(s.startsWith("sys_") ? 4 : 0, arrow);
            EventFormat f = formats.get("sys_exit_" + name);
            if (f == null) {
                return null;
            }
            String[] v = new String[f.fields().size()];
            int ret = f.fields().indexOf("ret");
            if (ret >= 0) {
                v[ret] = s.substring(arrow + 4).trim();
            }
            return new Rec(mono, tid, tgid, cpu, irq, f.name(), f, v);
        }
        int open = s.indexOf('(');
        if (open < 0 || !s.endsWith(")")) {
            return null;
        }
        EventFormat f = formats.get("sys_enter_" + s.substring(s.startsWith("sys_") ? 4 : 0, open));
        if (f == null) {
            return null;
        }
        String[] v = new String[f.fields().size()];
        for (String arg : s.substring(open + 1, s.length() - 1).split(", ")) {
            int c = arg.indexOf(": ");
            if (c > 0) {
                int i = f.fields().indexOf(arg.substring(0, c));
                if (i >= 0) {
                    v[i] = arg.substring(c + 2);
                }
            }
        }
        return new Rec(mono, tid, tgid, cpu, irq, f.name(), f, v);
    }
}
