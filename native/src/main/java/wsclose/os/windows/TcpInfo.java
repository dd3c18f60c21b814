package wsclose.os.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TCP_INFO_v0 (88 bytes, Windows 10 1703+) and TCP_INFO_v1 (136 bytes, 1809+), as SIO_TCP_INFO returns them,
 * here through IOCTL_AFD_TRANSPORT_IOCTL (live-mode.md §A.2.2 table; same offsets on x86 and x64). Windows has
 * no counterpart of Linux tcpi_notsent_bytes: BytesInFlight is the unacknowledged data only.
 *
 * @param state TCPSTATE: 0 CLOSED ... 4 ESTABLISHED ... 10 TIME_WAIT (MIB_TCP_STATE is this plus one)
 * @param sndLimBytesSnd -1 for v0
 */
record TcpInfo(int version, int state, int mss, long connectionTimeMs, boolean timestampsEnabled, int rttUs,
               int minRttUs, long bytesInFlight, int cwnd, int sndWnd, int rcvWnd, int rcvBuf, long bytesOut,
               long bytesIn, int bytesReordered, int bytesRetrans, int fastRetrans, int dupAcksIn,
               int timeoutEpisodes, int synRetrans, long sndLimBytesRwin, long sndLimBytesCwnd, long sndLimBytesSnd) {
    static final int V0_SIZE = 88;
    static final int V1_SIZE = 136;

    static int size(int version) {
        return version == 0 ? V0_SIZE : V1_SIZE;
    }

    static TcpInfo parse(ByteBuffer buffer, int version) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int o = b.position();
        if (version != 0 && version != 1) {
            throw new IllegalArgumentException("TCP_INFO version " + version + " is not decoded (0 or 1)");
        }
        if (b.remaining() < size(version)) {
            throw new IllegalArgumentException("TCP_INFO_v" + version + " needs " + size(version) + " bytes, got "
                    + b.remaining());
        }
        boolean v1 = version == 1;
        return new TcpInfo(version, b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.get(o + 16) != 0,
                b.getInt(o + 20), b.getInt(o + 24), Integer.toUnsignedLong(b.getInt(o + 28)), b.getInt(o + 32),
                b.getInt(o + 36), b.getInt(o + 40), b.getInt(o + 44), b.getLong(o + 48), b.getLong(o + 56),
                b.getInt(o + 64), b.getInt(o + 68), b.getInt(o + 72), b.getInt(o + 76), b.getInt(o + 80),
                b.get(o + 84) & 0xFF, v1 ? b.getLong(o + 96) : -1, v1 ? b.getLong(o + 112) : -1,
                v1 ? b.getLong(o + 128) : -1);
    }
}
