import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark helper: writes a large, valid ETL file from an uncompressed one by repeating its buffers.
 *
 * <pre>java bench/MakeBigEtl.java IN.etl OUT.etl SIZE_MB</pre>
 *
 * The header buffer (buffer 0) is copied once; all other buffers are then repeated N times, N being the
 * smallest count that makes the output at least SIZE_MB MiB. In repetition k (0-based) every record
 * timestamp and every buffer header TimeStamp is shifted by k x (span of the input's record timestamps
 * + 1 tick) and every buffer SequenceNumber by k x (largest input sequence + 1), so each processor's
 * stream stays in time order. The logfile header's BuffersWritten is set to the new buffer count and
 * its EndTime moved by the added time (or left 0). Layouts: shared/docs/etl-format.md §A.1-A.5, §A.7.
 *
 * Next to OUT it writes OUT.info (key=value lines) with the repetition count and the number of events
 * a reader should find, for bench/run.sh. JDK only; run with the Java 17 single-file source launcher.
 */
public class MakeBigEtl {
    static final int BUFFER_HEADER = 0x48;
    static final int FLAG_COMPRESSED = 0x40;
    static final int TYPE_CTX_SWAP = 2;
    /** Logfile header fields, relative to the payload of the first record (0x48 + 0x20 SYSTEM header). */
    static final int LOGFILE = BUFFER_HEADER + 0x20;

    /** Everything learnt from walking the repeated part of the input. */
    static final class Template {
        byte[] bytes;             // buffers 1..n-1, back to back
        int buffers;
        int[] bufferStarts;       // offset of each buffer header in bytes
        int[] tsOffsets = new int[1 << 16];  // offsets (in bytes) of record timestamps to shift
        int tsCount;
        long events;              // records a reader emits (typed headers of known kinds + WPP)
        long skipped;             // ERROR and unknown-kind records (framed, not emitted)
        long contextSwapBuffers;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        long maxSeq = Long.MIN_VALUE;

        void addTs(int off) {
            if (tsCount == tsOffsets.length) {
                tsOffsets = Arrays.copyOf(tsOffsets, tsCount * 2);
            }
            tsOffsets[tsCount++] = off;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java bench/MakeBigEtl.java IN.etl OUT.etl SIZE_MB");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long sizeMb = Long.parseLong(args[2]);
        long target = sizeMb << 20;
        long t0 = System.nanoTime();

        byte[] src = Files.readAllBytes(in);
        ByteBuffer s = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN);
        if (src.length < BUFFER_HEADER + 8) {
            fail("input too small for an ETL file");
        }
        int headerSize = s.getInt(0);
        if (headerSize < BUFFER_HEADER || headerSize > src.length) {
            fail("buffer 0: bad BufferSize " + headerSize);
        }
        checkUncompressed(s, 0, 0);
        int marker0 = s.getInt(BUFFER_HEADER);
        int type0 = (marker0 >>> 16) & 0xFF;
        if ((marker0 >>> 24) != 0xC0 || (type0 != 0x01 && type0 != 0x02) || s.getShort(BUFFER_HEADER + 6) != 0) {
            fail(String.format("expected the EventTrace header record (SYSTEM header) at 0x48, found marker 0x%08x", marker0));
        }
        int pointerSize = type0 == 0x02 ? 8 : 4;
        long headerEvents = countRecords(s, 0, null);

        // The repeated part: every buffer after buffer 0, up to a zero tail or the last whole buffer.
        int restStart = headerSize;
        int off = restStart;
        int nBuffers = 0;
        while (off + BUFFER_HEADER <= src.length) {
            int bs = s.getInt(off);
            if (bs == 0) {
                break; // zero-filled tail
            }
            if (bs < BUFFER_HEADER || off + (long) bs > src.length) {
                System.err.println("MakeBigEtl: warning: buffer at 0x" + Integer.toHexString(off) + " is truncated or bad; dropped with the rest");
                break;
            }
            checkUncompressed(s, off, nBuffers + 1);
            off += bs;
            nBuffers++;
        }
        if (nBuffers == 0) {
            fail("the input has no buffers after the header buffer");
        }
        Template t = new Template();
        t.bytes = Arrays.copyOfRange(src, restStart, off);
        t.buffers = nBuffers;
        t.bufferStarts = new int[nBuffers];
        ByteBuffer tb = ByteBuffer.wrap(t.bytes).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        for (int i = 0; i < nBuffers; i++) {
            t.bufferStarts[i] = p;
            t.maxSeq = Math.max(t.maxSeq, tb.getLong(p + 0x18));
            if ((tb.getShort(p + 0x36) & 0xFFFF) == TYPE_CTX_SWAP) {
                t.contextSwapBuffers++; // packed context-switch packets: copied as they are, no records
            } else {
                t.events += countRecords(tb, p, t);
            }
            p += tb.getInt(p);
        }
        if (t.minTs > t.maxTs) {
            fail("no timestamped records after the header buffer");
        }
        long shift = t.maxTs - t.minTs + 1;
        long seqShift = Math.max(t.maxSeq, 0) + 1;
        long reps = Math.max(1, (target - headerSize + t.bytes.length - 1) / t.bytes.length);
        long totalBuffers = 1 + reps * nBuffers;
        if (totalBuffers > 0xFFFFFFFFL) {
            fail("too many buffers for BuffersWritten (u32)");
        }
        long totalBytes = headerSize + reps * t.bytes.length;

