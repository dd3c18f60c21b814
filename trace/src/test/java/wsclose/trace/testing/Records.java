package wsclose.trace.testing;

import static wsclose.trace.etw.Bytes.put16;
import static wsclose.trace.etw.Bytes.put32;
import static wsclose.trace.etw.Bytes.put64;

import java.util.List;
import wsclose.trace.etw.Guid;

/**
 * Encodes single trace records (header + payload, unpadded; Size = returned length) exactly as
 * etl-format.md §A.4/§A.5 lays them out. {@code p} is the pointer size that selects the 32/64 header type.
 * The writer pads every record to 8 bytes when it places it in a buffer (§A.4 "Alignment").
 */
final class Records {
    /** Bits 31+30 of the marker: a typed trace header (§A.4). */
    static final int MARKER_FLAGS = 0xC0;
    /** Top byte of a WPP MESSAGE_TRACE_HEADER marker (§A.4, §A.5.5). */
    static final int WPP_MARKER = 0x90;
    /** EVENT_HEADER Flags (§A.5.2). */
    static final int EH_EXTENDED_INFO = 0x0001, EH_32_BIT = 0x0020, EH_64_BIT = 0x0040;
    /** WPP OptionFlags (§A.5.5). */
    static final int WPP_SEQUENCE = 0x01, WPP_GUID = 0x02, WPP_TIMESTAMP = 0x08, WPP_SYSTEMINFO = 0x20,
            WPP_POINTER32 = 0x40, WPP_POINTER64 = 0x80;

    private Records() {
    }

    /** SYSTEM_TRACE_HEADER 0x01/0x02, fixed size 0x20 (§A.5.1). */
    static byte[] system(int p, long ts, int group, int opcode, int version, int pid, int tid, byte[] payload) {
        byte[] r = kernelCommon(0x20, p == 8 ? 0x02 : 0x01, group, opcode, version, payload);
        put32(r, 0x08, tid);
        put32(r, 0x0C, pid);
        put64(r, 0x10, ts);
        // 0x18 KernelTime, 0x1C UserTime: left 0.
        return r;
    }

    /** COMPACT header 0x03/0x04: SYSTEM without Kernel/UserTime, fixed size 0x18 (§A.5.1). */
    static byte[] compact(int p, long ts, int group, int opcode, int version, int pid, int tid, byte[] payload) {
        byte[] r = kernelCommon(0x18, p == 8 ? 0x04 : 0x03, group, opcode, version, payload);
        put32(r, 0x08, tid);
        put32(r, 0x0C, pid);
        put64(r, 0x10, ts);
        return r;
    }

    /** PERFINFO_TRACE_HEADER 0x10/0x11, fixed size 0x10, timestamp at +0x08, no pid/tid (§A.5.1). */
    static byte[] perfinfo(int p, long ts, int group, int opcode, int version, byte[] payload) {
        byte[] r = kernelCommon(0x10, p == 8 ? 0x11 : 0x10, group, opcode, version, payload);
        put64(r, 0x08, ts);
        return r;
    }

    /** The part SYSTEM/COMPACT/PERFINFO share: Version @0, type @2, 0xC0 @3, Size @4, HookId @6 (§A.5.1). */
    private static byte[] kernelCommon(int fixed, int type, int group, int opcode, int version, byte[] payload) {
        check(group, 0xFF, "group");
        check(opcode, 0xFF, "opcode");
        check(version, 0xFFFF, "version");
        byte[] r = new byte[size(fixed + payload.length)];
        put16(r, 0x00, version);
        r[0x02] = (byte) type;
        r[0x03] = (byte) MARKER_FLAGS;
        put16(r, 0x04, r.length);
        r[0x06] = (byte) opcode;   // WMI_TRACE_PACKET.Type
        r[0x07] = (byte) group;    // WMI_TRACE_PACKET.Group
        System.arraycopy(payload, 0, r, fixed, payload.length);
        return r;
    }

    /**
     * EVENT_HEADER 0x12/0x13, fixed size 0x50 (§A.5.2), then the extended items (§A.5.3), then user data.
     * Each item is 8 + align8(DataSize) bytes, Reserved1 = that total, Linkage set on all but the last.
     */
    static byte[] event(int p, long ts, Guid provider, int id, int version, int channel, int level, int opcode,
            int task, long keywords, int pid, int tid, List<ExtItem> ext, byte[] payload) {
        check(id, 0xFFFF, "id");
        check(version, 0xFF, "version");
        check(channel, 0xFF, "channel");
        check(level, 0xFF, "level");
        check(opcode, 0xFF, "opcode");
        check(task, 0xFFFF, "task");
        int extLen = 0;
        for (ExtItem x : ext) {
            extLen += 8 + align8(x.data().length);
        }
        byte[] r = new byte[size(0x50 + extLen + payload.length)];
        put16(r, 0x00, r.length);
        put16(r, 0x02, 0xC000 | (p == 8 ? 0x13 : 0x12));
        put16(r, 0x04, (p == 8 ? EH_64_BIT : EH_32_BIT) | (ext.isEmpty() ? 0 : EH_EXTENDED_INFO));
        // 0x06 EventProperty: 0.
        put32(r, 0x08, tid);
        put32(r, 0x0C, pid);
        put64(r, 0x10, ts);
        provider.writeLittleEndian(r, 0x18);
        put16(r, 0x28, id);
        r[0x2A] = (byte) version;
        r[0x2B] = (byte) channel;
        r[0x2C] = (byte) level;
        r[0x2D] = (byte) opcode;
        put16(r, 0x2E, task);
        put64(r, 0x30, keywords);
        // 0x38 Kernel/UserTime and 0x40 ActivityId: 0.
        int off = 0x50;
        for (int i = 0; i < ext.size(); i++) {
            ExtItem x = ext.get(i);
            check(x.type(), 0xFFFF, "ext type");
            int total = 8 + align8(x.data().length);
            put16(r, off, total);                                   // Reserved1 = total item size
            put16(r, off + 2, x.type());                            // ExtType
            put16(r, off + 4, i < ext.size() - 1 ? 1 : 0);          // Linkage
            put16(r, off + 6, x.data().length);                     // DataSize
            System.arraycopy(x.data(), 0, r, off + 8, x.data().length);
            off += total;
        }
        System.arraycopy(payload, 0, r, off, payload.length);
        return r;
    }

