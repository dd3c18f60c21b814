package wsclose.trace.decode;

import java.util.Locale;

/** Words for socket parameters in timelines: "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)". */
final class SocketNames {
    private SocketNames() {
    }

    static String create(long family, long type, long protocol) {
        long key = family << 40 ^ (type & 0xFFFFF) << 20 ^ (protocol & 0xFFFFF);
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 58);
        Created c = CREATED[slot];
        if (c != null && c.family == family && c.type == type && c.protocol == protocol) {
            return c.text; // the same few triples on every socket of a trace: one string each
        }
        String text = "socket(" + family(family) + ", " + type(type) + ", " + protocol(protocol) + ")";
        CREATED[slot] = new Created(family, type, protocol, text);
        return text;
    }

    /** Immutable entries, one reference per slot: threads sharing the cache see a whole entry or another one. */
    private record Created(long family, long type, long protocol, String text) {
    }

    private static final Created[] CREATED = new Created[64];

    static String family(long f) {
        switch ((int) f) {
            case 2: return "AF_INET";
            case 23: return "AF_INET6";
            case 1: return "AF_UNIX";
            default: return "AF_" + f;
        }
    }

    /** WINSOCK_SocketType_ValueMap. */
    static String type(long t) {
        switch ((int) t) {
            case 1: return "SOCK_STREAM";
            case 2: return "SOCK_DGRAM";
            case 3: return "SOCK_RAW";
            case 4: return "SOCK_RDM";
            case 5: return "SOCK_SEQPACKET";
            default: return "type " + t;
        }
    }

    static String protocol(long p) {
        switch ((int) p) {
            case 6: return "IPPROTO_TCP";
            case 17: return "IPPROTO_UDP";
            case 0: return "0";
            default: return "protocol " + p;
        }
    }

    /** "ip:port" from the legacy events' separate Address and Port fields (IPv6 in brackets). */
    static String address(Fields f) {
        String ip = f.getString("Address");
        long port = f.getLong("Port", -1);
        if (ip == null || port < 0) {
            return null;
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** TCP_CONNECTION_STATE_ValueMap (TCPIP provider) → MIB_TCP_STATE (the model's numbering) = value + 1. */
    static long mibState(long tcpipState) {
        return tcpipState + 1;
    }

    private static final String[] TCP_STATES = {"?", "CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT1",
        "FIN_WAIT2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "DELETE_TCB"};
    /** "ESTABLISHED->FIN_WAIT1" for every pair of MIB states, built once (one per state-change event otherwise). */
    private static final String[][] TRANSITIONS = new String[TCP_STATES.length][TCP_STATES.length];

    static {
        for (int i = 1; i < TCP_STATES.length; i++) {
            for (int j = 1; j < TCP_STATES.length; j++) {
                TRANSITIONS[i][j] = TCP_STATES[i] + "->" + TCP_STATES[j];
            }
        }
    }

    static String tcpState(long mib) {
        return mib >= 1 && mib < TCP_STATES.length ? TCP_STATES[(int) mib] : "state " + mib;
    }

    static String tcpTransition(long from, long to) {
        return from >= 1 && from < TCP_STATES.length && to >= 1 && to < TCP_STATES.length ? TRANSITIONS[(int) from][(int) to]
                : tcpState(from) + "->" + tcpState(to);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
