package wsclose.os.linux;

/**
 * Linux TCP state numbers (include/net/tcp_states.h, also the __print_symbolic table of
 * sock:inet_sock_set_state) and their MIB_TCP_STATE equivalents, which {@code SocketEvent} uses for every
 * platform (SocketEvent class comment).
 */
final class TcpStates {
    static final int ESTABLISHED = 1;
    static final int SYN_SENT = 2;
    static final int CLOSE = 7;
    static final int LISTEN = 10;

    private static final String[] NAMES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
        "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};
    /** Linux state -> MIB_TCP_STATE (1 CLOSED, 2 LISTEN, 3 SYN_SENT, 4 SYN_RCVD, 5 ESTABLISHED, 6 FIN_WAIT1,
     *  7 FIN_WAIT2, 8 CLOSE_WAIT, 9 CLOSING, 10 LAST_ACK, 11 TIME_WAIT, 12 DELETE_TCB). */
    private static final int[] MIB = {0, 5, 3, 4, 6, 7, 11, 1, 8, 10, 2, 9, 4};

    private TcpStates() {
    }

    static String name(int linuxState) {
        return linuxState > 0 && linuxState < NAMES.length ? NAMES[linuxState] : "STATE_" + linuxState;
    }

    static int mib(int linuxState) {
        return linuxState > 0 && linuxState < MIB.length ? MIB[linuxState] : 0;
    }

    /** States in which unread received data makes close() reset the connection (tcp_close). */
    static boolean connected(int linuxState) {
        return linuxState == ESTABLISHED || linuxState == 8 /* CLOSE_WAIT */ || linuxState == 4 || linuxState == 5;
    }
}
