package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static wsclose.trace.decode.AfdLayoutsTest.buf;
import static wsclose.trace.decode.AfdLayoutsTest.putPtr;
import static wsclose.trace.decode.AfdLayoutsTest.sockaddr4;
import static wsclose.trace.decode.AfdLayoutsTest.sockaddr6;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.Corpus;

/**
 * Microsoft-Windows-TCPIP layouts against etl-format.md §B.2 (every (id, version) row of its table: same
 * symbol, field names and types, and a packed payload built from the doc's types decodes field by field
 * for x64 and x86), hand-written offsets for the close/abort/RST events, short payloads, and the manifests.
 */
class TcpipLayoutsTest {
    static final Layouts LAYOUTS = new Layouts();

    static {
        TcpipLayouts.register(LAYOUTS);
    }

    private static Layout tcpip(int id, int version) {
        Layout layout = LAYOUTS.find(Providers.TCPIP, HeaderKind.EVENT, id, version);
        assertThat(layout).as("TCPIP " + id + " v" + version).isNotNull();
        return layout;
    }

    // ---------------------------------------------------------------- hand-written offsets

    @Test
    void closeTcbRequestWithIpv4Addresses() {
        for (int p : new int[] {8, 4}) {
            for (int v = 0; v <= 1; v++) {
                int total = 52 + p + 8 * v;
                ByteBuffer b = buf(total);
                b.putInt(0, 16);
                sockaddr4(b, 4, "10.0.0.5", 51000);
                b.putInt(20, 16);
                sockaddr4(b, 24, "93.184.216.34", 443);
                b.putInt(40, 0).putInt(44, 4242).putInt(48, 1);
                putPtr(b, 52, p, 0xffffc08a12345670L);
                if (v == 1) {
                    b.putLong(52 + p, 0x1000000000abcdL);
                }
                Decoded d = LayoutDecoder.decode(tcpip(1038, v), b.array(), 0, total, p);
                assertThat(d.layout()).isEqualTo(v == 0 ? "TcpCloseTcbRequest" : "TcpCloseTcbRequest_V1");
                assertThat(d.problem()).isNull();
                assertThat(d.consumed()).isEqualTo(total);
                assertThat(d.getString("LocalAddress")).isEqualTo("10.0.0.5:51000");
                assertThat(d.getString("RemoteAddress")).isEqualTo("93.184.216.34:443");
                assertThat(d.getLong("ProcessId", -1)).isEqualTo(4242);
                assertThat(d.getLong("Compartment", -1)).isEqualTo(1);
                assertThat(d.getLong("Tcb", -1)).isEqualTo(p == 8 ? 0xffffc08a12345670L : 0x12345670L);
                assertThat(d.getLong("ProcessStartKey", -1)).isEqualTo(v == 1 ? 0x1000000000abcdL : -1);
            }
        }
    }

    @Test
    void abortTcbCompleteWithIpv6AddressesPutsTcbAfterBothSockaddrs() {
        ByteBuffer b = buf(84);
        b.putInt(0, 28);
        sockaddr6(b, 4, "fe80::1", 3389);
        b.putInt(32, 28);
        sockaddr6(b, 36, "fe80::2", 60001);
        b.putInt(64, 0xC0000241).putInt(68, 900).putInt(72, 1).putLong(76, 0xffff800011112222L);
        Decoded d = LayoutDecoder.decode(tcpip(1040, 0), b.array(), 0, 84, 8);
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(84);
        assertThat(d.getString("LocalAddress")).isEqualTo("[fe80::1]:3389");
        assertThat(d.getString("RemoteAddress")).isEqualTo("[fe80::2]:60001");
        assertThat(d.getLong("Status", -1)).isEqualTo(0xC0000241L);
        assertThat(d.get("Tcb")).hasToString("0xffff800011112222");
    }

