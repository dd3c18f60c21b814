package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.Corpus;

/**
 * Winsock-AFD layouts against etl-format.md §B.1: every row of the doc's event tables is turned into a
 * payload with a distinct value at each documented offset (x64 as printed; x86 by re-walking the same
 * fields with 4-byte pointers, which must end at the doc's x86 total), decoded, and checked field by
 * field. Also hand-written offset checks, short payloads, and the consistency with the manifests.
 */
class AfdLayoutsTest {
    private static final Layouts LAYOUTS = new Layouts();

    static {
        AfdLayouts.register(LAYOUTS);
    }

    private static Layout afd(int id) {
        Layout layout = LAYOUTS.find(Providers.WINSOCK_AFD, HeaderKind.EVENT, id, 0);
        assertThat(layout).as("layout for AFD event " + id).isNotNull();
        return layout;
    }

    // ---------------------------------------------------------------- hand-written offsets

    @Test
    void createOpenX64IsFortyEightBytes() {
        ByteBuffer b = buf(48);
        b.putInt(0, 1).putInt(4, 4001).putLong(8, 0xffffa50c3e5f2080L).putLong(16, 0xffffa50c40112230L)
                .putInt(24, 23).putInt(28, 1).putInt(32, 6).putLong(36, 0x1234).putInt(44, 0);
        Decoded d = LayoutDecoder.decode(afd(1000), b.array(), 0, 48, 8);
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(48);
        assertThat(d.names()).containsExactly("EnterExit", "Location", "Process", "Endpoint", "AddressFamily",
                "SocketType", "Protocol", "ProcessId", "Status");
        assertThat(d.getLong("EnterExit", -1)).isEqualTo(1);
        assertThat(d.getLong("Location", -1)).isEqualTo(4001);
        assertThat(d.get("Process")).hasToString("0xffffa50c3e5f2080");
        assertThat(d.getLong("Endpoint", -1)).isEqualTo(0xffffa50c40112230L);
        assertThat(d.getLong("AddressFamily", -1)).isEqualTo(23);
        assertThat(d.getLong("SocketType", -1)).isEqualTo(1);
        assertThat(d.getLong("Protocol", -1)).isEqualTo(6);
        assertThat(d.getLong("ProcessId", -1)).isEqualTo(0x1234);
        assertThat(d.getLong("Status", -1)).isEqualTo(0);
    }

    @Test
    void createOpenX86IsThirtySixBytes() {
        ByteBuffer b = buf(36);
        b.putInt(0, 0).putInt(4, 4000).putInt(8, 0x85a3c040).putInt(12, 0x86001230).putInt(16, 2).putInt(20, 2)
                .putInt(24, 17).putInt(28, 0x9c4).putInt(32, 0xC0000001);
        Decoded d = LayoutDecoder.decode(afd(1000), b.array(), 0, 36, 4);
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(36);
        assertThat(d.getLong("Process", -1)).isEqualTo(0x85a3c040L);
        assertThat(d.getLong("Endpoint", -1)).isEqualTo(0x86001230L);
        assertThat(d.getLong("Protocol", -1)).isEqualTo(17);
        assertThat(d.getLong("ProcessId", -1)).isEqualTo(0x9c4);
        assertThat(d.getLong("Status", -1)).isEqualTo(0xC0000001L);
    }