        // Header buffer: BuffersWritten and EndTime in the TRACE_LOGFILE_HEADER (§A.7).
        byte[] header = Arrays.copyOfRange(src, 0, headerSize);
        ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        hb.putInt(LOGFILE + 0x24, (int) totalBuffers);
        long endTime = hb.getLong(LOGFILE + 0x10);
        long newEnd = 0;
        if (endTime != 0) {
            long perfFreq = hb.getLong(LOGFILE + (pointerSize == 8 ? 0x100 : 0xF8));
            int clock = hb.getInt(LOGFILE + (pointerSize == 8 ? 0x110 : 0x108));
            int mhz = hb.getInt(LOGFILE + 0x34);
            BigInteger added = BigInteger.valueOf(reps - 1).multiply(BigInteger.valueOf(shift));
            BigInteger ft = null; // the added time in FILETIME units (100 ns), per clock type (§A.8)
            if (clock == 1 && perfFreq > 0) {
                ft = added.multiply(BigInteger.valueOf(10_000_000L)).divide(BigInteger.valueOf(perfFreq));
            } else if (clock == 2) {
                ft = added;
            } else if (clock == 3 && mhz > 0) {
                ft = added.multiply(BigInteger.TEN).divide(BigInteger.valueOf(mhz));
            }
            newEnd = ft == null ? 0 : BigInteger.valueOf(endTime).add(ft).longValueExact();
        }
        hb.putLong(LOGFILE + 0x10, newEnd);