    @Test
    void tcbStateChangeAndSendPosted() {
        ByteBuffer s = buf(20);
        s.putInt(0, 4).putInt(4, 5).putInt(8, 0x7f001234).putLong(12, 0xffff9a0000001000L);
        Decoded d = LayoutDecoder.decode(tcpip(1051, 0), s.array(), 0, 20, 8);
        assertThat(d.consumed()).isEqualTo(20);
        assertThat(d.getLong("OldState", -1)).isEqualTo(4); // Established
        assertThat(d.getLong("NewState", -1)).isEqualTo(5); // FinWait1
        assertThat(d.getLong("SndNxt", -1)).isEqualTo(0x7f001234);
        assertThat(d.getLong("Tcb", -1)).isEqualTo(0xffff9a0000001000L);
        assertThat(LayoutDecoder.decode(tcpip(1051, 0), s.array(), 0, 16, 4).consumed()).isEqualTo(16);

        // TcpSendPosted: Tcb, Injected (NUL-terminated UTF-16), NumBytes, SndNxt.
        ByteBuffer p = buf(8 + 6 + 8);
        p.putLong(0, 0xffff9a0000001000L).putChar(8, 'N').putChar(10, 'o').putChar(12, '\0').putInt(14, 1460).putInt(18, 77);
        Decoded sp = LayoutDecoder.decode(tcpip(1159, 0), p.array(), 0, 22, 8);
        assertThat(sp.problem()).isNull();
        assertThat(sp.consumed()).isEqualTo(22);
        assertThat(sp.getString("Injected")).isEqualTo("No");
        assertThat(sp.getLong("NumBytes", -1)).isEqualTo(1460);
        assertThat(sp.getLong("SndNxt", -1)).isEqualTo(77);
    }

    @Test
    void rstSendAndDisconnectTcbRequest() {
        for (int ptr : new int[] {8, 4}) {
            int total = ptr + 52;
            ByteBuffer b = buf(total);
            putPtr(b, 0, ptr, 0x8888_0000L);
            b.putInt(ptr, 6).putInt(ptr + 4, 2).putInt(ptr + 8, 16);
            sockaddr4(b, ptr + 12, "192.168.1.10", 8080);
            b.putInt(ptr + 28, 16);
            sockaddr4(b, ptr + 32, "192.168.1.20", 40000);
            b.putInt(ptr + 48, 3);
            Decoded d = LayoutDecoder.decode(tcpip(1479, 0), b.array(), 0, total, ptr);
            assertThat(d.problem()).isNull();
            assertThat(d.consumed()).isEqualTo(total);
            assertThat(d.getLong("IPTransportProtocol", -1)).isEqualTo(6);
            assertThat(d.getString("LocalSockAddr")).isEqualTo("192.168.1.10:8080");
            assertThat(d.getString("RemoteSockAddr")).isEqualTo("192.168.1.20:40000");
            assertThat(d.getLong("Reason", -1)).isEqualTo(3);
        }
        // 1042 has no Tcb: Length (pointer-sized count), Timeout u64, Injected.
        ByteBuffer r = buf(8 + 8 + 2);
        r.putLong(0, 0).putLong(8, 1_200_000_000L);
        Decoded d = LayoutDecoder.decode(tcpip(1042, 0), r.array(), 0, 18, 8);
        assertThat(d.names()).containsExactly("Length", "Timeout", "Injected");
        assertThat(d.getLong("Timeout", -1)).isEqualTo(1_200_000_000L);
        assertThat(d.consumed()).isEqualTo(18);
    }

    @Test
    void shortPayloadGivesAProblemNamingTheField() {
        ByteBuffer b = buf(60);
        b.putInt(0, 16).putInt(20, 16);
        // x64 TcpAbortTcbRequest cut inside Tcb (@52).
        Decoded d = LayoutDecoder.decode(tcpip(1039, 0), b.array(), 0, 56, 8);
        assertThat(d.problem()).startsWith("TcpAbortTcbRequest: ").contains("Tcb").contains("need 8").contains("have 4");
        assertThat(d.consumed()).isEqualTo(52);
        assertThat(d.getLong("Compartment", -1)).isZero();
        // A LocalAddressLength that runs past the end.
        ByteBuffer l = buf(12);
        l.putInt(0, 100);
        Decoded dl = LayoutDecoder.decode(tcpip(1038, 0), l.array(), 0, 12, 8);
        assertThat(dl.problem()).contains("LocalAddress").contains("need 100").contains("have 8");
        assertThat(dl.names()).containsExactly("LocalAddressLength");
    }

    @Test
    void problemGivesThePayloadOffsetOfTheField() {
        ByteBuffer b = buf(56);
        b.putInt(0, 16).putInt(20, 16);
        assertThat(LayoutDecoder.decode(tcpip(1039, 0), b.array(), 0, 56, 8).problem()).contains("Tcb at payload offset 52");
    }

    // ---------------------------------------------------------------- every row of the doc's table

