package wsclose.os.windows;

/**
 * TCP state names, the same words for TCP_INFO's TCPSTATE (0-based, live-mode.md §A.2.2) and the connection
 * tables' MIB_TCP_STATE (1-based, §A.2.4), spelled as wsclose prints them everywhere ("FIN_WAIT1").
 */
final class TcpStates {
    private static final String[] NAMES = {"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT1",
        "FIN_WAIT2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "DELETE_TCB"};

    private TcpStates() {
    }

    /** TCPSTATE (TCP_INFO.State) to its name. */
    static String ofTcpState(int s) {
        return s >= 0 && s < NAMES.length - 1 ? NAMES[s] : "STATE_" + s;
    }

    /** MIB_TCP_STATE (GetExtendedTcpTable dwState) to its name. */
    static String ofMib(int s) {
        return s >= 1 && s <= NAMES.length ? NAMES[s - 1] : "STATE_" + s;
    }
}
