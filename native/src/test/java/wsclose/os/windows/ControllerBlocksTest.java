package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import wsclose.trace.etw.Guid;

/**
 * The memory blocks passed to StartTrace/ControlTrace/EnableTraceEx2, read back byte by byte at the x64 offsets
 * of live-mode.md §A.3.2 (EVENT_TRACE_PROPERTIES, ENABLE_TRACE_PARAMETERS, EVENT_FILTER_DESCRIPTOR).
 */
class ControllerBlocksTest {

    private static String utf16z(Memory m, long at) {
        StringBuilder sb = new StringBuilder();
        for (long p = at; m.getShort(p) != 0; p += 2) {
            sb.append((char) m.getShort(p));
        }
        return sb.toString();
    }

    @Test
    void startBlockCarriesModesClockFlagsAndBothNames() {
        SessionSpec spec = new SessionSpec("wsclose-77", "C:\\t\\a.etl", true, 64, 4, 64, 1);
        Guid g = Guid.parse("11223344-5566-7788-99aa-bbccddeeff00");
        Memory m = PropertiesBlock.forStart(spec, g);
        int total = 120 + 2 * 11 + 2 * 11; // "wsclose-77" and "C:\\t\\a.etl" with their NULs
        assertThat(m.size()).isEqualTo(total);
        assertThat(m.getInt(0)).as("Wnode.BufferSize").isEqualTo(total);
        byte[] guid = m.getByteArray(24, 16);
        byte[] expect = new byte[16];
        g.writeLittleEndian(expect, 0);
        assertThat(guid).as("Wnode.Guid in the Windows layout").isEqualTo(expect);
        assertThat(m.getInt(40)).as("Wnode.ClientContext = QPC").isEqualTo(1);
        assertThat(m.getInt(44)).as("Wnode.Flags").isEqualTo(0x20000);
        assertThat(m.getInt(48)).as("BufferSize KB").isEqualTo(64);
        assertThat(m.getInt(52)).isEqualTo(4);
        assertThat(m.getInt(56)).isEqualTo(64);
        assertThat(m.getInt(64)).as("LogFileMode").isEqualTo(0x100 | 0x1 | 0x02000000);
        assertThat(m.getInt(68)).as("FlushTimer").isEqualTo(1);
        assertThat(m.getInt(72)).as("EnableFlags = EVENT_TRACE_FLAG_PROCESS").isEqualTo(1);
        assertThat(m.getInt(116)).as("LoggerNameOffset").isEqualTo(120);
        assertThat(m.getInt(112)).as("LogFileNameOffset").isEqualTo(142);
        assertThat(utf16z(m, 120)).isEqualTo("wsclose-77");
        assertThat(utf16z(m, 142)).isEqualTo("C:\\t\\a.etl");
        assertThat(m.getByteArray(120, 4)).isEqualTo("ws".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void realTimeOnlyHasNoFileName() {
        Memory m = PropertiesBlock.forStart(new SessionSpec("s", null, false, 64, 2, 64, 1), Guid.ZERO);
        assertThat(m.getInt(112)).isZero();
        assertThat(m.getInt(64)).isEqualTo(0x100);
        assertThat(m.getInt(72)).isZero();
    }

    @Test
    void controlBlockHasRoomForNamesAndYieldsCounters() {
        Memory m = PropertiesBlock.forControl();
        assertThat(m.getInt(0)).isEqualTo((int) m.size());
        assertThat(m.getInt(116)).isEqualTo(120);
        assertThat(m.getInt(112)).isEqualTo(120 + PropertiesBlock.NAME_ROOM);
        // What ControlTrace(QUERY/STOP) writes back: EventsLost @88, BuffersWritten @92, LogBuffersLost @96,
        // RealTimeBuffersLost @100, and the name at LoggerNameOffset.
        m.setInt(88, 12);
        m.setInt(92, 40);
        m.setInt(96, 1);
        m.setInt(100, 3);
        PropertiesBlock.utf16(m, 120, "wsclose-12");
        assertThat(PropertiesBlock.counters(m)).isEqualTo(new EtwApi.Counters(12, 3, 1, 40));
        assertThat(PropertiesBlock.loggerName(m)).isEqualTo("wsclose-12");
    }

    @Test
    void pidFilterParameters() {
        FilterBlock f = new FilterBlock(new int[] {100, 200, 300});
        Pointer p = f.pointer();
        assertThat(p.getInt(0)).as("Version").isEqualTo(2);
        assertThat(p.getInt(40)).as("FilterDescCount").isEqualTo(1);
        Pointer desc = p.getPointer(32);
        Pointer pids = new Pointer(desc.getLong(0));
        assertThat(desc.getInt(8)).as("Size").isEqualTo(12);
        assertThat(desc.getInt(12)).as("Type = EVENT_FILTER_TYPE_PID").isEqualTo(0x80000004);
        assertThat(pids.getIntArray(0, 3)).containsExactly(100, 200, 300);
        f.release();
        assertThatThrownBy(() -> new FilterBlock(new int[9])).hasMessageContaining("1 to 8 pids");
    }

    @Test
    void jnaGuidFieldsMatchTheWindowsByteLayout() {
        Guid g = Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
        com.sun.jna.platform.win32.Guid.GUID j = PropertiesBlock.guid(g);
        j.write();
        byte[] expect = new byte[16];
        g.writeLittleEndian(expect, 0);
        assertThat(j.getPointer().getByteArray(0, 16)).isEqualTo(expect);
    }
}