    /** (id, version, symbol, [type, name]...) from §B.2. */
    record DocRow(int id, int version, String symbol, List<String[]> fields) {
        @Override
        public String toString() {
            return id + " v" + version + " " + symbol;
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (\\d+) \\|.*`(\\w+)\\((.*)\\)` \\|$");

    static List<DocRow> docRows(String section, String next) throws IOException {
        List<DocRow> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(Corpus.shared().resolve("docs/etl-format.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("### ")) {
                in = line.startsWith(section);
            }
            Matcher m = ROW.matcher(line);
            if (in && m.matches()) {
                List<String[]> fields = new ArrayList<>();
                if (!m.group(4).isBlank()) {
                    for (String f : m.group(4).split(",")) {
                        fields.add(f.trim().split("\\s+"));
                    }
                }
                rows.add(new DocRow(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), fields));
            }
        }
        return rows;
    }

    static Stream<DocRow> rows() throws IOException {
        return docRows("### B.2 ", "### B.3").stream();
    }

    @Test
    void theDocTableIsCovered() throws IOException {
        assertThat(rows().count()).isEqualTo(77);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesTheDocAndDecodesAPackedPayload(DocRow row) {
        Layout layout = tcpip(row.id, row.version);
        assertThat(layout.name()).as("the exact version is registered").isEqualTo(row.symbol);
        checkAgainstDoc(row.toString(), layout, row.fields);
    }

    /**
     * Same names and compatible types as the doc's template, and a payload packed from the doc's types
     * (x64 and x86, IPv4 and IPv6 addresses) decodes to the values written.
     */
    static void checkAgainstDoc(String what, Layout layout, List<String[]> docFields) {
        assertThat(layout.fields().stream().map(Field::name).toList()).as(what)
                .isEqualTo(docFields.stream().map(f -> f[1]).toList());
        for (int i = 0; i < docFields.size(); i++) {
            assertThat(AfdLayoutsTest.compatible(docFields.get(i)[0])).as(what + " " + docFields.get(i)[1])
                    .contains(layout.fields().get(i).type());
        }
        for (int p : new int[] {8, 4}) {
            for (boolean v6 : new boolean[] {false, true}) {
                packAndDecode(what + " p=" + p + (v6 ? " IPv6" : " IPv4"), layout, docFields, p, v6);
            }
        }
    }

    private static void packAndDecode(String what, Layout layout, List<String[]> fields, int p, boolean v6) {
        ByteBuffer b = buf(4096);
        Map<String, Object> expected = new LinkedHashMap<>();
        int off = 0;
        for (int i = 0; i < fields.size(); i++) {
            String type = fields.get(i)[0];
            String name = fields.get(i)[1];
            boolean lengthOfNext = i + 1 < fields.size() && fields.get(i + 1)[0].equals("Binary");
            boolean sockaddr = layout.fields().get(i).type() == FieldType.SOCKADDR;
            switch (type) {
                case "UInt32", "Int32", "HexInt32" -> {
                    boolean nextIsAddress = lengthOfNext && layout.fields().get(i + 1).type() == FieldType.SOCKADDR;
                    long value = lengthOfNext ? (nextIsAddress ? (v6 ? 28 : 16) : 4) : 0x00A0_0000L + i;
                    b.putInt(off, (int) value);
                    expected.put(name, value);
                    off += 4;
                }
                case "UInt16" -> {
                    b.putShort(off, (short) (0x100 + i));
                    expected.put(name, 0x100L + i);
                    off += 2;
                }
                case "UInt8" -> {
                    b.put(off, (byte) i);
                    expected.put(name, (long) i);
                    off += 1;
                }
                case "UInt64" -> {
                    long value = 0x0123_4567_0000_0000L + i;
                    b.putLong(off, value);
                    expected.put(name, value);
                    off += 8;
                }
                case "Boolean" -> {
                    b.putInt(off, 1);
                    expected.put(name, Boolean.TRUE);
                    off += 4;
                }
                case "Pointer" -> {
                    long value = p == 8 ? 0xffff_b000_0000_0000L + (i << 8) : 0x9000_0000L + (i << 4);
                    putPtr(b, off, p, value);
                    expected.put(name, value);
                    off += p;
                }
                case "UnicodeString" -> {
                    b.putChar(off, 'x').putChar(off + 2, (char) ('a' + i)).putChar(off + 4, '\0');
                    expected.put(name, "x" + (char) ('a' + i));
                    off += 6;
                }
                case "Binary" -> {
                    if (sockaddr && !v6) {
                        sockaddr4(b, off, "198.51.100." + i, 3000 + i);
                        expected.put(name, "198.51.100." + i + ":" + (3000 + i));
                        off += 16;
                    } else if (sockaddr) {
                        sockaddr6(b, off, "2001:db8::" + Integer.toHexString(i), 4000 + i);
                        expected.put(name, "[2001:db8::" + Integer.toHexString(i) + "]:" + (4000 + i));
                        off += 28;
                    } else {
                        b.putInt(off, 0x04030201);
                        expected.put(name, "01020304");
                        off += 4;
                    }
                }
                default -> throw new AssertionError(what + ": doc type " + type);
            }
        }
        Decoded d = LayoutDecoder.decode(layout, b.array(), 0, off, p);
        assertThat(d.problem()).as(what).isNull();
        assertThat(d.consumed()).as(what).isEqualTo(off);
        expected.forEach((name, value) -> {
            if (value instanceof Long l) {
                assertThat(d.getLong(name, ~l)).as(what + " " + name).isEqualTo(l);
            } else {
                assertThat(d.get(name)).as(what + " " + name).hasToString(value.toString());
            }
        });
        // One byte short: a problem, never an exception (a trailing string just ends at the payload's end).
        if (off > 0 && layout.fields().get(layout.fields().size() - 1).type() != FieldType.UNICODE_STRING) {
            Decoded shorter = LayoutDecoder.decode(layout, b.array(), 0, off - 1, p);
            assertThat(shorter.problem()).as(what + " minus one byte").isNotNull()
                    .contains(layout.fields().get(shorter.size()).name());
        }
    }

    // ---------------------------------------------------------------- manifests

    @Test
    void matchesTheRepnzManifestsAndTheJduTsv() throws Exception {
        Path manifests = Corpus.shared().resolve("manifests");
        // The 18990 insider manifest calls the v1 u64 ProcessSequenceNumber; every released build
        // (JDU 2004 → 26H1) calls it ProcessStartKey, which is the name wsclose uses.
        Map<String, AfdLayoutsTest.Template> xml = renamed(AfdLayoutsTest.xmlTemplates(
                manifests.resolve("repnz/Microsoft-Windows-TCPIP__Win10-18990.xml")));
        int fromXml = AfdLayoutsTest.compare(LAYOUTS, Providers.TCPIP, xml);
        int fromTsv = AfdLayoutsTest.compare(LAYOUTS, Providers.TCPIP,
                AfdLayoutsTest.tsvTemplates(manifests.resolve("jdu2600/Microsoft-Windows-TCPIP__Win11-26H1.tsv")));
        int fromWin7 = AfdLayoutsTest.compare(LAYOUTS, Providers.TCPIP,
                AfdLayoutsTest.xmlTemplates(manifests.resolve("repnz/Microsoft-Windows-TCPIP__Win7-7600.xml")));
        System.out.println("TCPIP layouts compared: 18990 " + fromXml + ", 26H1 " + fromTsv + ", Win7 " + fromWin7);
        assertThat(fromXml).isEqualTo(64);
        assertThat(fromTsv).isEqualTo(80); // the doc table (77) + 1071/1072/1073
        assertThat(fromWin7).isEqualTo(38);
        // Every registered layout's symbol matches the manifest's for its (id, version).
        for (Map.Entry<String, AfdLayoutsTest.Template> e : xml.entrySet()) {
            String[] k = e.getKey().split("/");
            Layout layout = LAYOUTS.find(Providers.TCPIP, HeaderKind.EVENT, Integer.parseInt(k[0]), Integer.parseInt(k[1]));
            if (layout != null) {
                assertThat(layout.name()).as(e.getKey()).isEqualTo(e.getValue().symbol());
            }
        }
    }

    private static Map<String, AfdLayoutsTest.Template> renamed(Map<String, AfdLayoutsTest.Template> in) {
        Map<String, AfdLayoutsTest.Template> out = new LinkedHashMap<>();
        in.forEach((k, t) -> out.put(k, new AfdLayoutsTest.Template(t.symbol(),
                t.names().stream().map(n -> n.equals("ProcessSequenceNumber") ? "ProcessStartKey" : n).toList(), t.types())));
        return out;
    }
}
