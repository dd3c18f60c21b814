package wsclose.trace.decode;

import java.util.function.Consumer;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Providers;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * Microsoft-Windows-TCPIP → socket events (etl-format.md §B.2): connection set-up (which gives the Tcb and
 * the 4-tuple that joins a TCB to its AFD endpoint, §B.6 step 4), state changes, send/acknowledge
 * accounting, and every way a connection ends: graceful shutdown, abort, RST sent or received, timeouts.
 * TCPIP's TCP_CONNECTION_STATE numbering (0 Closed … 10 TimeWait) is turned into the model's MIB numbering.
 */
final class TcpipEvents {
    /**
     * "RST sent (reason N)" made once per reason: TcpSendRst comes with every abortive close, and a text per event
     * was a byte of every input event's allocation on the 1.1 GB mixed trace. The reasons are a small enum.
     */
    private static final String[] RST_NAMES = new String[64];

    static String rstName(long reason) {
        if (reason < 0 || reason >= RST_NAMES.length) {
            return "RST sent (reason " + reason + ")";
        }
        String n = RST_NAMES[(int) reason];
        if (n == null) {
            n = "RST sent (reason " + reason + ")";
            RST_NAMES[(int) reason] = n; // equal whoever makes it first: a race is harmless
        }
        return n;
    }

    // Fields read by key: resolved once per layout (FieldKey).
    private static final FieldKey DATA_BYTES_IN = FieldKey.of("DataBytesIn");
    private static final FieldKey DATA_BYTES_OUT = FieldKey.of("DataBytesOut");
    private static final FieldKey DATA_LENGTH = FieldKey.of("DataLength");
    private static final FieldKey LOCAL_ADDRESS = FieldKey.of("LocalAddress");
    private static final FieldKey LOCAL_SOCK_ADDR = FieldKey.of("LocalSockAddr");
    private static final FieldKey NEW_STATE = FieldKey.of("NewState");
    private static final FieldKey NUM_BYTES = FieldKey.of("NumBytes");
    private static final FieldKey OLD_STATE = FieldKey.of("OldState");
    private static final FieldKey PID = FieldKey.of("Pid");
    private static final FieldKey PROCESS_ID = FieldKey.of("ProcessId");
    private static final FieldKey REASON = FieldKey.of("Reason");
    private static final FieldKey REMOTE_ADDRESS = FieldKey.of("RemoteAddress");
    private static final FieldKey REMOTE_SOCK_ADDR = FieldKey.of("RemoteSockAddr");
    private static final FieldKey SEQ_NO = FieldKey.of("SeqNo");
    private static final FieldKey SND_NXT = FieldKey.of("SndNxt");
    private static final FieldKey SND_UNA = FieldKey.of("SndUna");
    private static final FieldKey STATE = FieldKey.of("State");
    private static final FieldKey STATUS = FieldKey.of("Status");
    private static final FieldKey TCB = FieldKey.of("Tcb");

    private TcpipEvents() {
    }

