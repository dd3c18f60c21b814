package wsclose.trace.testing;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import wsclose.trace.etw.Guid;

/**
 * Builds event payloads (user data) for {@link EtlWriter}. Everything is little-endian (etl-format.md,
 * preamble) and packed: manifest payloads have no alignment between fields. {@link #ptr} writes 4 or 8
 * bytes according to the pointer size given to the constructor (§A.5.2 "Pointer size for payload decoding").
 */
public final class PayloadBuilder {
    private final int pointerSize;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PayloadBuilder(int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size must be 4 or 8: " + pointerSize);
        }
        this.pointerSize = pointerSize;
    }

    public int pointerSize() {
        return pointerSize;
    }

    /** Bytes written so far. */
    public int size() {
        return out.size();
    }

    public PayloadBuilder u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    public PayloadBuilder u16(int v) {
        return le(v & 0xFFFFL, 2);
    }

    public PayloadBuilder u32(long v) {
        return le(v & 0xFFFF_FFFFL, 4);
    }

    public PayloadBuilder i32(int v) {
        return le(v, 4);
    }

    public PayloadBuilder u64(long v) {
        return le(v, 8);
    }

    /** A pointer-sized value (win:Pointer, SIZE_T): 4 or 8 bytes. */
    public PayloadBuilder ptr(long v) {
        if (pointerSize == 4 && (v >>> 32) != 0 && (v >> 31) != -1) {
            throw new IllegalArgumentException("value does not fit a 32-bit pointer: 0x" + Long.toHexString(v));
        }
        return le(v, pointerSize);
    }

    /** win:Boolean: a 32-bit 0/1. */
    public PayloadBuilder bool32(boolean v) {
        return u32(v ? 1 : 0);
    }

    /** A GUID in the Windows mixed-endian layout (§A.13). */
    public PayloadBuilder guid(Guid g) {
        byte[] b = new byte[16];
        g.writeLittleEndian(b, 0);
        return bytes(b);
    }

    /** win:UnicodeString: UTF-16LE plus a two-byte NUL. */
    public PayloadBuilder utf16z(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_16LE));
        return u16(0);
    }

    /** win:AnsiString: single-byte characters plus a NUL. */
    public PayloadBuilder ansiz(String s) {
        bytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return u8(0);
    }

    public PayloadBuilder bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** SOCKADDR_IN (16 bytes): u16 family 2 (AF_INET, LE), u16 port big-endian, 4 address bytes, 8 zero bytes. */
    public PayloadBuilder sockaddrIn(String ipv4, int port) {
        byte[] addr = address(ipv4, 4);
        u16(2);
        portBigEndian(port);
        bytes(addr);
        return bytes(new byte[8]);
    }

    /** SOCKADDR_IN6 (28 bytes) with flow info and scope id 0. */
    public PayloadBuilder sockaddrIn6(String ipv6, int port) {
        return sockaddrIn6(ipv6, port, 0, 0);
    }

    /** SOCKADDR_IN6 (28 bytes): u16 family 23 (AF_INET6, LE), u16 port big-endian, u32 flow info, 16 address bytes, u32 scope id. */
    public PayloadBuilder sockaddrIn6(String ipv6, int port, int flowInfo, int scopeId) {
        byte[] addr = address(ipv6, 16);
        u16(23);
        portBigEndian(port);
        u32(flowInfo);
        bytes(addr);
        return u32(scopeId);
    }

    public byte[] build() {
        return out.toByteArray();
    }

    private void portBigEndian(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        out.write(port >>> 8);
        out.write(port & 0xFF);
    }

    private PayloadBuilder le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** Parses an address literal (never a host name, so no lookup happens). */
    private static byte[] address(String literal, int length) {
        boolean v6 = literal.indexOf(':') >= 0;
        if (v6 != (length == 16) || (!v6 && !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("not an IPv" + (length == 16 ? 6 : 4) + " literal: " + literal);
        }
        try {
            InetAddress a = InetAddress.getByName(literal);
            byte[] b = a.getAddress();
            if (length == 16 && !(a instanceof Inet6Address)) {
                // "::ffff:1.2.3.4" comes back as an Inet4Address; rebuild the mapped form.
                byte[] m = new byte[16];
                m[10] = (byte) 0xFF;
                m[11] = (byte) 0xFF;
                System.arraycopy(b, 0, m, 12, 4);
                return m;
            }
            return b;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address literal: " + literal, e);
        }
    }
}