    @Test
    void sendToWithAddressIsFortyEightPlusAddressLen() {
        for (int p : new int[] {8, 4}) {
            int base = p == 8 ? 48 : 36;
            ByteBuffer b = buf(base + 28);
            b.putInt(0, 0).putInt(4, 4100);
            putPtr(b, 8, p, 0xffffb00011112222L);
            putPtr(b, 8 + p, p, 0xffffb00033334444L);
            b.putInt(8 + 2 * p, 2);
            putPtr(b, 12 + 2 * p, p, 0x7ff612340000L);
            b.putInt(12 + 3 * p, 1400).putInt(16 + 3 * p, 0x103).putInt(20 + 3 * p, 28);
            assertThat(24 + 3 * p).isEqualTo(base); // Address at 48 (x64) / 36 (x86)
            sockaddr6(b, base, "2001:db8::5", 8080);
            Decoded d = LayoutDecoder.decode(afd(1007), b.array(), 0, base + 28, p);
            assertThat(d.problem()).isNull();
            assertThat(d.consumed()).isEqualTo(base + 28);
            assertThat(d.getLong("BufferLength", -1)).isEqualTo(1400);
            assertThat(d.getLong("Status", -1)).isEqualTo(0x103);
            assertThat(d.getLong("AddressLen", -1)).isEqualTo(28);
            assertThat(d.getString("Address")).isEqualTo("[2001:db8::5]:8080");
            assertThat(d.getLong("Buffer", -1)).isEqualTo(p == 8 ? 0x7ff612340000L : 0x12340000L);
        }
    }

    @Test
    void acceptWithAddressHasAcceptEndpointAfterTheAddress() {
        int len = 16;
        ByteBuffer b = buf(56 + len);
        b.putInt(0, 1).putInt(4, 4200).putLong(8, 0xffff9000aaaa0000L).putLong(16, 0xffff9000bbbb0000L)
                .putLong(24, 0x000002a0c0de0000L).putInt(32, 88).putInt(36, 0).putInt(40, len);
        sockaddr4(b, 44, "192.0.2.7", 50123);
        b.putLong(44 + len, 0xffff9000cccc0000L).putInt(52 + len, 3);
        Decoded d = LayoutDecoder.decode(afd(1024), b.array(), 0, 56 + len, 8);
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(56 + len);
        assertThat(d.getString("Address")).isEqualTo("192.0.2.7:50123");
        assertThat(d.getLong("Endpoint", -1)).isEqualTo(0xffff9000bbbb0000L);
        assertThat(d.getLong("AcceptEndpoint", -1)).isEqualTo(0xffff9000cccc0000L);
        assertThat(d.getLong("CurrentBacklog", -1)).isEqualTo(3);
        assertThat(afd(1027).fields()).isEqualTo(afd(1024).fields());
        // x86: AcceptEndpoint at 32 + AddressLen, total 40 + AddressLen.
        ByteBuffer x = buf(40 + len);
        x.putInt(0, 1).putInt(4, 4200).putInt(8, 0x8100_0000).putInt(12, 0x8200_0000).putInt(16, 0x0040_0000)
                .putInt(20, 88).putInt(24, 0).putInt(28, len);
        sockaddr4(x, 32, "198.51.100.9", 443);
        x.putInt(32 + len, 0x8300_0000).putInt(36 + len, 7);
        Decoded dx = LayoutDecoder.decode(afd(1024), x.array(), 0, 40 + len, 4);
        assertThat(dx.problem()).isNull();
        assertThat(dx.consumed()).isEqualTo(40 + len);
        assertThat(dx.getString("Address")).isEqualTo("198.51.100.9:443");
        assertThat(dx.getLong("AcceptEndpoint", -1)).isEqualTo(0x8300_0000L);
        assertThat(dx.getLong("CurrentBacklog", -1)).isEqualTo(7);
    }