    /** EVENT_TRACE_HEADER 0x0A/0x14, fixed size 0x30 (§A.5.4). */
    static byte[] classic(int p, long ts, Guid classGuid, int type, int level, int version, int pid, int tid, byte[] payload) {
        byte[] r = traceCommon(0x30, p == 8 ? 0x14 : 0x0A, ts, classGuid, type, level, version, pid, tid, payload);
        return r;
    }

    /** EVENT_INSTANCE_GUID_HEADER 0x0B/0x15, fixed size 0x48: InstanceId @0x30, ParentInstanceId @0x34, ParentGuid @0x38 (§A.5.4). */
    static byte[] instance(int p, long ts, Guid classGuid, int type, int level, int version, int pid, int tid,
            int instanceId, int parentInstanceId, Guid parentGuid, byte[] payload) {
        byte[] r = traceCommon(0x48, p == 8 ? 0x15 : 0x0B, ts, classGuid, type, level, version, pid, tid, payload);
        put32(r, 0x30, instanceId);
        put32(r, 0x34, parentInstanceId);
        parentGuid.writeLittleEndian(r, 0x38);
        return r;
    }

    private static byte[] traceCommon(int fixed, int headerType, long ts, Guid guid, int type, int level, int version,
            int pid, int tid, byte[] payload) {
        check(type, 0xFF, "type");
        check(level, 0xFF, "level");
        check(version, 0xFFFF, "version");
        byte[] r = new byte[size(fixed + payload.length)];
        put16(r, 0x00, r.length);
        r[0x02] = (byte) headerType;
        r[0x03] = (byte) MARKER_FLAGS;
        r[0x04] = (byte) type;      // Class.Type
        r[0x05] = (byte) level;     // Class.Level
        put16(r, 0x06, version);    // Class.Version
        put32(r, 0x08, tid);
        put32(r, 0x0C, pid);
        put64(r, 0x10, ts);
        guid.writeLittleEndian(r, 0x18);
        // 0x28: Kernel/UserTime: 0.
        System.arraycopy(payload, 0, r, fixed, payload.length);
        return r;
    }

    /**
     * WPP MESSAGE_TRACE_HEADER (§A.5.5): Size @0, reserved @2 = 0, 0x90 @3, MessageNumber @4, OptionFlags @6,
     * then [SEQUENCE u32] GUID(16) TIMESTAMP(u64) SYSTEMINFO(u32 tid, u32 pid), then the arguments.
     * OptionFlags = 0x2A (| 0x01 with a sequence) | POINTER64 0x80 or POINTER32 0x40 by pointer size;
     * the corpus's WPP records carry 0xAA (expected/README.md, "Limitations").
     */
    static byte[] wpp(int p, long ts, Integer sequence, Guid msgGuid, int messageNumber, int pid, int tid, byte[] payload) {
        check(messageNumber, 0xFFFF, "message number");
        int options = WPP_GUID | WPP_TIMESTAMP | WPP_SYSTEMINFO | (p == 8 ? WPP_POINTER64 : WPP_POINTER32)
                | (sequence != null ? WPP_SEQUENCE : 0);
        int fixed = 8 + (sequence != null ? 4 : 0) + 16 + 8 + 8;
        byte[] r = new byte[size(fixed + payload.length)];
        put16(r, 0x00, r.length);
        r[0x03] = (byte) WPP_MARKER;
        put16(r, 0x04, messageNumber);
        put16(r, 0x06, options);
        int off = 8;
        if (sequence != null) {
            put32(r, off, sequence);
            off += 4;
        }
        msgGuid.writeLittleEndian(r, off);
        put64(r, off + 16, ts);
        put32(r, off + 24, tid);
        put32(r, off + 28, pid);
        System.arraycopy(payload, 0, r, fixed, payload.length);
        return r;
    }

    static int align8(int n) {
        return (n + 7) & ~7;
    }

    /** A record's Size is a u16 (§A.4). */
    private static int size(int n) {
        if (n > 0xFFFF) {
            throw new IllegalArgumentException("record of " + n + " bytes exceeds the u16 Size field");
        }
        return n;
    }

    private static void check(int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + v);
        }
    }
}
