package wsclose.trace.decode;

import java.util.function.Consumer;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Providers;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * Microsoft-Windows-Winsock-AFD → socket events (etl-format.md §B.1). Every 1000+/3000+ event starts with
 * EnterExit, Location, Process (EPROCESS) and Endpoint (the socket's identity); EnterExit says whether a
 * request started (0), completed (1), or is an AFD (2, 4) or transport (3) action. The Vista-era ids 1–41
 * carry Process and Endpoint without EnterExit; their meaning comes from MSDOC "Winsock Network Event
 * Tracing Details".
 */
final class AfdEvents {
    // Fields read by key: resolved once per layout (FieldKey).
    private static final FieldKey ACCEPT_ENDPOINT = FieldKey.of("AcceptEndpoint");
    private static final FieldKey ADDRESS = FieldKey.of("Address");
    private static final FieldKey ADDRESS_FAMILY = FieldKey.of("AddressFamily");
    private static final FieldKey BACKLOG = FieldKey.of("Backlog");
    private static final FieldKey BUFFER_LENGTH = FieldKey.of("BufferLength");
    private static final FieldKey BYTES_INDICATED = FieldKey.of("BytesIndicated");
    private static final FieldKey ENDPOINT = FieldKey.of("Endpoint");
    private static final FieldKey ENTER_EXIT = FieldKey.of("EnterExit");
    private static final FieldKey ERROR = FieldKey.of("Error");
    private static final FieldKey LOCATION = FieldKey.of("Location");
    private static final FieldKey OPTION = FieldKey.of("Option");
    private static final FieldKey PROCESS = FieldKey.of("Process");
    private static final FieldKey PROCESS_ID = FieldKey.of("ProcessId");
    private static final FieldKey PROTOCOL = FieldKey.of("Protocol");
    private static final FieldKey REASON = FieldKey.of("Reason");
    private static final FieldKey SEND_BACKLOG = FieldKey.of("SendBacklog");
    private static final FieldKey SOCKET_TYPE = FieldKey.of("SocketType");
    private static final FieldKey STATUS = FieldKey.of("Status");
    private static final FieldKey USER_MODE_PID = FieldKey.of("UserModePid");
    private static final FieldKey VALUE = FieldKey.of("Value");

    private AfdEvents() {
    }

    /** AFD_ABORT_ValueMap of the Win7 manifest (§B.1 value maps); Win10 builds log the same numbers, unmapped. */
    static String abortReason(long r) {
        return wsclose.trace.model.Codes.afdAbortReason(r);
    }

    /** AFD_OPTION_ValueMap (AfdOption 1035). */
    static String option(long o) {
        switch ((int) o) {
            case 0x1: return "SO_OOBINLINE";
            case 0x2: return "FIONBIO";
            case 0x6: return "SO_RCVBUF";
            case 0x7: return "SO_SNDBUF";
            case 0x9: return "SIO_ENABLE_CIRCULAR_QUEUEING";
            case 0xB: return "SIO_UDP_CONNRESET";
            case 0xD: return "IPV6_V6ONLY";
            case 0xF: return "SIO_UDP_NETRESET";
            default: return "option 0x" + Long.toHexString(o);
        }
    }

    static void register(SocketDecoder d) {
        on(d, SocketEventKind.CREATE, 1000);
        on(d, SocketEventKind.CLOSE, 1001);
        on(d, SocketEventKind.FREE, 1002);
        on(d, SocketEventKind.SEND, 1003, 1005, 1007, 1011, 1013);
        on(d, SocketEventKind.RECV, 1004, 1006, 1009, 1012, 1015);
        on(d, SocketEventKind.CONNECT, 1017, 1018, 1020, 1021);
        on(d, SocketEventKind.ACCEPT, 1023, 1024, 1026, 1027);
        on(d, SocketEventKind.BIND, 1029, 1030);
        on(d, SocketEventKind.ABORT, 1032);
        on(d, SocketEventKind.OPTION, 1035);
        on(d, SocketEventKind.LISTEN, 1037);
        on(d, SocketEventKind.DATA_ARRIVED, 3003, 3004);
        on(d, SocketEventKind.DISCONNECT, 3006);
        on(d, SocketEventKind.SEND_BACKLOG, 3007);
        legacy(d);
    }

    private static void on(SocketDecoder d, SocketEventKind kind, int... ids) {
        for (int id : ids) {
            d.on(Providers.WINSOCK_AFD, id, (ev, f, out) -> map(kind, ev, f, out));
        }
    }

    static Phase phase(long enterExit) {
        switch ((int) enterExit) {
            case 0: return Phase.ENTER;
            case 1: return Phase.EXIT;
            case 3: return Phase.TRANSPORT;
            default: return Phase.AFD_INTERNAL;
        }
    }

    private static SocketEvent.Builder base(Emitter out, SocketEventKind kind, EtwEvent ev, Fields f) {
        return out.at(ev.fileTime(), kind, Source.AFD).thread(ev.pid(), ev.tid())
                .process(f.getLong(PROCESS, 0)).endpoint(f.getLong(ENDPOINT, 0));
    }

    /**
     * The header pid names the owner only when a request starts (EnterExit 0: logged in the caller's context).
     * Completions, indications, AfdClose at Locations 2000/2001 and aborts at 8016/8028 carry whatever process
     * ran (NETBLAME, etl-format.md §C.7); the owner of those is the payload's Process (EPROCESS).
     */
    private static void map(SocketEventKind kind, EtwEvent ev, Fields f, Emitter out) {
        Phase phase = phase(f.getLong(ENTER_EXIT, 2));
        long status = f.getLong(STATUS, 0);
        SocketEvent.Builder b = base(out, kind, ev, f).phase(phase).status(status);
        if (phase != Phase.ENTER) {
            b.pid(-1);
        }
        switch (kind) {
            case CREATE:
                if (phase != Phase.EXIT || status != 0) {
                    return; // only a created endpoint is a socket
                }
                long pid = f.getLong(PROCESS_ID, -1);
                if (pid > 0 && pid < Integer.MAX_VALUE) {
                    b.pid((int) pid);
                }
                b.name(SocketNames.create(f.getLong(ADDRESS_FAMILY, 0), f.getLong(SOCKET_TYPE, 0), f.getLong(PROTOCOL, 0)));
                break;
            case SEND:
            case RECV:
                // value = Location: completions at 3073 and 3024 repeat bytes of nested sends (§C.7).
                b.bytes(f.getLong(BUFFER_LENGTH, -1)).value(f.getLong(LOCATION, 0));
                b.remoteLater(f.later(ADDRESS)); // formatted only if a consumer reads it: the model rarely does
                break;
            case CONNECT:
                b.remoteLater(f.later(ADDRESS));
                break;
            case ACCEPT:
                b.remoteLater(f.later(ADDRESS)).value(f.getLong(ACCEPT_ENDPOINT, 0));
                break;
            case BIND:
                b.localLater(f.later(ADDRESS));
                break;
            case ABORT: {
                long reason = f.getLong(REASON, -1);
                b.value(reason).name(abortReason(reason)).status(0);
                break;
            }
            case OPTION:
                b.value(f.getLong(VALUE, 0)).name(option(f.getLong(OPTION, 0)) + " = " + f.getLong(VALUE, 0));
                break;
            case LISTEN:
                b.value(f.getLong(BACKLOG, 0));
                break;
            case DATA_ARRIVED:
                b.bytes(f.getLong(BUFFER_LENGTH, -1));
                break;
            case SEND_BACKLOG:
                b.value(f.getLong(SEND_BACKLOG, 0));
                break;
            default:
                break;
        }
        out.accept(b);
    }

    /**
     * Vista-era ids (§B.1 legacy table): 1 create, 2–5 bind/connect, 6 connect completed, 7/8 AFD/transport
     * abort, 9–12 failed send/recv, 13 close, 14 cleanup, 15/16 accept, 18–22 send/recv posted,
     * 23–28 completed, 37–39 data indicated.
     */
    private static void legacy(SocketDecoder d) {
        legacyOn(d, 1, SocketEventKind.CREATE, Phase.EXIT);
        for (int id : new int[] {2, 3}) {
            legacyOn(d, id, SocketEventKind.BIND, Phase.EXIT);
        }
        for (int id : new int[] {4, 5}) {
            legacyOn(d, id, SocketEventKind.CONNECT, Phase.ENTER);
        }
        legacyOn(d, 6, SocketEventKind.CONNECT, Phase.EXIT);
        legacyOn(d, 7, SocketEventKind.ABORT, Phase.AFD_INTERNAL);
        legacyOn(d, 8, SocketEventKind.ABORT, Phase.TRANSPORT);
        for (int id : new int[] {9, 10}) {
            legacyOn(d, id, SocketEventKind.SEND, Phase.EXIT);
        }
        for (int id : new int[] {11, 12}) {
            legacyOn(d, id, SocketEventKind.RECV, Phase.EXIT);
        }
        legacyOn(d, 13, SocketEventKind.CLOSE, Phase.EXIT);
        legacyOn(d, 14, SocketEventKind.FREE, Phase.NONE);
        for (int id : new int[] {18, 21, 22}) {
            legacyOn(d, id, SocketEventKind.SEND, Phase.ENTER);
        }
        for (int id : new int[] {19, 20}) {
            legacyOn(d, id, SocketEventKind.RECV, Phase.ENTER);
        }
        for (int id : new int[] {24, 25, 28}) {
            legacyOn(d, id, SocketEventKind.SEND, Phase.EXIT);
        }
        for (int id : new int[] {23, 26, 27}) {
            legacyOn(d, id, SocketEventKind.RECV, Phase.EXIT);
        }
        for (int id : new int[] {37, 38, 39}) {
            legacyOn(d, id, SocketEventKind.DATA_ARRIVED, Phase.TRANSPORT);
        }
    }

    private static void legacyOn(SocketDecoder d, int id, SocketEventKind kind, Phase phase) {
        d.on(Providers.WINSOCK_AFD, id, (ev, f, out) -> {
            SocketEvent.Builder b = base(out, kind, ev, f).phase(phase).status(f.getLong(ERROR, f.getLong(STATUS, 0)));
            switch (kind) {
                case CREATE:
                    long pid = f.getLong(USER_MODE_PID, -1);
                    if (pid > 0 && pid < Integer.MAX_VALUE) {
                        b.pid((int) pid);
                    }
                    b.name(SocketNames.create(f.getLong(ADDRESS_FAMILY, 0), f.getLong(SOCKET_TYPE, 0), f.getLong(PROTOCOL, 0)));
                    break;
                case BIND:
                    b.local(SocketNames.address(f));
                    break;
                case CONNECT:
                    b.remote(SocketNames.address(f));
                    break;
                case ABORT: {
                    // 8 "transport initiated abort" is the peer's reset: AFD_ABORT reason 4.
                    long reason = id == 8 ? 4 : f.getLong(REASON, -1);
                    b.value(reason).name(abortReason(reason)).status(0);
                    break;
                }
                case SEND:
                case RECV:
                    b.bytes(f.getLong(BUFFER_LENGTH, -1));
                    break;
                case DATA_ARRIVED:
                    b.bytes(f.getLong(BYTES_INDICATED, -1));
                    break;
                default:
                    break;
            }
            out.accept(b);
        });
    }
}
