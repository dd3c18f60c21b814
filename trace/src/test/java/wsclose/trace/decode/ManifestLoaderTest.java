package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.Corpus;
import wsclose.trace.testing.PayloadBuilder;

/** {@link ManifestLoader} on the REPNZ manifests of the shared corpus and on small hand-written ones. */
class ManifestLoaderTest {
    private static final Path REPNZ = Corpus.shared().resolve("manifests/repnz");
    private static final Path AFD_18990 = REPNZ.resolve("Microsoft-Windows-Winsock-AFD__Win10-18990.xml");
    private static final Guid TEST_PROVIDER = Guid.parse("11111111-2222-3333-4444-555555555555");

    static List<Path> repnzManifests() throws IOException {
        try (Stream<Path> s = Files.list(REPNZ)) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repnzManifests")
    void everyRepnzManifestLoads(Path xml) throws IOException {
        ManifestLoader.Result r = ManifestLoader.read(xml);
        String provider = xml.getFileName().toString().replaceFirst("__.*", "");
        assertThat(r.providerNames()).hasSize(1).containsValue(provider);
        assertThat(r.events()).isPositive();
        assertThat(r.templates()).isPositive();
        assertThat(r.layouts().size()).isEqualTo(r.events());
        // Every note is one line and names the file.
        for (String note : r.notes()) {
            assertThat(note).doesNotContain("\n").contains(xml.toString());
        }
        Guid guid = r.providerGuid(provider);
        assertThat(guid).isNotNull();
        if (provider.equals("Microsoft-Windows-Winsock-AFD")) {
            assertThat(guid).isEqualTo(Providers.WINSOCK_AFD);
        } else if (provider.equals("Microsoft-Windows-TCPIP")) {
            assertThat(guid).isEqualTo(Providers.TCPIP);
        } else {
            assertThat(guid).isEqualTo(Providers.KERNEL_NETWORK);
        }
    }

    @Test
    void afd18990CountsAndNotes() throws IOException {
        ManifestLoader.Result r = ManifestLoader.read(AFD_18990);
        assertThat(r.events()).isEqualTo(93);
        assertThat(r.templates()).isEqualTo(57);
        assertThat(r.layouts().size()).isEqualTo(93);
        assertThat(r.providerNames()).containsEntry(Providers.WINSOCK_AFD, "Microsoft-Windows-Winsock-AFD");
        assertThat(r.providerGuid("microsoft-windows-winsock-afd")).isEqualTo(Providers.WINSOCK_AFD);
        // The legacy IPv6 events (3, 5, 16, 22, 27, 34, 36, 39) have an Address:Binary whose length the
        // TDH reconstruction dropped (etl-format.md §B.1): their layouts stop before it.
        assertThat(r.notes()).hasSize(8).allMatch(n -> n.contains("field Address (win:Binary) has no length"));
        Layout bind6 = r.layouts().find(Providers.WINSOCK_AFD, HeaderKind.EVENT, 3, 0);
        assertThat(bind6.fields()).extracting(Field::name).containsExactly("Process", "Endpoint");
    }

    @Test
    void afdCreateOpenHasTheDocumentedFields() throws IOException {
        Layout l = ManifestLoader.load(AFD_18990).find(Providers.WINSOCK_AFD, HeaderKind.EVENT, 1000, 0);
        assertThat(l.name()).isEqualTo("AfdCreateOpen");
        assertThat(l.fields()).extracting(Field::name).containsExactly("EnterExit", "Location", "Process", "Endpoint",
                "AddressFamily", "SocketType", "Protocol", "ProcessId", "Status");
        assertThat(l.fields()).extracting(Field::type).containsExactly(FieldType.UINT32, FieldType.UINT32,
                FieldType.POINTER, FieldType.POINTER, FieldType.UINT32, FieldType.UINT32, FieldType.UINT32,
                FieldType.POINTER, FieldType.UINT32);
    }

    @ParameterizedTest(name = "pointer size {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 4})
    void decodesAHandBuiltAfdCreateOpen(int ptr) throws IOException {
        Layouts layouts = ManifestLoader.load(AFD_18990);
        long process = ptr == 8 ? 0xffffa50c3e5f2080L : 0x85a3c040L;
        long endpoint = ptr == 8 ? 0xffffa50c41d6e010L : 0x86001230L;
        byte[] payload = new PayloadBuilder(ptr).u32(0).u32(4001).ptr(process).ptr(endpoint).u32(2).u32(1).u32(6)
                .ptr(4242).u32(0).build();
        assertThat(payload).hasSize(ptr == 8 ? 48 : 36); // etl-format.md §B.1 totals
        Decoded d = layouts.decode(event(Providers.WINSOCK_AFD, 1000, payload, ptr));
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(payload.length);
        assertThat(d.layout()).isEqualTo("AfdCreateOpen");
        assertThat(d.getLong("EnterExit", -1)).isZero();
        assertThat(d.getLong("Location", -1)).isEqualTo(4001);
        assertThat(d.getLong("Process", -1)).isEqualTo(process);
        assertThat(d.getString("Endpoint")).isEqualTo("0x" + Long.toHexString(endpoint));
        assertThat(d.getLong("AddressFamily", -1)).isEqualTo(2);
        assertThat(d.getLong("SocketType", -1)).isEqualTo(1);
        assertThat(d.getLong("Protocol", -1)).isEqualTo(6);
        assertThat(d.getLong("ProcessId", -1)).isEqualTo(4242);
        assertThat(d.getLong("Status", -1)).isZero();
    }

    @ParameterizedTest(name = "pointer size {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 4})
    void decodesAConnectWithAddressAsASockaddr(int ptr) throws IOException {
        Layouts layouts = ManifestLoader.load(AFD_18990);
        // 1018 AfdConnectWithAddressConnected: ..., Status, AddressLen, Address:Binary[AddressLen]
        byte[] v4 = new PayloadBuilder(ptr).u32(1).u32(4011).ptr(0x1000).ptr(0x2000).ptr(0).u32(0).u32(0).u32(16)
                .sockaddrIn("10.1.2.3", 443).build();
        Decoded d = layouts.decode(event(Providers.WINSOCK_AFD, 1018, v4, ptr));
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(v4.length);
        assertThat(d.getString("Address")).isEqualTo("10.1.2.3:443");

        byte[] v6 = new PayloadBuilder(ptr).u32(1).u32(4011).ptr(0x1000).ptr(0x2000).ptr(0).u32(0).u32(0).u32(28)
                .sockaddrIn6("fe80::1", 8080).build();
        d = layouts.decode(event(Providers.WINSOCK_AFD, 1018, v6, ptr));
        assertThat(d.problem()).isNull();
        assertThat(d.getString("Address")).isEqualTo("[fe80::1]:8080");
    }

    @Test
    void rawIpAddressesStayBinary() throws IOException {
        // TCPIP names raw IP addresses IpAddrLength/IPv6Address: those are not SOCKADDRs.
        Layouts l = ManifestLoader.load(REPNZ.resolve("Microsoft-Windows-TCPIP__Win10-18990.xml"));
        long sockaddrs = 0;
        long rawIps = 0;
        for (int id = 0; id < 2000; id++) {
            Layout layout = l.find(Providers.TCPIP, HeaderKind.EVENT, id, 0);
            if (layout == null) {
                continue;
            }
            for (Field f : layout.fields()) {
                if (f.type() == FieldType.SOCKADDR) {
                    sockaddrs++;
                    assertThat(f.name()).doesNotContain("IP", "Ip", "DL", "Dl");
                } else if (f.type() == FieldType.BINARY && f.lengthField() != null && f.lengthField().equals("IpAddrLength")) {
                    rawIps++;
                }
            }
        }
        assertThat(sockaddrs).isPositive();
        assertThat(rawIps).isPositive();
    }

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<instrumentationManifest xmlns=\"http://schemas.microsoft.com/win/2004/08/events\">\n"
            + " <instrumentation xmlns:win=\"http://manifests.microsoft.com/win/2004/08/windows/events\">\n"
            + "  <events>\n"
            + "   <provider name=\"Test-Provider\" guid=\"{11111111-2222-3333-4444-555555555555}\" symbol=\"TP\">\n";
    private static final String TAIL = "   </provider>\n  </events>\n </instrumentation>\n</instrumentationManifest>\n";

    private static ManifestLoader.Result readString(String xml) throws IOException {
        return ManifestLoader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.man");
    }

    @Test
    void everyInTypeStructsArraysAndNames() throws IOException {
        String xml = HEAD
                + "    <tasks><task name=\"Conn\" value=\"1\"><opcodes><opcode name=\"Go\" value=\"11\"/></opcodes></task></tasks>\n"
                + "    <templates>\n"
                + "     <template tid=\"All\">\n"
                + "      <data name=\"I8\" inType=\"win:Int8\"/><data name=\"U8\" inType=\"win:UInt8\"/>\n"
                + "      <data name=\"I16\" inType=\"win:Int16\"/><data name=\"U16\" inType=\"win:UInt16\"/>\n"
                + "      <data name=\"I32\" inType=\"win:Int32\"/><data name=\"U32\" inType=\"win:UInt32\"/>\n"
                + "      <data name=\"I64\" inType=\"win:Int64\"/><data name=\"U64\" inType=\"win:UInt64\"/>\n"
                + "      <data name=\"F\" inType=\"win:Float\"/><data name=\"D\" inType=\"win:Double\"/>\n"
                + "      <data name=\"B\" inType=\"win:Boolean\"/><data name=\"G\" inType=\"win:GUID\"/>\n"
                + "      <data name=\"P\" inType=\"win:Pointer\"/><data name=\"FT\" inType=\"win:FILETIME\"/>\n"
                + "      <data name=\"ST\" inType=\"win:SYSTEMTIME\"/><data name=\"Sid\" inType=\"win:SID\"/>\n"
                + "      <data name=\"H32\" inType=\"win:HexInt32\"/><data name=\"H64\" inType=\"win:HexInt64\"/>\n"
                + "      <data name=\"US\" inType=\"win:UnicodeString\"/><data name=\"AS\" inType=\"win:AnsiString\"/>\n"
                + "      <data name=\"USFixed\" inType=\"win:UnicodeString\" length=\"4\"/>\n"
                + "      <data name=\"Len\" inType=\"win:UInt16\"/>\n"
                + "      <data name=\"ASLen\" inType=\"win:AnsiString\" length=\"Len\"/>\n"
                + "      <data name=\"Bin\" inType=\"win:Binary\" length=\"3\"/>\n"
                + "      <data name=\"Port\" inType=\"win:UInt16\" outType=\"win:Port\"/>\n"
                + "      <data name=\"Ip\" inType=\"win:UInt32\" outType=\"win:IPv4\"/>\n"
                + "      <data name=\"Flags\" inType=\"win:UInt32\" outType=\"win:hexInt32\"/>\n"
                + "      <data name=\"Three\" inType=\"win:UInt16\" count=\"3\"/>\n"
                + "      <data name=\"N\" inType=\"win:UInt8\"/>\n"
                + "      <data name=\"Many\" inType=\"win:UInt32\" count=\"N\"/>\n"
                + "      <struct name=\"S\"><data name=\"A\" inType=\"win:UInt8\"/><data name=\"Arr\" inType=\"win:UInt8\" count=\"A\"/></struct>\n"
                + "      <struct name=\"Pair\" count=\"2\"><data name=\"X\" inType=\"win:Int16\"/></struct>\n"
                + "     </template>\n"
                + "    </templates>\n"
                + "    <events>\n"
                + "     <event value=\"7\" version=\"1\" template=\"All\" task=\"Conn\" opcode=\"Go\"/>\n"
                + "     <event value=\"8\" symbol=\"Empty\"/>\n"
                + "     <event value=\"9\" opcode=\"win:Info\"/>\n"
                + "    </events>\n"
                + TAIL;
        ManifestLoader.Result r = readString(xml);
        assertThat(r.notes()).isEmpty();
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.templates()).isEqualTo(1);
        assertThat(r.providerNames()).containsEntry(TEST_PROVIDER, "Test-Provider");
        Layout all = r.layouts().find(TEST_PROVIDER, HeaderKind.EVENT, 7, 1);
        assertThat(all.name()).isEqualTo("Conn/Go");
        assertThat(r.layouts().find(TEST_PROVIDER, HeaderKind.EVENT, 8, 0).name()).isEqualTo("Empty");
        assertThat(r.layouts().find(TEST_PROVIDER, HeaderKind.EVENT, 9, 0).name()).isEqualTo("event9");
        assertThat(all.fields()).extracting(Field::name).endsWith("S.A", "S.Arr", "Pair[0].X", "Pair[1].X");

        for (int ptr : new int[] {8, 4}) {
            Guid g = Guid.parse("01020304-0506-0708-090a-0b0c0d0e0f10");
            PayloadBuilder p = new PayloadBuilder(ptr)
                    .u8(-5).u8(250).u16(-300).u16(65000).i32(-70000).u32(4_000_000_000L).u64(-9).u64(-1)
                    .u32(Float.floatToIntBits(1.5f)).u64(Double.doubleToLongBits(-2.25)).bool32(true).guid(g)
                    .ptr(0x1234).u64(0x01d7a58b4dfa1070L)
                    .u16(2021).u16(9).u16(4).u16(9).u16(14).u16(59).u16(35).u16(799)
                    .bytes(new byte[] {1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 32, 2, 0, 0}) // S-1-5-32-544
                    .u32(0xdeadbeefL).u64(0x0123456789abcdefL)
                    .utf16z("héllo").ansiz("abc")
                    .bytes("ab\0\0".getBytes(StandardCharsets.UTF_16LE))
                    .u16(3).bytes("xyz".getBytes(StandardCharsets.ISO_8859_1))
                    .bytes(new byte[] {9, 8, 7})
                    .bytes(new byte[] {0x01, (byte) 0xBB}).bytes(new byte[] {10, 0, 0, 1}).u32(0x10)
                    .u16(1).u16(2).u16(3)
                    .u8(2).u32(100).u32(200)
                    .u8(2).u8(7).u8(8)
                    .u16(-1).u16(1);
            byte[] payload = p.build();
            Decoded d = r.layouts().decode(event(TEST_PROVIDER, 7, 1, payload, ptr));
            assertThat(d.problem()).as("ptr %d", ptr).isNull();
            assertThat(d.consumed()).isEqualTo(payload.length);
            assertThat(d.get("I8")).isEqualTo(-5L);
            assertThat(d.get("U8")).isEqualTo(250L);
            assertThat(d.get("I16")).isEqualTo(-300L);
            assertThat(d.get("U16")).isEqualTo(65000L);
            assertThat(d.get("I32")).isEqualTo(-70000L);
            assertThat(d.get("U32")).isEqualTo(4_000_000_000L);
            assertThat(d.get("I64")).isEqualTo(-9L);
            assertThat(d.get("U64")).isEqualTo("18446744073709551615");
            assertThat(d.get("F")).isEqualTo(1.5);
            assertThat(d.get("D")).isEqualTo(-2.25);
            assertThat(d.get("B")).isEqualTo(true);
            assertThat(d.get("G")).isEqualTo("01020304-0506-0708-090a-0b0c0d0e0f10");
            assertThat(d.getString("P")).isEqualTo("0x1234");
            assertThat(d.getString("FT")).startsWith("2021-09-09T14:59:35.799");
            assertThat(d.getString("ST")).isEqualTo("2021-09-09T14:59:35.799");
            assertThat(d.get("Sid")).isEqualTo("S-1-5-32-544");
            assertThat(d.getString("H32")).isEqualTo("0xdeadbeef");
            assertThat(d.getString("H64")).isEqualTo("0x123456789abcdef");
            assertThat(d.get("US")).isEqualTo("héllo");
            assertThat(d.get("AS")).isEqualTo("abc");
            assertThat(d.get("USFixed")).isEqualTo("ab");
            assertThat(d.get("ASLen")).isEqualTo("xyz");
            assertThat(d.getString("Bin")).isEqualTo("090807");
            assertThat(d.get("Port")).isEqualTo(443L);
            assertThat(d.get("Ip")).isEqualTo("10.0.0.1");
            assertThat(d.getString("Flags")).isEqualTo("0x10");
            assertThat(d.get("Three")).isEqualTo(List.of(1L, 2L, 3L));
            assertThat(d.get("Many")).isEqualTo(List.of(100L, 200L));
            assertThat(d.get("S.A")).isEqualTo(2L);
            assertThat(d.get("S.Arr")).isEqualTo(List.of(7L, 8L));
            assertThat(d.get("Pair[0].X")).isEqualTo(-1L);
            assertThat(d.get("Pair[1].X")).isEqualTo(1L);
        }
    }

    @Test
    void unsupportedFieldsEndTheLayoutWithANote() throws IOException {
        String xml = HEAD
                + "    <templates>\n"
                + "     <template tid=\"T1\"><data name=\"A\" inType=\"win:UInt32\"/><data name=\"Odd\" inType=\"win:Fancy\"/>"
                + "<data name=\"After\" inType=\"win:UInt32\"/></template>\n"
                + "     <template tid=\"T2\"><data name=\"N\" inType=\"win:UInt16\"/>"
                + "<data name=\"Name\" inType=\"win:UnicodeString\" length=\"N\"/></template>\n"
                + "     <template tid=\"T3\"><data name=\"N\" inType=\"win:UInt16\"/>"
                + "<struct name=\"S\" count=\"N\"><data name=\"X\" inType=\"win:UInt8\"/></struct></template>\n"
                + "    </templates>\n"
                + "    <events><event value=\"1\" template=\"T1\"/><event value=\"2\" template=\"T2\"/>"
                + "<event value=\"3\" template=\"T3\"/></events>\n"
                + TAIL;
        ManifestLoader.Result r = readString(xml);
        assertThat(r.notes()).hasSize(3);
        assertThat(r.notes().get(0)).contains("unknown inType win:Fancy").contains("event 1");
        assertThat(r.notes().get(1)).contains("Name").contains("characters");
        assertThat(r.notes().get(2)).contains("struct S").contains("counted by field N");

        byte[] payload = new PayloadBuilder(8).u32(5).u32(6).u32(7).build();
        Decoded d = r.layouts().decode(event(TEST_PROVIDER, 1, payload, 8));
        assertThat(d.problem()).isNull();
        assertThat(d.names()).containsExactly("A");
        assertThat(d.consumed()).isEqualTo(4).isLessThan(payload.length);
    }

    @Test
    void malformedXmlGivesAOneLineErrorNamingFileAndElement() {
        String xml = HEAD + "    <events>\n     <event value=\"1\" template=\"T\">\n    </events>\n" + TAIL;
        Throwable t = catchThrowable(() -> readString(xml));
        assertThat(t).isInstanceOf(ManifestLoader.ManifestException.class).isInstanceOf(IOException.class);
        assertThat(t.getMessage()).doesNotContain("\n").startsWith("test.man:").contains("malformed XML").contains("<event>");
    }

    @Test
    void missingAttributesAndBadReferencesAreOneLineErrors() {
        assertThatThrownBy(() -> readString(HEAD.replace(" guid=\"{11111111-2222-3333-4444-555555555555}\"", "") + TAIL))
                .isInstanceOf(ManifestLoader.ManifestException.class)
                .hasMessageContaining("test.man:5: <provider name=\"Test-Provider\">: missing attribute 'guid'")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> readString(HEAD.replace("{11111111-2222-3333-4444-555555555555}", "{nope}") + TAIL))
                .isInstanceOf(ManifestLoader.ManifestException.class).hasMessageContaining("not a GUID");
        assertThatThrownBy(() -> readString(HEAD + "<events><event value=\"1\" template=\"Nope\"/></events>" + TAIL))
                .isInstanceOf(ManifestLoader.ManifestException.class)
                .hasMessageContaining("<event value=\"1\">: template 'Nope' is not defined");
        assertThatThrownBy(() -> readString(HEAD + "<templates><template tid=\"T\"><data name=\"X\"/></template></templates>" + TAIL))
                .isInstanceOf(ManifestLoader.ManifestException.class)
                .hasMessageContaining("<data name=\"X\">: missing attribute 'inType'");
        assertThatThrownBy(() -> readString("<root/>"))
                .isInstanceOf(ManifestLoader.ManifestException.class).hasMessageContaining("not an ETW instrumentation manifest");
        assertThatThrownBy(() -> readString(""))
                .isInstanceOf(ManifestLoader.ManifestException.class).hasMessageStartingWith("test.man");
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE instrumentationManifest [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<instrumentationManifest><instrumentation><events>"
                + "<provider name=\"&xxe;\" guid=\"{11111111-2222-3333-4444-555555555555}\"/>"
                + "</events></instrumentation></instrumentationManifest>";
        Path file = dir.resolve("evil.man");
        Files.writeString(file, xml);
        Throwable t = catchThrowable(() -> ManifestLoader.read(file));
        assertThat(t).isInstanceOf(ManifestLoader.ManifestException.class);
        assertThat(t.getMessage()).contains("evil.man").contains("DOCTYPE").doesNotContain("TOP-SECRET").doesNotContain("\n");

        // An entity expansion bomb is refused the same way.
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
                + "<instrumentationManifest>&b;</instrumentationManifest>";
        assertThatThrownBy(() -> readString(bomb)).isInstanceOf(ManifestLoader.ManifestException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void loadsFromAStream() throws IOException {
        try (var in = Files.newInputStream(AFD_18990)) {
            Layouts l = ManifestLoader.load(in);
            assertThat(l.size()).isEqualTo(93);
        }
    }

    private static EtwEvent event(Guid provider, int id, byte[] payload, int ptr) {
        return event(provider, id, 0, payload, ptr);
    }

    private static EtwEvent event(Guid provider, int id, int version, byte[] payload, int ptr) {
        return new EtwEvent().set(HeaderKind.EVENT, ptr == 8 ? 0x13 : 0x12, 0, provider, id, version).pointerSize(ptr)
                .payload(payload, 0, payload.length);
    }
}
