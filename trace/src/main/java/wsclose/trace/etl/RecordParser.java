package wsclose.trace.etl;

import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.TimeBase;

/**
 * Frames and decodes the record headers of one buffer into {@link EtwEvent}s.
 *
 * <p>Every record starts with a marker word whose byte 2 is the header type and byte 3 the family
 * (0xC0 typed header, 0x90 WPP message); records are 8-byte aligned and never span buffers
 * (etl-format.md §A.4). Layouts: SYSTEM/COMPACT/PERFINFO §A.5.1, EVENT_HEADER §A.5.2, extended items
 * §A.5.3, EVENT_TRACE_HEADER and EVENT_INSTANCE_GUID_HEADER §A.5.4, MESSAGE_TRACE_HEADER §A.5.5.
 * Every size is checked against the buffer's valid end before use; a record that cannot be framed ends
 * its buffer (not the file), an unknown kind is skipped by its size and counted.
 */
final class RecordParser {
    /** No more records in this buffer. */
    static final int END = -1;

    private static final int SYSTEM_FIXED = 0x20;
    private static final int COMPACT_FIXED = 0x18;
    private static final int PERFINFO_FIXED = 0x10;
    private static final int EVENT_FIXED = 0x50;
    private static final int CLASSIC_FIXED = 0x30;
    private static final int INSTANCE_FIXED = 0x48;
    private static final int WPP_FIXED = 8;

    /** EVENT_HEADER Flags (evntcons.h). */
    private static final int EVENT_FLAG_EXTENDED_INFO = 0x0001;
    private static final int EVENT_FLAG_32_BIT = 0x0020;
    private static final int EVENT_FLAG_64_BIT = 0x0040;

    /** MESSAGE_TRACE_HEADER OptionFlags. */
    private static final int WPP_SEQUENCE = 0x01;
    private static final int WPP_GUID = 0x02;
    private static final int WPP_COMPONENT_ID = 0x04;
    private static final int WPP_TIMESTAMP = 0x08;
    private static final int WPP_PERF_TIMESTAMP = 0x10;
    private static final int WPP_SYSTEM_INFO = 0x20;

    private final GuidCache guids = new GuidCache();
    private final ReadProblems problems;
    private TimeBase timeBase = TimeBase.IDENTITY;

    RecordParser(ReadProblems problems) {
        this.problems = problems;
    }

    void timeBase(TimeBase tb) {
        this.timeBase = tb;
    }

    /**
     * Parses the first event record at or after {@code pos} in {@code b}, which holds the whole buffer
     * (header at 0) with valid data up to {@code end}. Fills {@code ev} and returns the position of
     * the next record, or {@link #END}.
     */
    int next(byte[] b, int pos, int end, BufferHeader buf, EtwEvent ev) {
        while (end - pos >= 4) {
            int marker = Bytes.i32(b, pos);
            if (marker == -1 || marker == 0) {
                return END; // 0xFF padding or a zero tail ends the records (§A.4)
            }
            int family = (marker >>> 24) & 0xFF;
            int type = (marker >>> 16) & 0xFF;
            int next;
            if ((family & 0xC0) == 0xC0) {
                next = typed(b, pos, end, type, buf, ev);
            } else if (family == 0x90) {
                next = wpp(b, pos, end, buf, ev);
            } else if ((family & 0x80) != 0) {
                next = skip(b, pos, end, buf); // opaque record: size is the u16 at +0 (§A.5.5)
            } else {
                problems.malformedRecord(where(buf, pos) + ": expected a record marker (0xC0 or 0x90 in byte 3), found 0x"
                        + Integer.toHexString(marker));
                return END;
            }
            if (next >= 0) {
                return next;
            }
            if (next == END) {
                return END;
            }
            pos = -next; // skipped an unknown kind; continue at the encoded position
        }
        return END;
    }

    private int typed(byte[] b, int pos, int end, int type, BufferHeader buf, EtwEvent ev) {
        switch (type) {
            case 0x01: case 0x02: return kernel(b, pos, end, type, HeaderKind.SYSTEM, SYSTEM_FIXED, buf, ev);
            case 0x03: case 0x04: return kernel(b, pos, end, type, HeaderKind.COMPACT, COMPACT_FIXED, buf, ev);
            case 0x10: case 0x11: return kernel(b, pos, end, type, HeaderKind.PERFINFO, PERFINFO_FIXED, buf, ev);
            case 0x12: case 0x13: return event(b, pos, end, type, buf, ev);
            case 0x0A: case 0x14: return classic(b, pos, end, type, HeaderKind.CLASSIC, CLASSIC_FIXED, buf, ev);
            case 0x0B: case 0x15: return classic(b, pos, end, type, HeaderKind.INSTANCE, INSTANCE_FIXED, buf, ev);
            case 0x0D: return skipError(b, pos, end, buf);
            default: return skip(b, pos, end, buf);
        }
    }

