package wsclose.os.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The retry loops of live-mode.md §A.1.1 and §A.2.4. */
class SystemQueryTest {

    @Test
    void growsAtLeastByHalfEvenWhenTheHintIsSmaller() {
        assertThat(SystemQuery.grow(1000, 10)).isEqualTo(1500);
        assertThat(SystemQuery.grow(1000, 4000)).isEqualTo(4500);
    }

    @Test
    void givesUpAfterEightAttemptsOfATableThatKeepsGrowing() {
        FakeNtApi f = new FakeNtApi(8);
        f.tableMismatches = Integer.MAX_VALUE;
        assertThatThrownBy(() -> new SystemQuery(f).handleTable()).isInstanceOf(IOException.class)
                .hasMessageContaining("kept outgrowing the buffer (8 attempts");
        assertThat(f.tableQuerySizes).hasSize(SystemQuery.ATTEMPTS);
    }

    @Test
    void otherFailuresAreReportedWithTheirStatus() {
        FakeNtApi f = new FakeNtApi(8);
        f.tableStatus = WinConst.STATUS_NOT_SUPPORTED;
        assertThatThrownBy(() -> new SystemQuery(f).handleTable()).isInstanceOf(IOException.class)
                .hasMessageContaining("NTSTATUS 0xC00000BB");
        assertThat(f.tableQuerySizes).hasSize(1);
    }

    @Test
    void returnsExactlyTheBytesWritten() throws Exception {
        FakeNtApi f = new FakeNtApi(8);
        f.hold(100, 0x10, f.socket(0x1000)).hold(100, 0x14, f.socket(0x2000));
        assertThat(new SystemQuery(f).handleTable()).hasSize(16 + 2 * 40);
    }

    @Test
    void connectionTablesRetryOnInsufficientBuffer() {
        FakeNtApi f = new FakeNtApi(8);
        for (int i = 0; i < 1000; i++) { // 24,004 bytes: more than the first 16 KiB
            f.tcpRows.add(new ConnectionTables.Row("tcp", "10.0.0.1:" + (1000 + i), "10.0.0.2:80", 5, 7));
        }
        byte[] b = new SystemQuery(f).connectionTable(true, 2);
        assertThat(ConnectionTables.tcp4(java.nio.ByteBuffer.wrap(b))).hasSize(1000);
        assertThat(new SystemQuery(f).connectionTable(false, 2)).as("a failing table is just missing").isNull();
    }
}
