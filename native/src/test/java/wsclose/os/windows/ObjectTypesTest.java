package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OBJECT_TYPES_INFORMATION buffers laid out as live-mode.md §A.1.2 describes, x64 and x86. */
class ObjectTypesTest {

    /** Records of 104/96 bytes, TypeIndex at 90/82, each followed by MaximumLength name bytes, aligned to p. */
    static Bin types(int p, boolean win81, String... names) {
        int record = p == 8 ? 104 : 96;
        int typeIndex = p == 8 ? 90 : 82;
        Bin bin = new Bin(8192).u32(0, names.length);
        int at = p; // ALIGN_UP(sizeof(ULONG), sizeof(PVOID))
        for (int i = 0; i < names.length; i++) {
            int len = Bin.utf16Length(names[i]);
            int max = len + 2;
            bin.u16(at, len).u16(at + 2, max).ptr(at + p, 0xdead0000L + at, p); // Buffer: an address, never used
            bin.u8(at + typeIndex, win81 ? 40 + i : 0);
            bin.utf16(at + record, names[i]);
            at = (at + record + max + p - 1) & -p;
        }
        return bin;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void findsTheFileTypeIndex(int p) {
        Bin bin = types(p, true, "Type", "Directory", "SymbolicLink", "Token", "Job", "Process", "File", "Event");
        assertThat(ObjectTypes.fileTypeIndex(bin.buffer(), p)).hasValue(46);
        assertThat(ObjectTypes.parse(bin.buffer(), p)).containsEntry("Type", 40).containsEntry("Event", 47).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void beforeWindows81TheIndexIsTwoPlusThePosition(int p) {
        Bin bin = types(p, false, "Type", "Directory", "File");
        assertThat(ObjectTypes.fileTypeIndex(bin.buffer(), p)).hasValue(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void oddLengthNamesKeepTheRecordsAligned(int p) {
        // "Key" and "ALPC Port" give MaximumLength values that are not multiples of the pointer size.
        Bin bin = types(p, true, "Key", "ALPC Port", "WaitCompletionPacket", "File");
        assertThat(ObjectTypes.fileTypeIndex(bin.buffer(), p)).hasValue(43);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aTruncatedBufferYieldsWhatFits(int p) {
        Bin full = types(p, true, "Type", "File");
        byte[] cut = java.util.Arrays.copyOf(full.b, p + (p == 8 ? 104 : 96) + 10);
        assertThat(ObjectTypes.parse(java.nio.ByteBuffer.wrap(cut), p)).containsOnlyKeys("Type");
        assertThat(ObjectTypes.fileTypeIndex(java.nio.ByteBuffer.wrap(cut), p)).isEmpty();
    }
}
