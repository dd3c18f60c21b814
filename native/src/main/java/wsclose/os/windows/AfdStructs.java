package wsclose.os.windows;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * Structures passed to NtDeviceIoControlFile for the AFD IOCTLs (live-mode.md §A.2.3, from System Informer
 * {@code ntafd.h}), with {@code ALIGN_MSVC}. SOCK_SHARED_INFO is what comes back and is parsed with a
 * ByteBuffer ({@link SockSharedInfo}); it is identical on x86 and x64.
 */
final class AfdStructs {
    private AfdStructs() {
    }

    /** AFD_TL_IO_CONTROL_INFO: 32 bytes on x64, 24 on x86. */
    @FieldOrder({"Type", "Level", "IoControlCode", "EndpointIoctl", "InputBuffer", "InputBufferLength"})
    public static class AfdTlIoControlInfo extends Structure {
        public int Type;
        public int Level;
        public int IoControlCode;
        /** BOOLEAN (one byte). */
        public byte EndpointIoctl;
        public Pointer InputBuffer;
        /** SIZE_T. */
        public Pointer InputBufferLength;

        public AfdTlIoControlInfo() {
            super(ALIGN_MSVC);
        }
    }

    /** IO_STATUS_BLOCK: {union {NTSTATUS Status; PVOID Pointer}; ULONG_PTR Information}, 16 bytes on x64. */
    @FieldOrder({"Status", "Information"})
    public static class IoStatusBlock extends Structure {
        public Pointer Status;
        public Pointer Information;

        public IoStatusBlock() {
            super(ALIGN_MSVC);
        }
    }
}
