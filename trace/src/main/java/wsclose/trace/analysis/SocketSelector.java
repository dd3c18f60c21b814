package wsclose.trace.analysis;

import wsclose.trace.model.HandleRef;

/**
 * A socket named on the command line: an endpoint address ("0xffffa50c3e5f2010", the AFD endpoint on
 * Windows, the inode on Linux) or a handle "PID:HANDLE" ("1234:0x1a4" or "1234:420").
 */
public record SocketSelector(long endpoint, int pid, long handle) {

    public static SocketSelector parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        try {
            if (colon > 0) {
                return new SocketSelector(-1, Integer.parseInt(t.substring(0, colon)), number(t.substring(colon + 1)));
            }
            return new SocketSelector(number(t), -1, -1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a socket: give an endpoint (0xffffa50c3e5f2010)"
                    + " or PID:HANDLE (1234:0x1a4)");
        }
    }

    private static long number(String s) {
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
    }

    public boolean matches(SocketSummary s) {
        if (pid < 0) {
            return s.endpoint() == endpoint;
        }
        for (HandleRef h : s.handles()) {
            if (h.pid() == pid && h.handle() == handle) {
                return true;
            }
        }
        return false;
    }
}