    @Test
    void shortPayloadGivesAProblemNamingTheField() {
        ByteBuffer b = buf(48);
        b.putInt(0, 1).putInt(24, 2);
        // Cut inside ProcessId (x64 @36, 8 bytes): the fields before it are kept, never an exception.
        Decoded d = LayoutDecoder.decode(afd(1000), b.array(), 0, 40, 8);
        assertThat(d.problem()).startsWith("AfdCreateOpen: ").contains("ProcessId").contains("need 8").contains("have 4");
        assertThat(d.names()).containsExactly("EnterExit", "Location", "Process", "Endpoint", "AddressFamily",
                "SocketType", "Protocol");
        assertThat(d.getLong("AddressFamily", -1)).isEqualTo(2);
        assertThat(d.consumed()).isEqualTo(36);
        // An AddressLen larger than what is left.
        ByteBuffer s = buf(48 + 8);
        s.putInt(44, 16);
        Decoded ds = LayoutDecoder.decode(afd(1007), s.array(), 0, 56, 8);
        assertThat(ds.problem()).contains("Address").contains("need 16").contains("have 8");
        assertThat(ds.getLong("AddressLen", -1)).isEqualTo(16);
        assertThat(ds.consumed()).isEqualTo(48);
        // Nothing at all.
        Decoded empty = LayoutDecoder.decode(afd(1001), new byte[0], 0, 0, 8);
        assertThat(empty.problem()).contains("EnterExit");
        assertThat(empty.size()).isZero();
        // x86: cut inside Status of AfdCloseClosed (@16).
        Decoded x86 = LayoutDecoder.decode(afd(1001), new byte[18], 0, 18, 4);
        assertThat(x86.problem()).contains("Status");
        assertThat(x86.consumed()).isEqualTo(16);
    }

    @Test
    void problemGivesThePayloadOffsetOfTheField() {
        Decoded d = LayoutDecoder.decode(afd(1000), new byte[40], 0, 40, 8);
        assertThat(d.problem()).contains("ProcessId at payload offset 36");
        ByteBuffer s = buf(56);
        s.putInt(44, 16);
        assertThat(LayoutDecoder.decode(afd(1007), s.array(), 0, 56, 8).problem()).contains("Address at payload offset 48");
        assertThat(LayoutDecoder.decode(afd(1001), new byte[18], 0, 18, 4).problem()).contains("Status at payload offset 16");
        // A payload that starts inside a larger array: offsets are relative to the payload.
        byte[] big = new byte[100];
        assertThat(LayoutDecoder.decode(afd(1000), big, 50, 40, 8).problem()).contains("ProcessId at payload offset 36");
    }

    // ---------------------------------------------------------------- every row of the doc's tables

    /** One row of a §B.1 table: fields "name:type@offset" for x64, and the totals. */
    record DocRow(int id, String name, List<String[]> fields, String total64, String total86) {
        @Override
        public String toString() {
            return id + " " + name;
        }
    }

    private static final Pattern FIELD = Pattern.compile("(\\w+):(\\w+)(\\[[^\\]]*\\])?(?: \\([^)]*\\))?@([0-9A-Za-z+?]+)");

