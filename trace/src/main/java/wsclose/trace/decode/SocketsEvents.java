package wsclose.trace.decode;

import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Providers;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEvent.Phase;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketEventKind;

/**
 * Microsoft-Windows-Winsock-Sockets → API events (etl-format.md §B.3). ws2_32 logs Start/Stop pairs on
 * the calling thread at the API boundary, keyed by the SOCKET value; it is the only provider that sees
 * calls failing before AFD (closesocket on a dead value: WSAENOTSOCK) and setsockopt(SO_LINGER).
 * Start events carry no payload: only SockCloseStart is kept, to time how long closesocket blocked.
 */
final class SocketsEvents {
    // Fields read by key: resolved once per layout (FieldKey).
    private static final FieldKey ADDRESS = FieldKey.of("Address");
    private static final FieldKey ADDRESS_FAMILY = FieldKey.of("AddressFamily");
    private static final FieldKey BACKLOG = FieldKey.of("Backlog");
    private static final FieldKey ERROR_CODE = FieldKey.of("ErrorCode");
    private static final FieldKey LEVEL = FieldKey.of("Level");
    private static final FieldKey OPT_NAME = FieldKey.of("OptName");
    private static final FieldKey OPT_VAL = FieldKey.of("OptVal");
    private static final FieldKey PROCESS_ID = FieldKey.of("ProcessId");
    private static final FieldKey PROTOCOL = FieldKey.of("Protocol");
    private static final FieldKey SOCKET_LISTENING = FieldKey.of("SocketListening");
    private static final FieldKey SOCKET_TYPE = FieldKey.of("SocketType");

    /** SOL_SOCKET, SO_LINGER and SO_DONTLINGER (= ~SO_LINGER) from winsock2.h (§B.3). */
    static final long SOL_SOCKET = 0xFFFF;
    static final long SO_LINGER = 0x0080;
    static final long SO_DONTLINGER = ~0x0080L & 0xFFFFFFFFL;

    private SocketsEvents() {
    }

    static void register(SocketDecoder d) {
        d.on(Providers.WINSOCK_SOCKETS, 3, (ev, f, out) -> out.accept(api(out, SocketEventKind.API_CLOSE, ev).phase(Phase.ENTER)));
        d.on(Providers.WINSOCK_SOCKETS, 2, (ev, f, out) -> {
            SocketEvent.Builder b = stop(out, SocketEventKind.API_CREATE, ev, f, "Socket")
                    .name(SocketNames.create(f.getLong(ADDRESS_FAMILY, 0), f.getLong(SOCKET_TYPE, 0), f.getLong(PROTOCOL, 0)));
            long pid = f.getLong(PROCESS_ID, -1);
            if (pid > 0) {
                b.pid((int) pid);
            }
            out.accept(b);
        });
        d.on(Providers.WINSOCK_SOCKETS, 4, (ev, f, out) -> out.accept(stop(out, SocketEventKind.API_CLOSE, ev, f, "Socket")));
        d.on(Providers.WINSOCK_SOCKETS, 6, (ev, f, out) -> out.accept(stop(out, SocketEventKind.API_ACCEPT, ev, f, "SocketAccepted")
                .value(f.getLong(SOCKET_LISTENING, 0))));
        d.on(Providers.WINSOCK_SOCKETS, 8, (ev, f, out) -> out.accept(option(out, SocketEventKind.API_SETOPT, ev, f)));
        d.on(Providers.WINSOCK_SOCKETS, 14, (ev, f, out) -> out.accept(option(out, SocketEventKind.API_GETOPT, ev, f)));
        d.on(Providers.WINSOCK_SOCKETS, 10, (ev, f, out) -> out.accept(stop(out, SocketEventKind.API_CONNECT, ev, f, "Socket")
                .remoteLater(f.later(ADDRESS))));
        d.on(Providers.WINSOCK_SOCKETS, 12, (ev, f, out) -> out.accept(stop(out, SocketEventKind.API_BIND, ev, f, "Socket")
                .localLater(f.later(ADDRESS))));
        d.on(Providers.WINSOCK_SOCKETS, 16, (ev, f, out) -> out.accept(stop(out, SocketEventKind.API_LISTEN, ev, f, "Socket")
                .value(f.getLong(BACKLOG, 0))));
    }

