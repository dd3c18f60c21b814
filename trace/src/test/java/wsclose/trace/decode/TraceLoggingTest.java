package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.testing.Corpus;
import wsclose.trace.testing.PayloadBuilder;

/**
 * {@link TraceLogging} on every self-describing event of the corpus, against TraceEvent's baseline for
 * primitive-types.etl, and on hand-built schemas (every InType, arrays, structs, malformed metadata).
 */
class TraceLoggingTest {
    /** TraceLogging events (EVENT_HEADER with an 0x0B item) per corpus file; every other file has none. */
    private static final Map<String, Integer> TL_EVENTS = Map.of(
            "Alan-Jowett__sonde/test.etl", 9,
            "airbus-cert__etl-parser/AMSITrace.etl", 19,
            "airbus-cert__etl-parser/lxcore_kernel.etl", 2,
            "jtmoon79__super-speedy-syslog-searcher/SIH.20230422.034724.362.1.etl", 10,
            "jtmoon79__super-speedy-syslog-searcher/waasmedic.20251005_113019_195.etl", 17,
            "microsoft__perfview/SelfDescribingSingleEvent.etl", 1,
            "microsoft__perfview/primitive-types.etl", 5,
            "rbeesley__hw3d/trace.etl", 1);

    static List<String> files() {
        return Corpus.nonEmptyFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyCorpusTraceLoggingEventDecodesCompletely(String path) throws IOException {
        List<String> problems = new ArrayList<>();
        int[] seen = {0};
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            f.forEach(ev -> {
                boolean hasSchema = ev.kind() == HeaderKind.EVENT && TraceLogging.findItem(ev, TraceLogging.EXT_SCHEMA_TL) != null;
                Decoded d = TraceLogging.decode(ev);
                assertThat(d != null).isEqualTo(hasSchema);
                if (d == null) {
                    return;
                }
                seen[0]++;
                if (d.problem() != null || d.consumed() != ev.payloadLength() || d.size() == 0 && ev.payloadLength() > 0
                        || !d.layout().equals(TraceLogging.eventName(ev)) || TraceLogging.providerName(ev) == null) {
                    problems.add(ev + " -> " + d + " consumed " + d.consumed());
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(seen[0]).isEqualTo(TL_EVENTS.getOrDefault(path, 0));
    }

    @Test
    void primitiveTypesMatchTraceEventsBaseline() throws IOException {
        List<Map<String, String>> baseline = new ArrayList<>();
        List<Integer> dataLens = new ArrayList<>();
        for (String line : Files.readAllLines(Corpus.file("microsoft__perfview/baselines/primitive-types.baseline.txt"))) {
            if (!line.startsWith("EVENT ") || !line.contains(": solar_system/PrimitiveTypesTest ")) {
                continue;
            }
            String rest = line.substring(line.indexOf("DataLen="));
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : rest.split("; ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1).replaceFirst(";\\s*$", ""));
                }
            }
            dataLens.add(Integer.parseInt(fields.remove("DataLen")));
            baseline.add(fields);
        }
        assertThat(baseline).hasSize(5);

        List<Decoded> decoded = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        try (EtlFile f = EtlFile.open(Corpus.file("microsoft__perfview/primitive-types.etl"))) {
            f.forEach(ev -> {
                Decoded d = TraceLogging.decode(ev);
                if (d != null) {
                    decoded.add(d);
                    lens.add(ev.payloadLength());
                    providers.add(TraceLogging.providerName(ev));
                }
            });
        }
        assertThat(lens).isEqualTo(dataLens);
        assertThat(providers).containsOnly("solar_system");
        for (int i = 0; i < baseline.size(); i++) {
            Decoded d = decoded.get(i);
            Map<String, String> want = baseline.get(i);
            assertThat(d.layout()).isEqualTo("PrimitiveTypesTest");
            assertThat(d.problem()).isNull();
            assertThat(d.names()).containsExactlyElementsOf(want.keySet());
            for (Map.Entry<String, String> e : want.entrySet()) {
                assertThat(matchesBaseline(e.getKey(), d.get(e.getKey()), e.getValue()))
                        .as("event %d field %s: ours %s, TraceEvent %s", i, e.getKey(), d.get(e.getKey()), e.getValue())
                        .isTrue();
            }
        }
        // Spot checks of the first event, in wsclose's own formats.
        Decoded first = decoded.get(0);
        assertThat(first.get("string_type")).isEqualTo("Mercury");
        assertThat(first.get("boolean_type")).isEqualTo(false);
        assertThat(first.get("char_type")).isEqualTo(77L);
        assertThat(first.get("int16_type")).isEqualTo(-51L);
        assertThat(first.get("uint64_type")).isEqualTo(204L);
        assertThat(first.get("guid_type")).isEqualTo("0ad614c4-0ef4-4225-8013-f44f37cb0397");
        assertThat(first.getString("file_time_type")).startsWith("2021-09-09T14:59:35.799");
        assertThat(first.get("system_time_type")).isEqualTo("2021-09-09T14:59:35.799");
    }

    private static final DateTimeFormatter TE_TIME = DateTimeFormatter.ofPattern("yy/MM/dd HH:mm:ss.SSSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * TraceEvent prints values its own way; these are the differences (all formatting, none of value):
     * Booleans as True/False; numbers with thousands separators; long values cut to 20 characters plus
     * "..."; times as "yy/MM/dd HH:mm:ss.ff" (UTC on the machine that made the baseline); the schema
     * declares int64_type as UInt64 (InType 10) and TraceEvent prints it signed (-204) where wsclose prints
     * the unsigned value (18446744073709551412, same 64 bits); and for SYSTEMTIME it prints ".03" whatever
     * the milliseconds (the payload holds wMilliseconds = 799, equal to the FILETIME field of the same
     * event), so SYSTEMTIME is compared to the second.
     */
    private static boolean matchesBaseline(String name, Object ours, String theirs) {
        boolean cut = theirs.endsWith("...");
        String t = cut ? theirs.substring(0, theirs.length() - 3) : theirs;
        if (ours instanceof Boolean) {
            return t.equalsIgnoreCase(ours.toString());
        }
        if (ours instanceof Long) {
            return Long.parseLong(t.replace(",", "")) == (Long) ours;
        }
        String s = String.valueOf(ours);
        if (s.matches("\\d{20}")) {
            return Long.parseUnsignedLong(s) == Long.parseLong(t.replace(",", ""));
        }
        if (name.equals("file_time_type")) {
            String formatted = TE_TIME.format(Instant.parse(s.endsWith("Z") ? s : s + "Z"));
            return formatted.startsWith(t);
        }
        if (name.equals("system_time_type")) {
            String formatted = TE_TIME.format(Instant.parse(s + "Z"));
            return t.length() >= 17 && formatted.substring(0, 17).equals(t.substring(0, 17));
        }
        return cut ? s.startsWith(t) : s.equals(t);
    }

    @Test
    void selfDescribingSingleEventHasAStruct() throws IOException {
        List<Decoded> found = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        try (EtlFile f = EtlFile.open(Corpus.file("microsoft__perfview/SelfDescribingSingleEvent.etl"))) {
            f.forEach(ev -> {
                Decoded d = TraceLogging.decode(ev);
                if (d != null) {
                    found.add(d);
                    providers.add(TraceLogging.providerName(ev));
                }
            });
        }
        assertThat(found).hasSize(1);
        Decoded d = found.get(0);
        assertThat(d.layout()).isEqualTo("TestEvent");
        assertThat(providers).containsExactly("MySource");
        assertThat(d.names()).containsExactly("a.b", "a.c");
        assertThat(d.get("a.b")).isEqualTo("Hello");
        assertThat(d.get("a.c")).isEqualTo("World!");
    }

    // ---------------------------------------------------------------- hand-built events

    /** Builds an EventMetadata blob. */
    private static final class Schema {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Schema(String event, int... tags) {
            out.write(0);
            out.write(0);
            if (tags.length == 0) {
                out.write(0);
            }
            for (int t : tags) {
                out.write(t);
            }
            cstr(event);
        }

        Schema field(String name, int inType, int... rest) {
            cstr(name);
            out.write(inType);
            for (int r : rest) {
                out.write(r);
            }
            return this;
        }

        Schema raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        private void cstr(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(0);
        }

        byte[] build() {
            byte[] b = out.toByteArray();
            b[0] = (byte) b.length;
            b[1] = (byte) (b.length >> 8);
            return b;
        }
    }

    /** An EVENT_HEADER event with a PROV_TRAITS item, then the schema item, then the payload. */
    private static EtwEvent tlEvent(byte[] schema, byte[] payload, int ptr) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] traits = {7, 0, 'p', 'r', 'o', 'v', 0};
        item(data, TraceLogging.EXT_PROV_TRAITS, traits, true);
        item(data, TraceLogging.EXT_SCHEMA_TL, schema, false);
        int ext = data.size();
        data.write(payload, 0, payload.length);
        byte[] b = data.toByteArray();
        return new EtwEvent().set(HeaderKind.EVENT, ptr == 8 ? 0x13 : 0x12, 0, Guid.parse("a61ea624-4944-55fc-c2a8-37838829438d"), 0, 0)
                .pointerSize(ptr).extended(0, ext).payload(b, ext, payload.length);
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] data, boolean more) {
        int padded = (data.length + 7) & ~7;
        int size = 8 + padded;
        out.write(size);
        out.write(size >> 8);
        out.write(type);
        out.write(type >> 8);
        out.write(more ? 1 : 0);
        out.write(0);
        out.write(data.length);
        out.write(data.length >> 8);
        out.write(data, 0, data.length);
        for (int i = data.length; i < padded; i++) {
            out.write(0);
        }
    }

    @Test
    void everyInTypeDecodes() {
        for (int ptr : new int[] {8, 4}) {
            byte[] schema = new Schema("AllTypes", 0x81, 0x02)
                    .field("null", 0)
                    .field("ustr", 1).field("astr", 2).field("utf8", 2 | 0x80, 35)
                    .field("i8", 3).field("u8", 4).field("bool8", 4 | 0x80, 3).field("i16", 5).field("u16", 6)
                    .field("port", 6 | 0x80, 7).field("i32", 7).field("hr", 7 | 0x80, 15).field("u32", 8)
                    .field("ip4", 8 | 0x80, 8).field("i64", 9).field("u64", 10).field("f", 11).field("d", 12)
                    .field("b32", 13).field("bin", 14).field("ip6", 14 | 0x80, 9).field("sa", 14 | 0x80, 10)
                    .field("guid", 15).field("ptr", 16).field("ft", 17).field("st", 18).field("sid", 19)
                    .field("h32", 20).field("h64", 21 | 0x80, 0x80 | 4, 0x81, 0x00) // out-type with tag bytes
                    .field("cstr", 22).field("castr", 23).field("cbin", 25)
                    .build();
            PayloadBuilder p = new PayloadBuilder(ptr)
                    .utf16z("wide ✓").ansiz("narrow").bytes("é".getBytes(StandardCharsets.UTF_8)).u8(0)
                    .u8(-1).u8(255).u8(1).u16(-2).u16(65535)
                    .bytes(new byte[] {0x1F, (byte) 0x90}).i32(-3).u32(0x80070005L).u32(4_000_000_000L)
                    .bytes(new byte[] {(byte) 192, (byte) 168, 1, 2}).u64(-4).u64(-1)
                    .u32(Float.floatToIntBits(0.5f)).u64(Double.doubleToLongBits(1e10)).bool32(false)
                    .u16(2).bytes(new byte[] {(byte) 0xAB, (byte) 0xCD})
                    .u16(16).bytes(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
                    .u16(16).sockaddrIn("127.0.0.1", 80)
                    .guid(Guid.parse("0ad614c4-0ef4-4225-8013-f44f37cb0397")).ptr(0xABCD)
                    .u64(0x01d7a58b4dfa1070L)
                    .u16(2021).u16(9).u16(4).u16(9).u16(14).u16(59).u16(35).u16(799)
                    .bytes(new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}) // S-1-5-18
                    .u32(0xFFFFFFFFL).u64(0x10)
                    .u16(4).bytes("hi".getBytes(StandardCharsets.UTF_16LE))
                    .u16(3).bytes("abc".getBytes(StandardCharsets.US_ASCII))
                    .u16(1).u8(0x7F);
            byte[] payload = p.build();
            Decoded d = TraceLogging.decode(tlEvent(schema, payload, ptr));
            assertThat(d.problem()).as("ptr %d", ptr).isNull();
            assertThat(d.consumed()).isEqualTo(payload.length);
            assertThat(d.layout()).isEqualTo("AllTypes");
            assertThat(d.get("null")).isEqualTo("");
            assertThat(d.get("ustr")).isEqualTo("wide ✓");
            assertThat(d.get("astr")).isEqualTo("narrow");
            assertThat(d.get("utf8")).isEqualTo("é");
            assertThat(d.get("i8")).isEqualTo(-1L);
            assertThat(d.get("u8")).isEqualTo(255L);
            assertThat(d.get("bool8")).isEqualTo(true);
            assertThat(d.get("i16")).isEqualTo(-2L);
            assertThat(d.get("u16")).isEqualTo(65535L);
            assertThat(d.get("port")).isEqualTo(8080L);
            assertThat(d.get("i32")).isEqualTo(-3L);
            assertThat(d.getString("hr")).isEqualTo("0x80070005");
            assertThat(d.get("u32")).isEqualTo(4_000_000_000L);
            assertThat(d.get("ip4")).isEqualTo("192.168.1.2");
            assertThat(d.get("i64")).isEqualTo(-4L);
            assertThat(d.get("u64")).isEqualTo("18446744073709551615");
            assertThat(d.get("f")).isEqualTo(0.5);
            assertThat(d.get("d")).isEqualTo(1e10);
            assertThat(d.get("b32")).isEqualTo(false);
            assertThat(d.getString("bin")).isEqualTo("abcd");
            assertThat(d.get("ip6")).isEqualTo("2001:db8::1");
            assertThat(d.get("sa")).isEqualTo("127.0.0.1:80");
            assertThat(d.get("guid")).isEqualTo("0ad614c4-0ef4-4225-8013-f44f37cb0397");
            assertThat(d.getString("ptr")).isEqualTo("0xabcd");
            assertThat(d.getString("ft")).startsWith("2021-09-09T14:59:35.799");
            assertThat(d.get("st")).isEqualTo("2021-09-09T14:59:35.799");
            assertThat(d.get("sid")).isEqualTo("S-1-5-18");
            assertThat(d.getString("h32")).isEqualTo("0xffffffff");
            assertThat(d.getString("h64")).isEqualTo("0x10");
            assertThat(d.get("cstr")).isEqualTo("hi");
            assertThat(d.get("castr")).isEqualTo("abc");
            assertThat(d.getString("cbin")).isEqualTo("7f");
        }
    }

    @Test
    void arraysStructsAndCustomFields() {
        byte[] schema = new Schema("Shapes")
                .field("fixed", 8 | 0x20, 3, 0)                 // UInt32[3], count in the metadata
                .field("var", 5 | 0x40)                         // Int16[], count in the payload
                .field("names", 1 | 0x40)                       // UnicodeString[]
                .field("wchars", 6 | 0x40 | 0x80, 2)            // WCHAR[] shown as text
                .field("pt", 24 | 0x80, 2).field("x", 7).field("y", 7)
                .field("pts", 24 | 0x40 | 0x80, 2).field("x", 7)
                .field("inner", 24 | 0x80, 1).field("z", 4)     // a struct inside the struct
                .field("blob", 24 | 0x60, 3, 0, 1, 2, 3)        // custom: type-info size 3, then 3 bytes
                .build();
        byte[] payload = new PayloadBuilder(8)
                .u32(1).u32(2).u32(3)
                .u16(2).u16(-1).u16(7)
                .u16(2).utf16z("a").utf16z("bc")
                .u16(3).bytes("xyz".getBytes(StandardCharsets.UTF_16LE))
                .i32(10).i32(20)
                .u16(2).i32(1).u8(11).i32(2).u8(22)
                .u16(2).u8(0xEE).u8(0xFF)
                .build();
        Decoded d = TraceLogging.decode(tlEvent(schema, payload, 8));
        assertThat(d.problem()).isNull();
        assertThat(d.consumed()).isEqualTo(payload.length);
        assertThat(d.get("fixed")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(d.get("var")).isEqualTo(List.of(-1L, 7L));
        assertThat(d.get("names")).isEqualTo(List.of("a", "bc"));
        assertThat(d.get("wchars")).isEqualTo("xyz");
        assertThat(d.get("pt.x")).isEqualTo(10L);
        assertThat(d.get("pt.y")).isEqualTo(20L);
        assertThat(d.names()).containsSubsequence("pts[0].x", "pts[0].inner.z", "pts[1].x", "pts[1].inner.z");
        assertThat(d.get("pts[1].inner.z")).isEqualTo(22L);
        assertThat(d.getString("blob")).isEqualTo("eeff");
    }

    @Test
    void malformedMetadataOrPayloadGivesAProblemNeverAnException() {
        // Event name without its NUL.
        byte[] noNul = {5, 0, 0, 'E', 'v'};
        Decoded d = TraceLogging.decode(tlEvent(noNul, new byte[0], 8));
        assertThat(d.problem()).contains("not NUL-terminated");
        assertThat(d.size()).isZero();

        // A struct that declares more fields than the schema has.
        d = TraceLogging.decode(tlEvent(new Schema("S").field("s", 24 | 0x80, 3).field("a", 7).build(), new byte[8], 8));
        assertThat(d.layout()).isEqualTo("S");
        assertThat(d.problem()).contains("struct s declares 3 fields");

        // An InType above the known ones.
        d = TraceLogging.decode(tlEvent(new Schema("U").field("a", 7).field("b", 30).build(), new byte[8], 8));
        assertThat(d.problem()).contains("unknown TraceLogging InType 30");
        assertThat(d.names()).containsExactly("a");

        // A payload shorter than the schema: the fields that fit, then the problem.
        d = TraceLogging.decode(tlEvent(new Schema("Short").field("a", 7).field("b", 9).build(), new byte[6], 8));
        assertThat(d.names()).containsExactly("a");
        assertThat(d.problem()).contains("need 8 bytes for b at payload offset 4, have 2");
        assertThat(d.consumed()).isEqualTo(4);

        // A string without its NUL.
        d = TraceLogging.decode(tlEvent(new Schema("Str").field("s", 2).build(), new byte[] {'a', 'b'}, 8));
        assertThat(d.problem()).contains("not NUL-terminated");

        // Structs nested without end.
        Schema deep = new Schema("Deep");
        for (int i = 0; i < 40; i++) {
            deep.field("s" + i, 24 | 0x80, 1);
        }
        d = TraceLogging.decode(tlEvent(deep.field("leaf", 4).build(), new byte[1], 8));
        assertThat(d.problem()).contains("nested more than");

        // A declared size larger than the item.
        byte[] big = new Schema("Big").field("a", 7).build();
        big[0] = (byte) 0xFF;
        d = TraceLogging.decode(tlEvent(big, new byte[4], 8));
        assertThat(d.problem()).contains("exceeds");
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] schema = new Schema("R").build();
            byte[] tail = new byte[rnd.nextInt(40)];
            rnd.nextBytes(tail);
            byte[] s = new byte[schema.length + tail.length];
            System.arraycopy(schema, 0, s, 0, schema.length);
            System.arraycopy(tail, 0, s, schema.length, tail.length);
            if (rnd.nextBoolean()) {
                s[0] = (byte) s.length;
                s[1] = (byte) (s.length >> 8);
            }
            byte[] payload = new byte[rnd.nextInt(64)];
            rnd.nextBytes(payload);
            Decoded d = TraceLogging.decode(tlEvent(s, payload, rnd.nextBoolean() ? 8 : 4));
            assertThat(d).isNotNull();
            assertThat(d.consumed()).isBetween(0, payload.length);
        }
    }

    @Test
    void eventsWithoutASchemaAreNotTraceLogging() {
        EtwEvent plain = new EtwEvent().set(HeaderKind.EVENT, 0x13, 0, Guid.parse("e53c6823-7bb8-44bb-90dc-3f86090d48a6"), 1000, 0)
                .payload(new byte[48], 0, 48);
        assertThat(TraceLogging.decode(plain)).isNull();
        assertThat(TraceLogging.eventName(plain)).isNull();
        assertThat(TraceLogging.providerName(plain)).isNull();
        EtwEvent named = tlEvent(new Schema("N").build(), new byte[0], 8);
        assertThat(TraceLogging.providerName(named)).isEqualTo("prov");
        assertThat(TraceLogging.eventName(named)).isEqualTo("N");
    }
}