    /** SYSTEM, COMPACT and PERFINFO headers: size at +4, HookId at +6 (§A.5.1). */
    private int kernel(byte[] b, int pos, int end, int type, HeaderKind kind, int fixed, BufferHeader buf, EtwEvent ev) {
        if (end - pos < 8) {
            return truncated(buf, pos, end, 8);
        }
        int version = Bytes.u16(b, pos);
        int size = Bytes.u16(b, pos + 4);
        // PEBS index (0x8000) and PMC counters (bits 8-10) add words after the fixed header.
        int extra = ((version & 0x8000) != 0 ? 8 : 0) + 8 * ((version >>> 8) & 7);
        if (!fits(b, pos, end, size, fixed + extra, kind, buf)) {
            return END;
        }
        int opcode = b[pos + 6] & 0xFF;
        int group = b[pos + 7] & 0xFF;
        long ts = kind == HeaderKind.PERFINFO ? Bytes.i64(b, pos + 8) : Bytes.i64(b, pos + 0x10);
        ev.set(kind, type, ts, KernelGroups.guid(group, opcode), opcode, version & 0xFF).timeBase(timeBase);
        if (kind != HeaderKind.PERFINFO) {
            ev.process(Bytes.i32(b, pos + 0x0C), Bytes.i32(b, pos + 8));
        }
        // SYSTEM32/COMPACT32 are the odd types 0x01/0x03, but PERFINFO32 is the even 0x10 (PERFINFO64 = 0x11).
        boolean header32 = kind == HeaderKind.PERFINFO ? type == 0x10 : (type & 1) == 1;
        ev.pointerSize(header32 ? 4 : 8)
                .payload(b, pos + fixed + extra, size - fixed - extra);
        return finish(pos, size, end, buf, ev);
    }

    /** EVENT_HEADER (§A.5.2) with optional extended items (§A.5.3). */
    private int event(byte[] b, int pos, int end, int type, BufferHeader buf, EtwEvent ev) {
        if (end - pos < 4) {
            return truncated(buf, pos, end, 4);
        }
        int size = Bytes.u16(b, pos);
        if (!fits(b, pos, end, size, EVENT_FIXED, HeaderKind.EVENT, buf)) {
            return END;
        }
        int flags = Bytes.u16(b, pos + 4);
        Guid provider = guids.get(b, pos + 0x18);
        ev.set(HeaderKind.EVENT, type, Bytes.i64(b, pos + 0x10), provider, Bytes.u16(b, pos + 0x28), b[pos + 0x2A] & 0xFF)
                .timeBase(timeBase)
                .process(Bytes.i32(b, pos + 0x0C), Bytes.i32(b, pos + 8))
                .descriptor(b[pos + 0x2D] & 0xFF, b[pos + 0x2C] & 0xFF, Bytes.u16(b, pos + 0x2E), b[pos + 0x2B] & 0xFF)
                .keywords(Bytes.i64(b, pos + 0x30))
                .flags(flags)
                .pointerSize((flags & EVENT_FLAG_32_BIT) != 0 ? 4 : (flags & EVENT_FLAG_64_BIT) != 0 ? 8 : type == 0x12 ? 4 : 8);
        int data = pos + EVENT_FIXED;
        int recordEnd = pos + size;
        if ((flags & EVENT_FLAG_EXTENDED_INFO) != 0) {
            int p = data;
            boolean more = true;
            while (more) {
                if (recordEnd - p < 8) {
                    problems.malformedRecord(where(buf, pos) + ": extended data item at record offset " + (p - pos)
                            + " needs 8 bytes, the record has " + (recordEnd - p) + " left");
                    return END;
                }
                int itemSize = Bytes.u16(b, p); // Reserved1 = total item size, header included
                more = (Bytes.u16(b, p + 4) & 1) != 0; // Linkage bit: another item follows
                if (itemSize < 8 || itemSize > recordEnd - p) {
                    problems.malformedRecord(where(buf, pos) + ": extended data item size " + itemSize
                            + " at record offset " + (p - pos) + " is outside 8.." + (recordEnd - p));
                    return END;
                }
                p += itemSize;
            }
            ev.extended(data, p - data);
            data = p;
        }
        ev.payload(b, data, recordEnd - data);
        return finish(pos, size, end, buf, ev);
    }

    /** EVENT_TRACE_HEADER and EVENT_INSTANCE_GUID_HEADER (§A.5.4). */
    private int classic(byte[] b, int pos, int end, int type, HeaderKind kind, int fixed, BufferHeader buf, EtwEvent ev) {
        if (end - pos < 4) {
            return truncated(buf, pos, end, 4);
        }
        int size = Bytes.u16(b, pos);
        if (!fits(b, pos, end, size, fixed, kind, buf)) {
            return END;
        }
        ev.set(kind, type, Bytes.i64(b, pos + 0x10), guids.get(b, pos + 0x18), b[pos + 4] & 0xFF, Bytes.u16(b, pos + 6))
                .timeBase(timeBase)
                .process(Bytes.i32(b, pos + 0x0C), Bytes.i32(b, pos + 8))
                .level(b[pos + 5] & 0xFF)
                .pointerSize((type == 0x0A || type == 0x0B) ? 4 : 8)
                .payload(b, pos + fixed, size - fixed);
        return finish(pos, size, end, buf, ev);
    }