    private static SocketEvent.Builder api(Emitter out, SocketEventKind kind, EtwEvent ev) {
        return out.at(ev.fileTime(), kind, Source.SOCKETS).thread(ev.pid(), ev.tid());
    }

    private static SocketEvent.Builder stop(Emitter out, SocketEventKind kind, EtwEvent ev, Fields f, String socketField) {
        return api(out, kind, ev).phase(Phase.EXIT).handle(f.getLong(socketField, -1)).status(f.getLong(ERROR_CODE, 0));
    }

    /** SO_LINGER's OptVal is {@code struct linger {u_short l_onoff; u_short l_linger;}}; value = onoff << 16 | linger. */
    private static SocketEvent.Builder option(Emitter out, SocketEventKind kind, EtwEvent ev, Fields f) {
        SocketEvent.Builder b = stop(out, kind, ev, f, "Socket");
        long level = f.getLong(LEVEL, 0) & 0xFFFFFFFFL;
        long name = f.getLong(OPT_NAME, 0) & 0xFFFFFFFFL;
        Object v = f.get(OPT_VAL);
        byte[] val = v instanceof Decoded.Hex && ((Decoded.Hex) v).bytes() != null ? ((Decoded.Hex) v).bytes() : new byte[0];
        if (level == SOL_SOCKET && name == SO_LINGER && val.length >= 4) {
            int onoff = (val[0] & 0xFF) | (val[1] & 0xFF) << 8;
            int secs = (val[2] & 0xFF) | (val[3] & 0xFF) << 8;
            return b.name("SO_LINGER").value((long) (onoff != 0 ? 1 : 0) << 16 | secs);
        }
        if (level == SOL_SOCKET && name == SO_DONTLINGER && val.length >= 4) {
            return b.name("SO_DONTLINGER").value(val[0] != 0 || val[1] != 0 || val[2] != 0 || val[3] != 0 ? 1 : 0);
        }
        return b.name(optionName(level, name));
    }

    /**
     * setsockopt/getsockopt options by their winsock2.h/ws2ipdef.h names, so that evidence never shows "level
     * 0xffff option 0x1001". SO_LINGER and SO_DONTLINGER without a readable value get a name the model does not
     * take for a linger setting.
     */
    static String optionName(long level, long name) {
        if (level == SOL_SOCKET) {
            switch ((int) name) {
                case 0x0001: return "SO_DEBUG";
                case 0x0002: return "SO_ACCEPTCONN";
                case 0x0004: return "SO_REUSEADDR";
                case 0x0008: return "SO_KEEPALIVE";
                case 0x0010: return "SO_DONTROUTE";
                case 0x0020: return "SO_BROADCAST";
                case 0x0040: return "SO_USELOOPBACK";
                case 0x0080: return "SO_LINGER (value not logged)";
                case 0x0100: return "SO_OOBINLINE";
                case 0xFF7F: return "SO_DONTLINGER (value not logged)";
                case 0xFFFB: return "SO_EXCLUSIVEADDRUSE";
                case 0x1001: return "SO_SNDBUF";
                case 0x1002: return "SO_RCVBUF";
                case 0x1003: return "SO_SNDLOWAT";
                case 0x1004: return "SO_RCVLOWAT";
                case 0x1005: return "SO_SNDTIMEO";
                case 0x1006: return "SO_RCVTIMEO";
                case 0x1007: return "SO_ERROR";
                case 0x1008: return "SO_TYPE";
                case 0x700B: return "SO_UPDATE_ACCEPT_CONTEXT";
                case 0x7010: return "SO_UPDATE_CONNECT_CONTEXT";
                default: break;
            }
        } else if (level == 6 && name == 1) {
            return "TCP_NODELAY";
        } else if (level == 6 && name == 3) {
            return "TCP_KEEPALIVE";
        }
        return "level 0x" + Long.toHexString(level) + " option 0x" + Long.toHexString(name);
    }
}
