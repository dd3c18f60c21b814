package wsclose.os.windows;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Guid.GUID;
import java.nio.charset.StandardCharsets;
import wsclose.trace.etw.Guid;

/**
 * The EVENT_TRACE_PROPERTIES block StartTrace/ControlTrace/QueryAllTraces take: the structure followed by the
 * logger name and the log file name in the same allocation, found through LoggerNameOffset/LogFileNameOffset
 * (live-mode.md §A.3.2-A.3.3). Names are written as UTF-16LE bytes, not with setWideString, which writes
 * 4-byte wchar_t on Linux: the same code then runs in the Linux tests and on Windows.
 */
final class PropertiesBlock {
    /** Room for a name ControlTrace/QueryAllTraces returns: 1024 UTF-16 units. */
    static final int NAME_ROOM = 2048;

    private PropertiesBlock() {
    }

    static int structSize() {
        return new EtwStructs.EventTraceProperties().size();
    }

    static int bytes(String s) {
        return s == null ? 0 : 2 * (s.length() + 1);
    }

    /** The block for StartTrace: flags, clock, buffers, modes, and the names after the structure. */
    static Memory forStart(SessionSpec spec, Guid sessionGuid) {
        int base = structSize();
        int total = base + bytes(spec.name()) + bytes(spec.logFile());
        Memory m = new Memory(total);
        m.clear();
        EtwStructs.EventTraceProperties p = new EtwStructs.EventTraceProperties(m);
        p.Wnode.BufferSize = total;
        p.Wnode.Flags = WinConst.WNODE_FLAG_TRACED_GUID;
        p.Wnode.ClientContext = WinConst.CLOCK_QPC;
        p.Wnode.Guid = guid(sessionGuid);
        p.BufferSize = spec.bufferKb();
        p.MinimumBuffers = spec.minBuffers();
        p.MaximumBuffers = spec.maxBuffers();
        p.FlushTimer = spec.flushSeconds();
        p.LogFileMode = spec.logFileMode();
        p.EnableFlags = spec.enableFlags();
        p.LoggerNameOffset = base;
        p.LogFileNameOffset = spec.logFile() == null ? 0 : base + bytes(spec.name());
        p.write();
        utf16(m, base, spec.name());
        if (spec.logFile() != null) {
            utf16(m, base + bytes(spec.name()), spec.logFile());
        }
        return m;
    }

    /** An empty block with room for both names, for ControlTrace and QueryAllTraces to fill. */
    static Memory forControl() {
        int base = structSize();
        int total = base + 2 * NAME_ROOM;
        Memory m = new Memory(total);
        m.clear();
        EtwStructs.EventTraceProperties p = new EtwStructs.EventTraceProperties(m);
        p.Wnode.BufferSize = total;
        p.LoggerNameOffset = base;
        p.LogFileNameOffset = base + NAME_ROOM;
        p.write();
        return m;
    }

    static EtwApi.Counters counters(Memory block) {
        EtwStructs.EventTraceProperties p = new EtwStructs.EventTraceProperties(block);
        p.read();
        return new EtwApi.Counters(Integer.toUnsignedLong(p.EventsLost), Integer.toUnsignedLong(p.RealTimeBuffersLost),
                Integer.toUnsignedLong(p.LogBuffersLost), Integer.toUnsignedLong(p.BuffersWritten));
    }

    /** The logger name a filled block holds, or "" when it holds none. */
    static String loggerName(Memory block) {
        EtwStructs.EventTraceProperties p = new EtwStructs.EventTraceProperties(block);
        p.read();
        int off = p.LoggerNameOffset;
        if (off <= 0 || off >= block.size()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (long at = off; at + 1 < block.size(); at += 2) {
            char c = (char) (block.getShort(at) & 0xFFFF);
            if (c == 0) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static void utf16(Memory m, long offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        m.write(offset, b, 0, b.length);
        m.setShort(offset + b.length, (short) 0);
    }

    /** A JNA GUID with the fields set, so it is written in the Windows layout whatever the host. */
    static GUID guid(Guid g) {
        GUID j = new GUID();
        j.Data1 = (int) (g.msb() >>> 32);
        j.Data2 = (short) (g.msb() >>> 16);
        j.Data3 = (short) g.msb();
        for (int i = 0; i < 8; i++) {
            j.Data4[i] = (byte) (g.lsb() >>> (56 - 8 * i));
        }
        return j;
    }
}