    static void register(SocketDecoder d) {
        // Connection established: active open (1033) and passive open (1017); rundown of existing ones (1300).
        for (int id : new int[] {1033, 1017, 1300}) {
            d.on(Providers.TCPIP, id, (ev, f, out) -> {
                if (f.getLong(STATUS, 0) != 0) {
                    return;
                }
                SocketEvent.Builder b = tuple(out, SocketEventKind.TCP_CONNECTED, ev, f);
                owner(b, f.getLong(PROCESS_ID, f.getLong(PID, -1)));
                if (f.get(STATE) != null) {
                    b.value(SocketNames.mibState(f.getLong(STATE, 0)));
                }
                out.accept(b);
            });
        }
        d.on(Providers.TCPIP, 1051, (ev, f, out) -> {
            long from = SocketNames.mibState(f.getLong(OLD_STATE, 0));
            long to = SocketNames.mibState(f.getLong(NEW_STATE, 0));
            out.accept(at(out, SocketEventKind.TCP_STATE, ev, f).value(to).seq(f.getLong(SND_NXT, -1))
                    .name(SocketNames.tcpTransition(from, to)));
        });
        // TcpRequestConnect is logged on the thread that called connect (§C.7: one of the few TCPIP events whose
        // header context is the caller's), so the model joins its Tcb to that thread's connecting socket.
        d.on(Providers.TCPIP, 1002, (ev, f, out) -> out.accept(out.at(ev.fileTime(), SocketEventKind.TCP_CONNECT_REQUEST,
                Source.TCPIP).thread(-1, ev.tid()).tcb(f.getLong(TCB, 0)).localLater(f.later(LOCAL_ADDRESS))
                .remoteLater(f.later(REMOTE_ADDRESS))));
        d.on(Providers.TCPIP, 1159, (ev, f, out) -> out.accept(at(out, SocketEventKind.TCP_SEND_POSTED, ev, f)
                .bytes(f.getLong(NUM_BYTES, 0)).seq(f.getLong(SND_NXT, -1))));
        // Acknowledgements on every build: SndUna of TcpDataTransferCumAck (1071) and TcpDataTransferSend (1073)
        // (§C.6 item 4); the model turns SndUna progress into acknowledged bytes.
        d.on(Providers.TCPIP, 1071, (ev, f, out) -> out.accept(at(out, SocketEventKind.TCP_CUM_ACK, ev, f)
                .value(f.getLong(SND_UNA, 0)).seq(f.getLong(SEQ_NO, -1))));
        d.on(Providers.TCPIP, 1073, (ev, f, out) -> out.accept(at(out, SocketEventKind.TCP_TRANSMIT, ev, f)
                .bytes(f.getLong(NUM_BYTES, 0)).seq(f.getLong(SEQ_NO, -1)).value(f.getLong(SND_UNA, 0))));
        d.on(Providers.TCPIP, 1637, (ev, f, out) ->
                out.accept(at(out, SocketEventKind.TCP_ACKED, ev, f).bytes(f.getLong(NUM_BYTES, 0))));
        d.on(Providers.TCPIP, 1074, (ev, f, out) ->
                out.accept(at(out, SocketEventKind.TCP_RECEIVED, ev, f).bytes(f.getLong(NUM_BYTES, 0))));
        d.on(Providers.TCPIP, 1044, (ev, f, out) -> out.accept(tuple(out, SocketEventKind.TCP_SHUTDOWN, ev, f)));
        d.on(Providers.TCPIP, 1038, (ev, f, out) -> out.accept(tuple(out, SocketEventKind.TCP_CLOSE, ev, f)));
        ended(d, 1039, SocketEventKind.TCP_ABORT, "abort requested");
        ended(d, 1040, SocketEventKind.TCP_ABORT, "connection aborted");
        ended(d, 1468, SocketEventKind.TCP_ABORT, "aborted by the system");
        ended(d, 1045, SocketEventKind.TCP_ABORT, "connect timed out");
        ended(d, 1046, SocketEventKind.TCP_ABORT, "retransmission timeout");
        ended(d, 1047, SocketEventKind.TCP_ABORT, "keep-alive timeout");
        ended(d, 1048, SocketEventKind.TCP_ABORT, "disconnect timed out");
        ended(d, 1200, SocketEventKind.TCP_ABORT, "zero-window timeout");
        ended(d, 1201, SocketEventKind.TCP_ABORT, "FIN_WAIT2 timeout");
        d.on(Providers.TCPIP, 1479, (ev, f, out) -> out.accept(at(out, SocketEventKind.TCP_RST_SENT, ev, f)
                .localLater(f.later(LOCAL_SOCK_ADDR)).remoteLater(f.later(REMOTE_SOCK_ADDR))
                .name(rstName(f.getLong(REASON, 0)))));
        for (int id : new int[] {1183, 1184}) {
            d.on(Providers.TCPIP, id, (ev, f, out) -> out.accept(tuple(out, SocketEventKind.TCP_RST_RECEIVED, ev, f)));
        }
        d.on(Providers.TCPIP, 1555, (ev, f, out) -> out.accept(at(out, SocketEventKind.TCP_ABORT, ev, f)
                .name("terminated through NSI (SetTcpEntry)")));
        d.on(Providers.TCPIP, 1603, (ev, f, out) ->
                out.accept(at(out, SocketEventKind.TCP_DISCONNECT, ev, f).bytes(f.getLong(DATA_LENGTH, -1))));
        for (int id : new int[] {1352, 1477}) {
            d.on(Providers.TCPIP, id, (ev, f, out) -> out.accept(at(out, SocketEventKind.TCP_SUMMARY, ev, f)
                    .bytes(f.getLong(DATA_BYTES_OUT, -1)).value(f.getLong(DATA_BYTES_IN, 0))));
        }
    }

    private static void ended(SocketDecoder d, int id, SocketEventKind kind, String why) {
        d.on(Providers.TCPIP, id, (ev, f, out) -> out.accept(tuple(out, kind, ev, f).name(why)));
    }

    private static SocketEvent.Builder at(Emitter out, SocketEventKind kind, EtwEvent ev, Fields f) {
        // The header pid of TCPIP events is whatever context ran (often the System process); the model keys
        // them by Tcb, and the connection events carry the owning ProcessId in their payload.
        return out.at(ev.fileTime(), kind, Source.TCPIP).thread(-1, ev.tid()).tcb(f.getLong(TCB, 0));
    }

    private static SocketEvent.Builder tuple(Emitter out, SocketEventKind kind, EtwEvent ev, Fields f) {
        SocketEvent.Builder b = at(out, kind, ev, f).localLater(f.later(LOCAL_ADDRESS))
                .remoteLater(f.later(REMOTE_ADDRESS));
        owner(b, f.getLong(PROCESS_ID, -1));
        return b;
    }

    /** A payload ProcessId of 0 or 0xFFFFFFFF means unknown (ETWAnalyzer's TCPExtractor, §C.7). */
    private static void owner(SocketEvent.Builder b, long pid) {
        if (pid > 0 && pid < 0xFFFFFFFFL && pid <= Integer.MAX_VALUE) {
            b.pid((int) pid);
        }
    }

}