    /** MESSAGE_TRACE_HEADER (WPP): optional fields in OptionFlags order (§A.5.5). */
    private int wpp(byte[] b, int pos, int end, BufferHeader buf, EtwEvent ev) {
        int size = Bytes.u16(b, pos);
        if (!fits(b, pos, end, size, WPP_FIXED, HeaderKind.WPP, buf)) {
            return END;
        }
        int number = Bytes.u16(b, pos + 4);
        int options = Bytes.u16(b, pos + 6);
        int p = pos + WPP_FIXED;
        int recordEnd = pos + size;
        Guid guid = null;
        long ts = buf.timestamp(); // no timestamp: the buffer's flush time (§A.8)
        int pid = -1;
        int tid = -1;
        int need = ((options & WPP_SEQUENCE) != 0 ? 4 : 0)
                + ((options & WPP_GUID) != 0 ? 16 : (options & WPP_COMPONENT_ID) != 0 ? 4 : 0)
                + ((options & (WPP_TIMESTAMP | WPP_PERF_TIMESTAMP)) != 0 ? 8 : 0)
                + ((options & WPP_SYSTEM_INFO) != 0 ? 8 : 0);
        if (recordEnd - p < need) {
            problems.malformedRecord(where(buf, pos) + ": WPP message with options 0x" + Integer.toHexString(options)
                    + " needs " + (WPP_FIXED + need) + " bytes, its size is " + size);
            return END;
        }
        if ((options & WPP_SEQUENCE) != 0) {
            p += 4;
        }
        if ((options & WPP_GUID) != 0) {
            guid = guids.get(b, p);
            p += 16;
        } else if ((options & WPP_COMPONENT_ID) != 0) {
            p += 4;
        }
        if ((options & (WPP_TIMESTAMP | WPP_PERF_TIMESTAMP)) != 0) {
            ts = Bytes.i64(b, p);
            p += 8;
        }
        if ((options & WPP_SYSTEM_INFO) != 0) {
            tid = Bytes.i32(b, p);
            pid = Bytes.i32(b, p + 4);
            p += 8;
        }
        ev.set(HeaderKind.WPP, 0, ts, guid, number, 0).timeBase(timeBase).payload(b, p, recordEnd - p);
        if ((options & WPP_SYSTEM_INFO) != 0) {
            ev.process(pid, tid);
        }
        return finish(pos, size, end, buf, ev);
    }

    /** ERROR records (0x0D, "error while logging event") carry nothing to decode: skip by size (§A.4). */
    private int skipError(byte[] b, int pos, int end, BufferHeader buf) {
        int size = Bytes.u16(b, pos);
        if (size < 8 || size > end - pos) {
            problems.malformedRecord(where(buf, pos) + ": ERROR record size " + size + ", " + (end - pos) + " bytes left");
            return END;
        }
        int next = pos + ((size + 7) & ~7);
        return next >= end ? END : -next;
    }

    /** Skips a record of a kind wsclose does not decode; returns the negated next position. */
    private int skip(byte[] b, int pos, int end, BufferHeader buf) {
        int size = Bytes.u16(b, pos);
        if (size < 8 || size > end - pos) {
            problems.malformedRecord(where(buf, pos) + ": record of unknown kind (marker 0x"
                    + Integer.toHexString(Bytes.i32(b, pos)) + ") with size " + size + ", " + (end - pos) + " bytes left");
            return END;
        }
        problems.unknownRecord();
        int next = pos + ((size + 7) & ~7);
        return next >= end ? END : -next;
    }

    /** Whether a record's size holds its header and stays in the buffer: per record, so the message is a call. */
    private boolean fits(byte[] b, int pos, int end, int size, int fixed, HeaderKind kind, BufferHeader buf) {
        return size >= fixed && size <= end - pos || doesNotFit(pos, end, size, fixed, kind, buf);
    }

    private boolean doesNotFit(int pos, int end, int size, int fixed, HeaderKind kind, BufferHeader buf) {
        problems.malformedRecord(where(buf, pos) + ": " + kind.label() + " record size " + size
                + (size < fixed ? " is smaller than its " + fixed + "-byte header"
                : " runs past the buffer's valid data (" + (end - pos) + " bytes left)"));
        return false;
    }

    private int truncated(BufferHeader buf, int pos, int end, int need) {
        problems.malformedRecord(where(buf, pos) + ": record header needs " + need + " bytes, " + (end - pos) + " left");
        return END;
    }

    private int finish(int pos, int size, int end, BufferHeader buf, EtwEvent ev) {
        ev.processor(buf.processor()).position(buf.index(), buf.fileOffset(), pos, size);
        int next = pos + ((size + 7) & ~7); // records are 8-byte aligned (§A.4)
        return Math.min(next, end);
    }

    static String where(BufferHeader buf, int pos) {
        return "byte offset 0x" + Long.toHexString(buf.fileOffset() + pos) + " (buffer " + buf.index()
                + ", record at buffer offset " + pos + ")";
    }
}