        Files.createDirectories(out.toAbsolutePath().getParent());
        byte[] work = new byte[t.bytes.length];
        ByteBuffer wb = ByteBuffer.wrap(work).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(header));
            for (long k = 0; k < reps; k++) {
                System.arraycopy(t.bytes, 0, work, 0, work.length);
                long dt = k * shift;
                long ds = k * seqShift;
                if (k > 0) {
                    for (int i = 0; i < t.tsCount; i++) {
                        int o = t.tsOffsets[i];
                        wb.putLong(o, wb.getLong(o) + dt);
                    }
                    for (int b : t.bufferStarts) {
                        long bts = wb.getLong(b + 0x10);
                        if (bts != 0) {
                            wb.putLong(b + 0x10, bts + dt);
                        }
                        wb.putLong(b + 0x18, wb.getLong(b + 0x18) + ds);
                    }
                }
                writeFully(ch, ByteBuffer.wrap(work));
            }
        }

        long expected = headerEvents + reps * t.events;
        double secs = (System.nanoTime() - t0) / 1e9;
        try (Writer w = Files.newBufferedWriter(Path.of(out + ".info"), StandardCharsets.UTF_8)) {
            w.write("input=" + in + "\n");
            w.write("input_bytes=" + src.length + "\n");
            w.write("size_mb=" + sizeMb + "\n");
            w.write("bytes=" + totalBytes + "\n");
            w.write("buffers=" + totalBuffers + "\n");
            w.write("repetitions=" + reps + "\n");
            w.write("header_buffer_events=" + headerEvents + "\n");
            w.write("events_per_repetition=" + t.events + "\n");
            w.write("skipped_records_per_repetition=" + t.skipped + "\n");
            w.write("context_swap_buffers_per_repetition=" + t.contextSwapBuffers + "\n");
            w.write("expected_events=" + expected + "\n");
            w.write("shift_ticks=" + shift + "\n");
        }
        System.err.println(String.format(Locale.ROOT,
                "MakeBigEtl: %s: %d bytes = header buffer + %d x %d buffers (%d bytes); %d events (%d + %d x %d); "
                        + "timestamp shift %d ticks per repetition; written in %.1f s (%.0f MB/s)",
                out, totalBytes, reps, nBuffers, t.bytes.length, expected, headerEvents, reps, t.events, shift, secs,
                totalBytes / 1e6 / secs));
    }

    static void checkUncompressed(ByteBuffer s, int off, int index) {
        if ((s.getShort(off + 0x34) & FLAG_COMPRESSED) != 0) {
            fail("buffer " + index + " is compressed; MakeBigEtl needs an uncompressed input");
        }
    }

    /**
     * Walks the records of the buffer at {@code buf} (§A.4): 8-byte aligned, valid data up to the buffer's
     * Offset (u32 @0x30), a marker of 0 or 0xFFFFFFFF ends the buffer. Returns the records a reader emits;
     * when {@code t} is given, also records where their timestamps are and their range.
     */
    static long countRecords(ByteBuffer b, int buf, Template t) {
        int bufferSize = b.getInt(buf);
        int filled = b.getInt(buf + 0x30);
        int end = buf + (int) Math.min(Integer.toUnsignedLong(filled), Integer.toUnsignedLong(bufferSize));
        int pos = buf + BUFFER_HEADER;
        long events = 0;
        while (end - pos >= 8) {
            int marker = b.getInt(pos);
            if (marker == 0 || marker == -1) {
                break;
            }
            int family = marker >>> 24;
            int type = (marker >>> 16) & 0xFF;
            int size;
            int tsAt = -1; // timestamp offset within the record, -1 if none
            boolean emitted = true;
            if ((family & 0xC0) == 0xC0) {
                switch (type) {
                    case 0x01: case 0x02: case 0x03: case 0x04: // SYSTEM / COMPACT
                        size = b.getShort(pos + 4) & 0xFFFF;
                        tsAt = 0x10;
                        break;
                    case 0x10: case 0x11: // PERFINFO
                        size = b.getShort(pos + 4) & 0xFFFF;
                        tsAt = 0x08;
                        break;
                    case 0x12: case 0x13: // EVENT_HEADER
                    case 0x0A: case 0x14: // EVENT_TRACE_HEADER (FULL)
                    case 0x0B: case 0x15: // EVENT_INSTANCE_GUID_HEADER
                        size = b.getShort(pos) & 0xFFFF;
                        tsAt = 0x10;
                        break;
                    default: // ERROR (0x0D) and unknown kinds: skipped by size, no timestamp
                        size = b.getShort(pos) & 0xFFFF;
                        emitted = false;
                        break;
                }
            } else if (family == 0x90) { // WPP MESSAGE_TRACE_HEADER (§A.5.5)
                size = b.getShort(pos) & 0xFFFF;
                int options = b.getShort(pos + 6) & 0xFFFF;
                if ((options & (0x08 | 0x10)) != 0) {
                    tsAt = 8 + ((options & 0x01) != 0 ? 4 : 0)
                            + ((options & 0x02) != 0 ? 16 : (options & 0x04) != 0 ? 4 : 0);
                }
            } else if ((family & 0x80) != 0) { // opaque record: size is the u16 at +0
                size = b.getShort(pos) & 0xFFFF;
                emitted = false;
            } else {
                System.err.println("MakeBigEtl: warning: unknown marker 0x" + Integer.toHexString(marker)
                        + " at template offset 0x" + Integer.toHexString(pos) + "; rest of the buffer left as is");
                break;
            }
            if (size < 8 || size > end - pos || (tsAt >= 0 && tsAt + 8 > size)) {
                System.err.println("MakeBigEtl: warning: bad record size " + size + " at offset 0x"
                        + Integer.toHexString(pos) + "; rest of the buffer left as is");
                break;
            }
            if (emitted) {
                events++;
            } else if (t != null) {
                t.skipped++;
            }
            if (t != null && tsAt >= 0) {
                long ts = b.getLong(pos + tsAt);
                if (ts != 0) { // a zero timestamp stays zero (nothing to keep in order)
                    t.addTs(pos + tsAt);
                    t.minTs = Math.min(t.minTs, ts);
                    t.maxTs = Math.max(t.maxTs, ts);
                }
            }
            pos += (size + 7) & ~7;
        }
        return events;
    }

    static void writeFully(FileChannel ch, ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
    }

    static void fail(String msg) {
        System.err.println("MakeBigEtl: " + msg);
        System.exit(1);
    }
}