    static List<DocRow> docRows() throws IOException {
        List<String> lines = Files.readAllLines(Corpus.shared().resolve("docs/etl-format.md"), StandardCharsets.UTF_8);
        List<DocRow> rows = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("### B.")) {
                in = line.startsWith("### B.1 ");
            }
            if (!in || !line.matches("^\\| \\d+ \\|.*")) {
                continue;
            }
            String[] c = line.split("\\|", -1);
            int cols = c.length - 2;
            List<String[]> fields = new ArrayList<>();
            String cell = cols == 9 ? c[7] : cols == 6 ? c[5] : cols == 5 ? c[4] : null;
            if (cell == null) {
                continue; // the common-prefix table
            }
            Matcher m = FIELD.matcher(cell);
            while (m.find()) {
                fields.add(new String[] {m.group(1), m.group(2), m.group(4), m.group(3) == null ? "" : m.group(3)});
            }
            String total64;
            String total86 = null;
            if (cols == 9) {
                total64 = c[8].trim();
                total86 = c[9].trim();
            } else if (cols == 6) {
                Matcher size = Pattern.compile("\\(size (\\d+)\\)").matcher(cell);
                total64 = size.find() ? size.group(1) : null;
            } else {
                total64 = c[5].trim();
            }
            rows.add(new DocRow(Integer.parseInt(c[1].trim()), c[2].trim(), fields, total64, total86));
        }
        return rows;
    }

    @Test
    void theDocListsEveryAfdEvent() throws IOException {
        List<Integer> ids = docRows().stream().map(DocRow::id).toList();
        assertThat(ids).hasSize(41 + 55);
        for (int id : ids) {
            afd(id);
        }
    }

    static Stream<DocRow> rows() throws IOException {
        return docRows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodesTheDocumentedOffsets(DocRow row) {
        Layout layout = afd(row.id);
        assertThat(layout.fields().stream().map(Field::name).toList()).as("field names")
                .isEqualTo(row.fields.stream().map(f -> f[0]).toList());
        if (row.id >= 1000) {
            assertThat(layout.name()).isEqualTo(row.name);
        }
        for (int addressLen : new int[] {16, 28}) {
            check(row, layout, 8, addressLen);
            check(row, layout, 4, addressLen);
        }
    }

    /** Writes a distinct value at each field's offset, decodes, and compares every field and the total. */
    private static void check(DocRow row, Layout layout, int p, int addressLen) {
        List<Integer> offsets = new ArrayList<>();
        int walk = 0;
        for (String[] f : row.fields) {
            // x64: the doc's offset; x86: walk the same types with 4-byte pointers.
            offsets.add(p == 8 ? eval(f[2], addressLen) : walk);
            walk += size(f, p, addressLen);
            if (p == 8) {
                assertThat(offsets.get(offsets.size() - 1)).as(row + " " + f[0] + " offset").isEqualTo(walk - size(f, p, addressLen));
            }
        }
        String docTotal = p == 8 ? row.total64 : row.total86;
        if (docTotal != null) {
            assertThat(walk).as(row + " total for pointer size " + p).isEqualTo(eval(docTotal, addressLen));
        }
        ByteBuffer b = buf(walk);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < row.fields.size(); i++) {
            String[] f = row.fields.get(i);
            int off = offsets.get(i);
            long v = 0x11L * (i + 1);
            switch (f[1]) {
                case "UInt32", "Int32" -> {
                    if (f[0].equals("Address")) { // legacy IPv4 address, network order
                        b.put(off, (byte) 192).put(off + 1, (byte) 0).put(off + 2, (byte) 2).put(off + 3, (byte) (i + 1));
                        expected.put(f[0], "192.0.2." + (i + 1));
                    } else {
                        long value = f[0].equals("AddressLen") ? addressLen : 0x01020300L + i;
                        b.putInt(off, (int) value);
                        expected.put(f[0], value);
                    }
                }
                case "UInt16" -> { // the legacy Port, network order
                    b.put(off, (byte) 0x1F).put(off + 1, (byte) (0x90 + i));
                    expected.put(f[0], (long) (0x1F90 + i));
                }
                case "UInt8" -> {
                    b.put(off, (byte) (i + 1));
                    expected.put(f[0], (long) (i + 1));
                }
                case "Boolean" -> {
                    b.putInt(off, 1);
                    expected.put(f[0], Boolean.TRUE);
                }
                case "Pointer" -> {
                    long value = p == 8 ? 0xffff_a000_0000_0000L | (v << 8) : 0x8000_0000L | (v << 4);
                    putPtr(b, off, p, value);
                    expected.put(f[0], value);
                }
                case "Binary" -> {
                    if (f[3].equals("[AddressLen]")) {
                        if (addressLen == 16) {
                            sockaddr4(b, off, "203.0.113." + i, 1000 + i);
                            expected.put(f[0], "203.0.113." + i + ":" + (1000 + i));
                        } else {
                            sockaddr6(b, off, "2001:db8::" + i, 2000 + i);
                            expected.put(f[0], "[2001:db8::" + i + "]:" + (2000 + i));
                        }
                    } else { // legacy 16-byte IPv6 address
                        b.put(off, (byte) 0xfe).put(off + 1, (byte) 0x80).put(off + 15, (byte) i);
                        expected.put(f[0], "fe80::" + Integer.toHexString(i));
                    }
                }
                default -> throw new AssertionError("type " + f[1] + " in " + row);
            }
        }
        Decoded d = LayoutDecoder.decode(layout, b.array(), 0, walk, p);
        String what = row + " p=" + p + " addressLen=" + addressLen;
        assertThat(d.problem()).as(what).isNull();
        assertThat(d.consumed()).as(what).isEqualTo(walk);
        expected.forEach((name, value) -> {
            Object got = d.get(name);
            if (value instanceof Long l) {
                assertThat(d.getLong(name, ~l)).as(what + " " + name).isEqualTo(l);
            } else {
                assertThat(got).as(what + " " + name).isEqualTo(value);
            }
        });
    }

    private static int size(String[] field, int p, int addressLen) {
        return switch (field[1]) {
            case "UInt32", "Int32", "Boolean" -> 4;
            case "UInt16" -> 2;
            case "UInt8" -> 1;
            case "Pointer" -> p;
            case "Binary" -> field[3].equals("[AddressLen]") ? addressLen : 16; // legacy "Binary[?]": IPv6 address
            default -> throw new AssertionError(field[1]);
        };
    }

    /** "44+AddressLen", "16+?", "48". */
    private static int eval(String expr, int addressLen) {
        int sum = 0;
        for (String term : expr.split("\\+")) {
            sum += term.equals("AddressLen") ? addressLen : term.equals("?") ? 16 : Integer.parseInt(term);
        }
        return sum;
    }

    // ---------------------------------------------------------------- manifests

    @Test
    void matchesTheRepnz18990ManifestAndTheJdu26H1Tsv() throws Exception {
        Path manifests = Corpus.shared().resolve("manifests");
        Map<String, Template> xml = xmlTemplates(manifests.resolve("repnz/Microsoft-Windows-Winsock-AFD__Win10-18990.xml"));
        Map<String, Template> tsv = tsvTemplates(manifests.resolve("jdu2600/Microsoft-Windows-Winsock-AFD__Win11-26H1.tsv"));
        assertThat(compare(LAYOUTS, Providers.WINSOCK_AFD, xml)).isEqualTo(93);
        assertThat(compare(LAYOUTS, Providers.WINSOCK_AFD, tsv)).isEqualTo(96);
        // The Win7 manifest has the same templates for everything it has.
        Map<String, Template> win7 = xmlTemplates(manifests.resolve("repnz/Microsoft-Windows-Winsock-AFD__Win7-7600.xml"));
        assertThat(compare(LAYOUTS, Providers.WINSOCK_AFD, win7)).isEqualTo(75);
    }

    /** A manifest template: symbol, field names and in-types (without "win:"). */
    record Template(String symbol, List<String> names, List<String> types) {
    }

    /**
     * For every (id, version) of the manifest that has a registered layout, the layout has the same field
     * names in the same order and types of the same width. Returns how many were compared.
     */
    static int compare(Layouts layouts, Guid provider, Map<String, Template> manifest) {
        int compared = 0;
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Template> e : manifest.entrySet()) {
            String[] key = e.getKey().split("/");
            Layout layout = layouts.find(provider, HeaderKind.EVENT, Integer.parseInt(key[0]), Integer.parseInt(key[1]));
            if (layout == null) {
                continue;
            }
            compared++;
            Template t = e.getValue();
            List<String> names = layout.fields().stream().map(Field::name).toList();
            if (!names.equals(t.names)) {
                bad.add(e.getKey() + " " + t.symbol + ": manifest " + t.names + " vs layout " + names);
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                FieldType ours = layout.fields().get(i).type();
                if (!compatible(t.types.get(i)).contains(ours)) {
                    bad.add(e.getKey() + " " + t.symbol + "." + names.get(i) + ": " + t.types.get(i) + " vs " + ours);
                }
            }
        }
        assertThat(bad).isEmpty();
        return compared;
    }

    /** The field types that decode a manifest in-type with the same width. */
    static Set<FieldType> compatible(String inType) {
        return switch (inType) {
            case "UInt32" -> EnumSet.of(FieldType.UINT32, FieldType.IPV4, FieldType.HEXINT32);
            case "Int32" -> EnumSet.of(FieldType.INT32);
            case "UInt16" -> EnumSet.of(FieldType.UINT16, FieldType.PORT_BE);
            case "Int16" -> EnumSet.of(FieldType.INT16);
            case "UInt8" -> EnumSet.of(FieldType.UINT8);
            case "UInt64" -> EnumSet.of(FieldType.UINT64);
            case "Pointer" -> EnumSet.of(FieldType.POINTER, FieldType.SIZET);
            case "Boolean" -> EnumSet.of(FieldType.BOOLEAN);
            case "HexInt32" -> EnumSet.of(FieldType.HEXINT32);
            case "Binary" -> EnumSet.of(FieldType.BINARY, FieldType.SOCKADDR, FieldType.IPV6);
            case "UnicodeString" -> EnumSet.of(FieldType.UNICODE_STRING);
            default -> EnumSet.noneOf(FieldType.class);
        };
    }

    /** "id/version" → template, from a REPNZ XML manifest. */
    static Map<String, Template> xmlTemplates(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        Map<String, Element> templates = new LinkedHashMap<>();
        NodeList tl = doc.getElementsByTagName("template");
        for (int i = 0; i < tl.getLength(); i++) {
            Element t = (Element) tl.item(i);
            templates.put(t.getAttribute("tid"), t);
        }
        Map<String, Template> out = new LinkedHashMap<>();
        NodeList events = doc.getElementsByTagName("event");
        for (int i = 0; i < events.getLength(); i++) {
            Element ev = (Element) events.item(i);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            Element t = templates.get(ev.getAttribute("template"));
            if (t != null) {
                NodeList data = t.getElementsByTagName("data");
                for (int j = 0; j < data.getLength(); j++) {
                    Element d = (Element) data.item(j);
                    names.add(d.getAttribute("name"));
                    types.add(d.getAttribute("inType").replace("win:", ""));
                }
            }
            out.put(ev.getAttribute("value") + "/" + ev.getAttribute("version"), new Template(ev.getAttribute("symbol"), names, types));
        }
        return out;
    }

    /** "id/version" → template, from a JDU TSV ("Symbol(Type Name, Type Name)"). */
    static Map<String, Template> tsvTemplates(Path file) {
        Map<String, Template> out = new LinkedHashMap<>();
        for (Map<String, String> row : Corpus.tsv(file)) {
            String sig = row.get("event(fields)");
            int open = sig.indexOf('(');
            String inner = sig.substring(open + 1, sig.lastIndexOf(')')).trim();
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",")) {
                    String[] tn = part.trim().split("\\s+");
                    types.add(tn[0]);
                    names.add(tn[1]);
                }
            }
            out.put(row.get("event_id") + "/" + row.get("version"), new Template(sig.substring(0, open), names, types));
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    static ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void putPtr(ByteBuffer b, int off, int p, long v) {
        if (p == 8) {
            b.putLong(off, v);
        } else {
            b.putInt(off, (int) v);
        }
    }

    /** SOCKADDR_IN: family 2 (LE), port (BE), address, 8 zero bytes. */
    static void sockaddr4(ByteBuffer b, int off, String ip, int port) {
        b.putShort(off, (short) 2);
        b.put(off + 2, (byte) (port >> 8)).put(off + 3, (byte) port);
        String[] q = ip.split("\\.");
        for (int i = 0; i < 4; i++) {
            b.put(off + 4 + i, (byte) Integer.parseInt(q[i]));
        }
    }

    /** SOCKADDR_IN6: family 23 (LE), port (BE), flowinfo 0, address, scope id 0. */
    static void sockaddr6(ByteBuffer b, int off, String ip, int port) {
        b.putShort(off, (short) 23);
        b.put(off + 2, (byte) (port >> 8)).put(off + 3, (byte) port);
        try {
            byte[] a = java.net.InetAddress.getByName(ip).getAddress();
            for (int i = 0; i < 16; i++) {
                b.put(off + 8 + i, a[i]);
            }
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
