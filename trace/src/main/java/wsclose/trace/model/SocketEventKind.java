package wsclose.trace.model;

/**
 * What happened. Grouped by the layer that reports it: the process table, the handle table, the
 * Winsock API (Winsock-Sockets, or syscalls on Linux), AFD (the socket itself) and TCP.
 */
public enum SocketEventKind {
    // processes: pid <-> EPROCESS and image name
    PROCESS_START, PROCESS_RUNDOWN, PROCESS_END,

    // handle table: object references (value = source pid of a duplicate; name = object type)
    HANDLE_CREATE, HANDLE_DUPLICATE, HANDLE_CLOSE, HANDLE_RUNDOWN,

    // the Winsock API boundary (status = Winsock error or errno)
    API_CREATE, API_ACCEPT, API_BIND, API_CONNECT, API_LISTEN, API_SETOPT, API_GETOPT, API_SHUTDOWN,
    API_SEND, API_RECV, API_CLOSE, API_DUP,

    // AFD: the socket endpoint (value of ABORT = reason; value of ACCEPT = accepted endpoint)
    CREATE, BIND, LISTEN, CONNECT, ACCEPT, SEND, RECV, DATA_ARRIVED, SEND_BACKLOG, OPTION, DISCONNECT,
    CLOSE, ABORT, FREE,

    // TCP (value of TCP_STATE = new state, MIB_TCP_STATE numbering)
    TCP_CONNECTED, TCP_STATE, TCP_SEND_POSTED, TCP_ACKED, TCP_RECEIVED, TCP_SHUTDOWN, TCP_CLOSE, TCP_ABORT,
    TCP_RST_SENT, TCP_RST_RECEIVED, TCP_SUMMARY, TCP_DISCONNECT,
    /** TcpRequestConnect (1002): logged on the connecting thread, so it joins the TCB to that thread's socket. */
    TCP_CONNECT_REQUEST,
    /** TcpDataTransferSend (1073): a segment sent, with SeqNo and SndUna. */
    TCP_TRANSMIT,
    /** TcpDataTransferCumAck (1071): a cumulative acknowledgement, SndUna. */
    TCP_CUM_ACK,

    /** A live snapshot saw this socket (Linux procfs/sock_diag, Windows handle table). */
    OBSERVED,
    /** Queue sizes of a live socket: bytes = unread receive queue, value = send queue (unsent + unacked). */
    QUEUE_SAMPLE,
    /** A live source learnt the real identity of a socket it had to give a made-up one: endpoint = old, value = new. */
    IDENTITY;

    private final String word = name().startsWith("API_") ? name().substring(4).toLowerCase(java.util.Locale.ROOT)
            : name().toLowerCase(java.util.Locale.ROOT);

    private final boolean api = name().startsWith("API_");
    private final boolean tcp = name().startsWith("TCP_");

    /** A Winsock/system call (API_*): the model's dispatch asks per event, so it is a field, not a name test. */
    public boolean api() {
        return api;
    }

    /** A transport-level event (TCP_*). */
    public boolean tcp() {
        return tcp;
    }

    /** The kind as a word for messages: "send", "close", "setopt" (API_ prefix dropped). */
    public String word() {
        return word;
    }
}
