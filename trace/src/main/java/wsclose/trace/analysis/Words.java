package wsclose.trace.analysis;

/** Shared wording for finding messages: numbers, durations and socket names in plain words. */
final class Words {
    private Words() {
    }

    /**
     * The parts one after another, made at their total length in one allocation. A finding's message is some hundreds
     * of characters, and {@code +} (compiled as StringBuilder code, parent pom) grew it from 16 characters in six
     * copies: about 2 KB of garbage per finding (with the table's reused line buffer, 98 -> 84 bytes per input event
     * on the 1.1 GB mixed trace).
     */
    static String join(String... parts) {
        return String.join("", parts);
    }

    static String bytes(long n) {
        return Numbers.grouped(n);
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * "0x" + Long.toHexString(v), written into one array: every finding names its socket's endpoint several times
     * (message, table, JSON), and the concatenation's builder and its growth were 3.8 bytes of every input event's
     * allocation on the 1.1 GB mixed trace.
     */
    static String hex(long v) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        byte[] b = new byte[2 + digits];
        b[0] = '0';
        b[1] = 'x';
        for (int i = b.length - 1; i >= 2; i--) {
            b[i] = HEX_DIGITS[(int) (v & 15)];
            v >>>= 4;
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A duration in 100-ns units: "12.5 ms", "3.0 s". */
    static String duration(long ticks) {
        if (ticks < 10_000) {
            return Numbers.fixed(ticks, 10, 0) + " µs";
        }
        if (ticks < 10_000_000) {
            return Numbers.fixed(ticks, 10_000, 1) + " ms";
        }
        return Numbers.fixed(ticks, 10_000_000, 1) + " s";
    }

    /**
     * AFD's abort reasons are a handful of small numbers, and the evidence of every finding of an abortive close names
     * one: each text is made once (making them again was 1.8 bytes of every input event's allocation on the 1.1 GB
     * mixed trace). Filled racily but safely: a String is immutable and any copy is equal.
     */
    private static final String[] AFD_ABORTS = new String[64];

    /** "AFD abort: reason 7 (pending data on connection when disconnect called)". */
    static String afdAbort(long r) {
        if (r >= 0 && r < AFD_ABORTS.length) {
            String s = AFD_ABORTS[(int) r];
            if (s == null) {
                s = afdAbortText(r);
                AFD_ABORTS[(int) r] = s;
            }
            return s;
        }
        return afdAbortText(r);
    }

    private static String afdAbortText(long r) {
        return "AFD abort: reason " + r + " (" + wsclose.trace.model.Codes.afdAbortReason(r) + ")";
    }

    /** Whether the socket was seen by a Linux source: messages then name the POSIX calls, not Winsock's. */
    static boolean linux(SocketSummary s) {
        return s != null && s.sources().contains("LINUX");
    }

    /** "closesocket" or "close()". */
    static String close(SocketSummary s) {
        return linux(s) ? "close()" : "closesocket";
    }

    /** "shutdown(SD_SEND)" or "shutdown(SHUT_WR)". */
    static String shutdownSend(SocketSummary s) {
        return linux(s) ? "shutdown(SHUT_WR)" : "shutdown(SD_SEND)";
    }

    /** What to set a closed socket variable to: "INVALID_SOCKET" or "-1". */
    static String invalid(SocketSummary s) {
        return linux(s) ? "-1" : "INVALID_SOCKET";
    }

    /** "socket 0xffffa50c3e5f2010 (pid 1234 app.exe, 10.0.0.1:5000 -> 10.0.0.2:443)". */
    static String socket(SocketSummary s) {
        if (s == null) {
            return "an unknown socket";
        }
        StringBuilder sb = new StringBuilder(96).append("socket ") // sized for the usual text: no copies while it grows
                .append(s.linux() ? wsclose.trace.model.LinuxIds.words(s.endpoint()) : s.endpointText()).append(" (pid ")
                .append(s.pid());
        if (s.process() != null) {
            sb.append(' ').append(s.process());
        }
        if (s.local() != null || s.remote() != null) {
            sb.append(", ").append(s.local() == null ? "?" : s.local()).append(" -> ").append(s.remote() == null ? "?" : s.remote());
        }
        return sb.append(')').toString();
    }
}
