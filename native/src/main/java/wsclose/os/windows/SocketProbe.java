package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What one socket handle of another process says about itself, read through a duplicate that lives only for
 * these few calls (live-mode.md §A.2.1: a duplicate is a real reference and would defer the target's close).
 * The handle's type was checked against the File type index before this runs; the name query that tells AFD
 * sockets from other files goes through {@link NameProbe}'s worker and timeout. AFD IOCTLs wait on their own
 * event with a timeout inside {@link NtApi#afdIoctl}.
 */
final class SocketProbe {
    static final int IOCTL_TIMEOUT_MS = 250;
    private static final int PROTO_TCP = 6;
    private static final int SOCK_STREAM = 1;

    /**
     * One AFD socket handle.
     *
     * @param handleCount ObjectBasicInformation.HandleCount minus our own duplicate; -1 when unknown
     * @param shared      null when the socket has no Winsock context (not created through mswsock)
     * @param tcp         null when not TCP or when SIO_TCP_INFO failed
     */
    record Probed(HandleTableParser.Entry entry, int handleCount, int pointerCount, SockSharedInfo shared,
                  String local, String remote, TcpInfo tcp) {
    }

    enum Outcome { SOCKET, NOT_A_SOCKET, DUPLICATE_FAILED, NAME_TIMED_OUT, NAME_SKIPPED, NAME_FAILED }

    record Result(Outcome outcome, Optional<Probed> socket) {
    }

    private final NtApi api;
    private final NameProbe names;

    SocketProbe(NtApi api, NameProbe names) {
        this.api = api;
        this.names = names;
    }

    Result probe(long process, HandleTableParser.Entry e) {
        long dup = api.duplicate(process, e.handle());
        if (dup == 0) {
            return new Result(Outcome.DUPLICATE_FAILED, Optional.empty());
        }
        try {
            NameProbe.Result name = names.name(dup);
            switch (name.outcome()) {
                case TIMED_OUT: return new Result(Outcome.NAME_TIMED_OUT, Optional.empty());
                case SKIPPED: return new Result(Outcome.NAME_SKIPPED, Optional.empty());
                case FAILED: return new Result(Outcome.NAME_FAILED, Optional.empty());
                default: break;
            }
            if (!ObjectInfo.isAfd(name.name())) {
                return new Result(Outcome.NOT_A_SOCKET, Optional.empty());
            }
            return new Result(Outcome.SOCKET, Optional.of(details(dup, e)));
        } finally {
            api.close(dup);
        }
    }

    private Probed details(long dup, HandleTableParser.Entry e) {
        int handleCount = -1;
        int pointerCount = -1;
        byte[] basic = new byte[ObjectInfo.BASIC_SIZE];
        if (api.queryObject(dup, WinConst.OBJECT_BASIC_INFORMATION, basic, new int[1]) == WinConst.STATUS_SUCCESS) {
            ObjectInfo.Basic b = ObjectInfo.basic(ByteBuffer.wrap(basic));
            handleCount = b.handleCount() - 1; // our duplicate is one of them (§A.1.3)
            pointerCount = b.pointerCount() - 1;
        }
        SockSharedInfo shared = null;
        byte[] out = new byte[512];
        int[] ret = new int[1];
        int st = api.afdIoctl(dup, WinConst.IOCTL_AFD_GET_CONTEXT, out, out.length, ret, IOCTL_TIMEOUT_MS);
        if ((st == WinConst.STATUS_SUCCESS || st == WinConst.STATUS_BUFFER_OVERFLOW) && ret[0] >= SockSharedInfo.SIZE) {
            shared = SockSharedInfo.parse(ByteBuffer.wrap(out));
        }
        String local = address(dup, WinConst.IOCTL_AFD_GET_ADDRESS);
        // A socket without a peer can answer GET_REMOTE_ADDRESS with success and garbage; a zero-length probe
        // succeeds exactly then (AfdSocketViewer H2AfdQueryAddress).
        boolean noPeer = api.afdIoctl(dup, WinConst.IOCTL_AFD_GET_REMOTE_ADDRESS, new byte[0], 0, ret,
                IOCTL_TIMEOUT_MS) == WinConst.STATUS_SUCCESS;
        String remote = noPeer ? null : address(dup, WinConst.IOCTL_AFD_GET_REMOTE_ADDRESS);
        TcpInfo tcp = null;
        if (shared == null || shared.type() == SOCK_STREAM && shared.protocol() == PROTO_TCP) {
            tcp = tcpInfo(dup, 1);
            if (tcp == null) {
                tcp = tcpInfo(dup, 0);
            }
        }
        return new Probed(e, handleCount, pointerCount, shared, local, remote, tcp);
    }

    private String address(long dup, int code) {
        byte[] out = new byte[128];
        int[] ret = new int[1];
        int st = api.afdIoctl(dup, code, out, out.length, ret, IOCTL_TIMEOUT_MS);
        return st == WinConst.STATUS_SUCCESS ? AfdAddress.format(out, Math.min(ret[0], out.length)) : null;
    }

    private TcpInfo tcpInfo(long dup, int version) {
        byte[] out = new byte[TcpInfo.size(version)];
        int[] ret = new int[1];
        int st = api.afdTcpInfo(dup, version, out, ret, IOCTL_TIMEOUT_MS);
        return st == WinConst.STATUS_SUCCESS && ret[0] >= out.length ? TcpInfo.parse(ByteBuffer.wrap(out), version) : null;
    }
}
