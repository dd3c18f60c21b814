package wsclose.trace.etw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian reads from byte arrays. Every ETW structure is little-endian (etl-format.md, preamble);
 * the VarHandle views compile to single loads. Callers bound-check; these methods do not.
 */
public final class Bytes {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int u16(byte[] b, int off) {
        return ((short) I16.get(b, off)) & 0xFFFF;
    }

    public static int i32(byte[] b, int off) {
        return (int) I32.get(b, off);
    }

    public static long u32(byte[] b, int off) {
        return Integer.toUnsignedLong((int) I32.get(b, off));
    }

    public static long i64(byte[] b, int off) {
        return (long) I64.get(b, off);
    }

    public static void put16(byte[] b, int off, int v) {
        I16.set(b, off, (short) v);
    }

    public static void put32(byte[] b, int off, int v) {
        I32.set(b, off, v);
    }

    public static void put64(byte[] b, int off, long v) {
        I64.set(b, off, v);
    }
}
