package wsclose.os.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.Guid.GUID;

/**
 * What the EventRecordCallback receives (evntcons.h), with {@code ALIGN_MSVC} (live-mode.md §A.3.2;
 * etl-format.md §A.5.2-A.5.3). wsclose reads EVENT_RECORD with {@link EventRecordReader} at explicit offsets,
 * which avoids a Structure allocation per event and also covers x86; these declarations exist so that the
 * layout tests pin the offsets the reader uses to the Windows headers.
 */
final class EventRecordStructs {
    private EventRecordStructs() {
    }

    /** EVENT_DESCRIPTOR: 16 bytes. */
    @FieldOrder({"Id", "Version", "Channel", "Level", "Opcode", "Task", "Keyword"})
    public static class EventDescriptor extends Structure {
        public short Id;
        public byte Version;
        public byte Channel;
        public byte Level;
        public byte Opcode;
        public short Task;
        public long Keyword;

        public EventDescriptor() {
            super(ALIGN_MSVC);
        }
    }

    /** EVENT_HEADER: 80 bytes on both. */
    @FieldOrder({"Size", "HeaderType", "Flags", "EventProperty", "ThreadId", "ProcessId", "TimeStamp",
        "ProviderId", "EventDescriptor", "ProcessorTime", "ActivityId"})
    public static class EventHeader extends Structure {
        public short Size;
        public short HeaderType;
        public short Flags;
        public short EventProperty;
        public int ThreadId;
        public int ProcessId;
        public long TimeStamp;
        public GUID ProviderId = new GUID();
        public EventDescriptor EventDescriptor = new EventDescriptor();
        /** Union with {ULONG KernelTime; ULONG UserTime}. */
        public long ProcessorTime;
        public GUID ActivityId = new GUID();

        public EventHeader() {
            super(ALIGN_MSVC);
        }
    }

    /** ETW_BUFFER_CONTEXT: 4 bytes; ProcessorIndex is a union with {UCHAR ProcessorNumber; UCHAR Alignment}. */
    @FieldOrder({"ProcessorIndex", "LoggerId"})
    public static class EtwBufferContext extends Structure {
        public short ProcessorIndex;
        public short LoggerId;

        public EtwBufferContext() {
            super(ALIGN_MSVC);
        }
    }

    /** EVENT_RECORD: 112 bytes on x64, 104 on x86. */
    @FieldOrder({"EventHeader", "BufferContext", "ExtendedDataCount", "UserDataLength", "ExtendedData", "UserData",
        "UserContext"})
    public static class EventRecord extends Structure {
        public EventHeader EventHeader = new EventHeader();
        public EtwBufferContext BufferContext = new EtwBufferContext();
        public short ExtendedDataCount;
        public short UserDataLength;
        public Pointer ExtendedData;
        public Pointer UserData;
        public Pointer UserContext;

        public EventRecord() {
            super(ALIGN_MSVC);
        }
    }

    /** EVENT_HEADER_EXTENDED_DATA_ITEM: 16 bytes on both; DataPtr is a ULONGLONG even on x86. */
    @FieldOrder({"Reserved1", "ExtType", "Linkage", "DataSize", "DataPtr"})
    public static class ExtendedDataItem extends Structure {
        public short Reserved1;
        public short ExtType;
        /** Linkage:1, Reserved2:15. */
        public short Linkage;
        public short DataSize;
        public long DataPtr;

        public ExtendedDataItem() {
            super(ALIGN_MSVC);
        }
    }
}
