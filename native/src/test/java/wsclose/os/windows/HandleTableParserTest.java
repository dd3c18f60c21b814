package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SystemExtendedHandleInformation buffers built from live-mode.md §A.1.1's offset tables, x64 and x86. */
class HandleTableParserTest {

    /** Field offsets in SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX: Object, UniqueProcessId, HandleValue, GrantedAccess, ObjectTypeIndex, HandleAttributes. */
    private static int[] offsets(int p) {
        return p == 8 ? new int[] {0, 8, 16, 24, 30, 32} : new int[] {0, 4, 8, 12, 18, 20};
    }

    private static Bin table(int p, long claimed, int room, long[][] rows) {
        int header = p == 8 ? 16 : 8;
        int size = p == 8 ? 40 : 28;
        Bin bin = new Bin(header + room * size).ptr(0, claimed, p);
        int[] f = offsets(p);
        for (int i = 0; i < rows.length; i++) {
            int e = header + i * size;
            bin.ptr(e + f[0], rows[i][0], p).ptr(e + f[1], rows[i][1], p).ptr(e + f[2], rows[i][2], p)
                    .u32(e + f[3], rows[i][3]).u16(e + f[4], (int) rows[i][4]).u32(e + f[5], rows[i][5]);
        }
        return bin;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void readsEveryFieldAtItsDocumentedOffset(int p) {
        long obj = p == 8 ? 0xffffa50c3e5f2010L : 0x85f2e010L;
        Bin bin = table(p, 2, 2, new long[][] {
            {obj, 1234, 0x1a4, 0x0012019f, 37, 2},
            {0, 70000, 0x10004, 0x001f01ff, 7, 0}});
        HandleTableParser.Table t = HandleTableParser.parse(bin.buffer(), p);
        assertThat(t.claimed()).isEqualTo(2);
        assertThat(t.entries()).containsExactly(
                new HandleTableParser.Entry(obj, 1234, 0x1a4, 0x0012019f, 37, 2),
                new HandleTableParser.Entry(0, 70000, 0x10004, 0x001f01ff, 7, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aHeaderClaimingMoreThanTheBufferHoldsIsBounded(int p) {
        Bin bin = table(p, 500, 1, new long[][] {{0x1000, 4, 8, 0, 37, 0}});
        HandleTableParser.Table t = HandleTableParser.parse(bin.buffer(), p);
        assertThat(t.claimed()).isEqualTo(500);
        assertThat(t.entries()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void extraRoomAfterTheLastEntryIsIgnored(int p) {
        Bin bin = table(p, 1, 3, new long[][] {{0x1000, 4, 8, 0, 37, 0}});
        assertThat(HandleTableParser.parse(bin.buffer(), p).entries()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aBufferShorterThanTheHeaderIsEmpty(int p) {
        assertThat(HandleTableParser.parse(new Bin(p).buffer(), p).entries()).isEmpty();
    }
}
