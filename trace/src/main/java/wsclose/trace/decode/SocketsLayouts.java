package wsclose.trace.decode;

import wsclose.trace.etw.Providers;

/**
 * Microsoft-Windows-Winsock-Sockets payloads, ids 1–16 (etl-format.md §B.3; only source: the JDU
 * Win11-21H2/26H1 TSV, identical). Odd ids are the empty Start events, even ids the Stop events that
 * carry the result. {@code Socket} is the user-mode SOCKET (pointer-sized); {@code ErrorCode} a Winsock
 * error; {@code Address} a SOCKADDR of {@code AddressLength} bytes; {@code OptVal} the raw option value of
 * {@code OptLen} bytes (for SO_LINGER a {@code struct linger}). HexInt32 and Boolean are 4 bytes.
 */
final class SocketsLayouts {
    private SocketsLayouts() {
    }

    static void register(Layouts l) {
        String option = "ErrorCode:H Socket:P Level:I OptName:I OptLen:U OptVal:X FailurePoint:H";
        String address = "ErrorCode:H Socket:P AddressLength:U Address:A FailurePoint:H";
        start(l, 1, "SockCreateStart");
        stop(l, 2, "SockCreateStop",
                "ErrorCode:H Socket:P AddressFamily:U SocketType:U Protocol:U ProcessId:U FailurePoint:H");
        start(l, 3, "SockCloseStart");
        stop(l, 4, "SockCloseStop", "ErrorCode:H Socket:P IsProviderSocket:B FailurePoint:H");
        start(l, 5, "SockAcceptStart");
        stop(l, 6, "SockAcceptStop", "ErrorCode:H SocketAccepted:P SocketListening:P ProcessId:U FailurePoint:H");
        start(l, 7, "SockSetOptStart");
        stop(l, 8, "SockSetOptStop", option);
        start(l, 9, "SockConnectStart");
        stop(l, 10, "SockConnectStop", address);
        start(l, 11, "SockBindStart");
        stop(l, 12, "SockBindStop", address);
        start(l, 13, "SockGetOptStart");
        stop(l, 14, "SockGetOptStop", option);
        start(l, 15, "SockListenStart");
        stop(l, 16, "SockListenStop", "ErrorCode:H Socket:P Backlog:I FailurePoint:H");
    }

    private static void start(Layouts l, int id, String name) {
        l.event(Providers.WINSOCK_SOCKETS, id, 0, Layout.of(name));
    }

    private static void stop(Layouts l, int id, String name, String spec) {
        l.event(Providers.WINSOCK_SOCKETS, id, 0, Layout.of(name, TcpipLayouts.fields(spec)));
    }
}
