package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * SOCK_SHARED_INFO, the Winsock context IOCTL_AFD_GET_CONTEXT returns (live-mode.md §A.2.3, from System
 * Informer ntafd.h; 120 bytes, identical on x86 and x64). mswsock writes it with IOCTL_AFD_SET_CONTEXT and AFD
 * never checks it, so it reflects the owner's setsockopt only while the owner goes through mswsock: report its
 * values with the provenance "winsock-shared-context".
 *
 * @param state        SOCKET_STATE: -1 undefined, 0 open, 1 bound, 2 bound UDP, 3 connected, 4 closed
 * @param lingerOn     LingerInfo.l_onoff (u16 @24) != 0
 * @param lingerSeconds LingerInfo.l_linger (u16 @26)
 * @param flags        the USHORT bit field @44: bit 0 Listening ... bit 8 ReceiveShutdown, bit 9 SendShutdown
 */
record SockSharedInfo(int state, int family, int type, int protocol, boolean lingerOn, int lingerSeconds,
                      int sendTimeout, int receiveTimeout, int receiveBufferSize, int sendBufferSize, int flags,
                      int lastError) {
    static final int SIZE = 120;
    static final int FLAG_LISTENING = 1;
    static final int FLAG_RECEIVE_SHUTDOWN = 1 << 8;
    static final int FLAG_SEND_SHUTDOWN = 1 << 9;

    static SockSharedInfo parse(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int o = b.position();
        if (b.remaining() < SIZE) {
            throw new IllegalArgumentException("SOCK_SHARED_INFO needs " + SIZE + " bytes, got " + b.remaining());
        }
        return new SockSharedInfo(b.getInt(o), b.getInt(o + 4), b.getInt(o + 8), b.getInt(o + 12),
                b.getShort(o + 24) != 0, Short.toUnsignedInt(b.getShort(o + 26)), b.getInt(o + 28), b.getInt(o + 32),
                b.getInt(o + 36), b.getInt(o + 40), Short.toUnsignedInt(b.getShort(o + 44)), b.getInt(o + 76));
    }

    boolean listening() {
        return (flags & FLAG_LISTENING) != 0;
    }

    boolean sendShutdown() {
        return (flags & FLAG_SEND_SHUTDOWN) != 0;
    }

    boolean receiveShutdown() {
        return (flags & FLAG_RECEIVE_SHUTDOWN) != 0;
    }
}
