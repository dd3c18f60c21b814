package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static wsclose.trace.decode.AfdLayoutsTest.buf;
import static wsclose.trace.decode.AfdLayoutsTest.putPtr;
import static wsclose.trace.decode.AfdLayoutsTest.sockaddr4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.Corpus;

/** Microsoft-Windows-Winsock-Sockets layouts against etl-format.md §B.3 and the JDU TSV. */
class SocketsLayoutsTest {
    private static final Layouts LAYOUTS = new Layouts();

    static {
        SocketsLayouts.register(LAYOUTS);
    }

    private static Layout sockets(int id) {
        Layout layout = LAYOUTS.find(Providers.WINSOCK_SOCKETS, HeaderKind.EVENT, id, 0);
        assertThat(layout).as("Winsock-Sockets " + id).isNotNull();
        return layout;
    }

    @Test
    void createStopOffsets() {
        ByteBuffer b = buf(32);
        b.putInt(0, 0).putLong(4, 0x2c4).putInt(12, 23).putInt(16, 1).putInt(20, 6).putInt(24, 7140).putInt(28, 0);
        Decoded d = LayoutDecoder.decode(sockets(2), b.array(), 0, 32, 8);
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(32);
        assertThat(d.names()).containsExactly("ErrorCode", "Socket", "AddressFamily", "SocketType", "Protocol",
                "ProcessId", "FailurePoint");
        assertThat(d.get("Socket")).hasToString("0x2c4");
        assertThat(d.getLong("AddressFamily", -1)).isEqualTo(23);
        assertThat(d.getLong("ProcessId", -1)).isEqualTo(7140);
        // x86: Socket is 4 bytes, FailurePoint at 24, total 28.
        ByteBuffer x = buf(28);
        x.putInt(0, 10047).putInt(4, 0x1a0).putInt(8, 2).putInt(12, 1).putInt(16, 6).putInt(20, 99).putInt(24, 0x15);
        Decoded dx = LayoutDecoder.decode(sockets(2), x.array(), 0, 28, 4);
        assertThat(dx.consumed()).isEqualTo(28);
        assertThat(dx.getLong("ErrorCode", -1)).isEqualTo(10047); // WSAEAFNOSUPPORT
        assertThat(dx.getLong("Socket", -1)).isEqualTo(0x1a0);
        assertThat(dx.getLong("FailurePoint", -1)).isEqualTo(0x15);
    }

    @Test
    void closeStopOffsets() {
        for (int p : new int[] {8, 4}) {
            ByteBuffer b = buf(12 + p);
            b.putInt(0, 10038); // WSAENOTSOCK: closesocket on a closed descriptor
            putPtr(b, 4, p, 0x3f8);
            b.putInt(4 + p, 1).putInt(8 + p, 2);
            Decoded d = LayoutDecoder.decode(sockets(4), b.array(), 0, 12 + p, p);
            assertThat(d.problem()).isNull();
            assertThat(d.consumed()).isEqualTo(p == 8 ? 20 : 16);
            assertThat(d.getLong("ErrorCode", -1)).isEqualTo(10038);
            assertThat(d.getLong("Socket", -1)).isEqualTo(0x3f8);
            assertThat(d.get("IsProviderSocket")).isEqualTo(Boolean.TRUE);
            assertThat(d.getLong("FailurePoint", -1)).isEqualTo(2);
        }
    }

    @Test
    void setOptStopCarriesTheLingerStruct() {
        ByteBuffer b = buf(32);
        b.putInt(0, 0).putLong(4, 0x2c4).putInt(12, 0xFFFF).putInt(16, 0x0080).putInt(20, 4)
                .putShort(24, (short) 1).putShort(26, (short) 5).putInt(28, 0);
        Decoded d = LayoutDecoder.decode(sockets(8), b.array(), 0, 32, 8);
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(32);
        assertThat(d.getLong("Level", -1)).isEqualTo(0xFFFF); // SOL_SOCKET
        assertThat(d.getLong("OptName", -1)).isEqualTo(0x80); // SO_LINGER
        assertThat(d.getString("OptVal")).isEqualTo("01000500"); // l_onoff 1, l_linger 5
        // SO_DONTLINGER (~SO_LINGER) is negative as an Int32.
        b.putInt(16, ~0x80);
        assertThat(LayoutDecoder.decode(sockets(14), b.array(), 0, 32, 8).getLong("OptName", 0)).isEqualTo(-129);
    }

    @Test
    void connectStopAddress() {
        ByteBuffer b = buf(12 + 4 + 16 + 4);
        b.putInt(0, 10061).putLong(4, 0x2c4).putInt(12, 16);
        sockaddr4(b, 16, "127.0.0.1", 9);
        b.putInt(32, 3);
        Decoded d = LayoutDecoder.decode(sockets(10), b.array(), 0, 36, 8);
        assertThat(d.problem()).isNull();
        assertThat(d.getString("Address")).isEqualTo("127.0.0.1:9");
        assertThat(d.getLong("FailurePoint", -1)).isEqualTo(3);
    }

    @Test
    void startEventsAreEmpty() {
        for (int id = 1; id <= 15; id += 2) {
            Decoded d = LayoutDecoder.decode(sockets(id), new byte[0], 0, 0, 8);
            assertThat(d.problem()).isNull();
            assertThat(d.size()).isZero();
            assertThat(d.consumed()).isZero();
            assertThat(d.layout()).endsWith("Start");
        }
    }

    @Test
    void shortPayloadGivesAProblemNamingTheField() {
        Decoded d = LayoutDecoder.decode(sockets(4), new byte[10], 0, 10, 8);
        assertThat(d.problem()).startsWith("SockCloseStop: ").contains("Socket").contains("need 8").contains("have 6");
        assertThat(d.names()).containsExactly("ErrorCode");
        assertThat(d.consumed()).isEqualTo(4);
    }

    static Stream<TcpipLayoutsTest.DocRow> rows() throws IOException {
        return TcpipLayoutsTest.docRows("### B.3 ", "### B.4").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesTheDocAndDecodesAPackedPayload(TcpipLayoutsTest.DocRow row) {
        Layout layout = sockets(row.id());
        assertThat(layout.name()).isEqualTo(row.symbol());
        TcpipLayoutsTest.checkAgainstDoc(row.toString(), layout, row.fields());
    }

    @Test
    void theDocListsIdsOneToSixteen() throws IOException {
        assertThat(rows().map(TcpipLayoutsTest.DocRow::id)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    }

    @Test
    void matchesTheJduTsv() {
        Path jdu = Corpus.shared().resolve("manifests/jdu2600");
        for (String build : new String[] {"21H2", "26H1"}) {
            assertThat(AfdLayoutsTest.compare(LAYOUTS, Providers.WINSOCK_SOCKETS,
                    AfdLayoutsTest.tsvTemplates(jdu.resolve("Microsoft-Windows-Winsock-Sockets__Win11-" + build + ".tsv"))))
                    .isEqualTo(16);
        }
    }
}
