package wsclose.trace.etw;


/**
 * A GUID as two longs, printed in the canonical lowercase 8-4-4-4-12 form.
 *
 * <p>On disk ETW stores GUIDs in the Windows mixed-endian layout: Data1 u32, Data2 u16 and Data3 u16
 * little-endian, then the 8 bytes of Data4 in order (etl-format.md §A.13). {@link #fromLittleEndian}
 * reads that layout; {@code msb}/{@code lsb} hold the canonical big-endian value, as java.util.UUID does.
 */
public record Guid(long msb, long lsb) implements Comparable<Guid> {

    public static final Guid ZERO = new Guid(0, 0);

    /** Reads a GUID stored in the Windows layout at {@code off}. */
    public static Guid fromLittleEndian(byte[] b, int off) {
        return new Guid(msbFromLittleEndian(b, off), lsbFromLittleEndian(b, off));
    }

    /** The high 64 bits of the GUID stored at {@code off}, without allocating. */
    public static long msbFromLittleEndian(byte[] b, int off) {
        long d1 = Bytes.u32(b, off);
        long d2 = Bytes.u16(b, off + 4);
        long d3 = Bytes.u16(b, off + 6);
        return (d1 << 32) | (d2 << 16) | d3;
    }

    /** The low 64 bits of the GUID stored at {@code off}: Data4, big-endian as on disk. */
    public static long lsbFromLittleEndian(byte[] b, int off) {
        return Long.reverseBytes(Bytes.i64(b, off + 8));
    }

    /** Writes this GUID in the Windows layout. */
    public void writeLittleEndian(byte[] b, int off) {
        long d1 = msb >>> 32;
        b[off] = (byte) d1; b[off + 1] = (byte) (d1 >>> 8); b[off + 2] = (byte) (d1 >>> 16); b[off + 3] = (byte) (d1 >>> 24);
        b[off + 4] = (byte) (msb >>> 16); b[off + 5] = (byte) (msb >>> 24);
        b[off + 6] = (byte) msb; b[off + 7] = (byte) (msb >>> 8);
        for (int i = 0; i < 8; i++) {
            b[off + 8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }

    /** Parses "e53c6823-7bb8-44bb-90dc-3f86090d48a6", with or without braces, any case. */
    public static Guid parse(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            throw new IllegalArgumentException("not a GUID: '" + text + "' (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        String hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
        try {
            return new Guid(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a GUID: '" + text + "' (non-hex digits)", e);
        }
    }

    /** True when {@code text} looks like a GUID that {@link #parse} accepts. */
    public static boolean looksLikeGuid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        String h = hex16(msb) + hex16(lsb); // "%016x%016x" without Formatter (its first use costs a fresh JVM ms)
        return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20) + '-' + h.substring(20);
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return h.length() == 16 ? h : "0".repeat(16 - h.length()) + h;
    }

    // Written out: the record's generated equals/hashCode showed in profiles of the decode hot path.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Guid && ((Guid) o).msb == msb && ((Guid) o).lsb == lsb;
    }

    @Override
    public int hashCode() {
        long h = msb * 31 + lsb;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public int compareTo(Guid o) {
        int c = Long.compareUnsigned(msb, o.msb);
        return c != 0 ? c : Long.compareUnsigned(lsb, o.lsb);
    }
}
