package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JNA structures against the documented Windows x64 layouts. The expected numbers are literals copied
 * from live-mode.md §A.3.2 / §A.2.3 (mingw-w64 headers compiled for x64) and etl-format.md §A.5.2, §A.7;
 * ALIGN_MSVC on Linux x86_64 reproduces the x64 layout (live-mode.md key finding 8). x86 is covered by the
 * ByteBuffer parsers with pointer size 4, since a 64-bit JVM cannot lay out 4-byte pointers.
 */
class StructLayoutTest {

    /** Structure.fieldOffset is protected; this reads it for every field in declaration order. */
    private static Map<String, Integer> offsets(Structure s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String f : s.getClass().getAnnotation(Structure.FieldOrder.class).value()) {
            m.put(f, Probe.offset(s, f));
        }
        return m;
    }

    private static void check(Structure s, int size, Object... nameOffset) {
        assertThat(s.size()).as(s.getClass().getSimpleName() + " size").isEqualTo(size);
        Map<String, Integer> actual = offsets(s);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < nameOffset.length; i += 2) {
            expected.put((String) nameOffset[i], (Integer) nameOffset[i + 1]);
        }
        assertThat(actual).as(s.getClass().getSimpleName() + " offsets").containsAllEntriesOf(expected);
        assertThat(expected.keySet()).as("every field is checked").containsExactlyElementsOf(actual.keySet());
    }

    @Test
    void wnodeHeader() {
        check(new EtwStructs.WnodeHeader(), 48, "BufferSize", 0, "ProviderId", 4, "HistoricalContext", 8,
                "TimeStamp", 16, "Guid", 24, "ClientContext", 40, "Flags", 44);
    }

    @Test
    void eventTraceProperties() {
        check(new EtwStructs.EventTraceProperties(), 120, "Wnode", 0, "BufferSize", 48, "MinimumBuffers", 52,
                "MaximumBuffers", 56, "MaximumFileSize", 60, "LogFileMode", 64, "FlushTimer", 68, "EnableFlags", 72,
                "AgeLimit", 76, "NumberOfBuffers", 80, "FreeBuffers", 84, "EventsLost", 88, "BuffersWritten", 92,
                "LogBuffersLost", 96, "RealTimeBuffersLost", 100, "LoggerThreadId", 104, "LogFileNameOffset", 112,
                "LoggerNameOffset", 116);
    }

    @Test
    void filterDescriptorAndEnableParameters() {
        check(new EtwStructs.EventFilterDescriptor(), 16, "Ptr", 0, "Size", 8, "Type", 12);
        check(new EtwStructs.EnableTraceParameters(), 48, "Version", 0, "EnableProperty", 4, "ControlFlags", 8,
                "SourceId", 12, "EnableFilterDesc", 32, "FilterDescCount", 40);
    }

    @Test
    void eventTraceLogfile() {
        check(new EtwConsumerStructs.EventTraceLogfile(), 448, "LogFileName", 0, "LoggerName", 8, "CurrentTime", 16,
                "BuffersRead", 24, "ProcessTraceMode", 28, "CurrentEvent", 32, "LogfileHeader", 120,
                "BufferCallback", 400, "BufferSize", 408, "Filled", 412, "EventsLost", 416, "EventRecordCallback", 424,
                "IsKernelTrace", 432, "Context", 440);
    }

    @Test
    void embeddedEventTraceAndHeader() {
        check(new EtwConsumerStructs.EventTraceHeader(), 48, "Size", 0, "HeaderType", 2, "MarkerFlags", 3, "Type", 4,
                "Level", 5, "Version", 6, "ThreadId", 8, "ProcessId", 12, "TimeStamp", 16, "Guid", 24,
                "KernelTime", 40, "UserTime", 44);
        check(new EtwConsumerStructs.EventTrace(), 88, "Header", 0, "InstanceId", 48, "ParentInstanceId", 52,
                "ParentGuid", 56, "MofData", 72, "MofLength", 80, "ClientContext", 84);
    }

    @Test
    void traceLogfileHeader() {
        // etl-format.md §A.7, column P=8
        check(new EtwConsumerStructs.TraceLogfileHeader(), 280, "BufferSize", 0, "Version", 4, "ProviderVersion", 8,
                "NumberOfProcessors", 12, "EndTime", 16, "TimerResolution", 24, "MaximumFileSize", 28,
                "LogFileMode", 32, "BuffersWritten", 36, "StartBuffers", 40, "PointerSize", 44, "EventsLost", 48,
                "CpuSpeedInMHz", 52, "LoggerName", 56, "LogFileName", 64, "TimeZone", 72, "BootTime", 248,
                "PerfFreq", 256, "StartTime", 264, "ReservedFlags", 272, "BuffersLost", 276);
        assertThat(new EtwConsumerStructs.TimeZoneInformation().size()).isEqualTo(172);
    }

    @Test
    void eventRecordAndHeader() {
        check(new EventRecordStructs.EventRecord(), 112, "EventHeader", 0, "BufferContext", 80,
                "ExtendedDataCount", 84, "UserDataLength", 86, "ExtendedData", 88, "UserData", 96, "UserContext", 104);
        check(new EventRecordStructs.EventHeader(), 80, "Size", 0, "HeaderType", 2, "Flags", 4, "EventProperty", 6,
                "ThreadId", 8, "ProcessId", 12, "TimeStamp", 16, "ProviderId", 24, "EventDescriptor", 40,
                "ProcessorTime", 56, "ActivityId", 64);
        check(new EventRecordStructs.EventDescriptor(), 16, "Id", 0, "Version", 2, "Channel", 3, "Level", 4,
                "Opcode", 5, "Task", 6, "Keyword", 8);
        check(new EventRecordStructs.EtwBufferContext(), 4, "ProcessorIndex", 0, "LoggerId", 2);
        check(new EventRecordStructs.ExtendedDataItem(), 16, "Reserved1", 0, "ExtType", 2, "Linkage", 4,
                "DataSize", 6, "DataPtr", 8);
    }

    @Test
    void readerOffsetsAgreeWithTheStructures() {
        EventRecordStructs.EventRecord r = new EventRecordStructs.EventRecord();
        assertThat(EventRecordReader.recordSize(8)).isEqualTo(r.size());
        assertThat(EventRecordReader.userDataOffset(8)).isEqualTo(Probe.offset(r, "UserData"));
        assertThat(EventRecordReader.extendedDataOffset()).isEqualTo(Probe.offset(r, "ExtendedData"));
        assertThat(EventRecordReader.recordSize(4)).isEqualTo(104);
        assertThat(EventRecordReader.userDataOffset(4)).isEqualTo(92);
    }

    @Test
    void afdStructures() {
        check(new AfdStructs.AfdTlIoControlInfo(), 32, "Type", 0, "Level", 4, "IoControlCode", 8, "EndpointIoctl", 12,
                "InputBuffer", 16, "InputBufferLength", 24);
        check(new AfdStructs.IoStatusBlock(), 16, "Status", 0, "Information", 8);
    }

    /** Opens Structure.fieldOffset, which JNA keeps protected. */
    static final class Probe {
        private Probe() {
        }

        static int offset(Structure s, String field) {
            try {
                java.lang.reflect.Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
                m.setAccessible(true);
                return (Integer) m.invoke(s, field);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
