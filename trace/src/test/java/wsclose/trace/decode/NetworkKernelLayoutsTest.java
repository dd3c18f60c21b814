package wsclose.trace.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;
import wsclose.trace.testing.Corpus;

/**
 * The classic kernel TcpIp/UdpIp layouts (etl-format.md §B.5.3) on the two PerfView files that hold such
 * events: every record decodes completely, and the fields of the records TraceEvent's baselines list
 * equal TraceEvent's values (records matched as in expected/README.md "Cross-check with TraceEvent": time
 * from StartTime within ±1.5 µs, payload length = DataLen, processor = ProceNum). TraceEvent takes the PID
 * of these events from the payload, so its PID is comparable here.
 */
class NetworkKernelLayoutsTest {
    /** File, its TraceEvent baseline, and its TcpIp + UdpIp record count (expected/counts.tsv). */
    private static final String X86 = "microsoft__perfview/net.4.5.x86.PerfViewData.etl, net.4.5.x86.baseline.at-b5471b5-parent.txt, 168";
    private static final String X64 = "microsoft__perfview/net.4.5.2.x64.etl, net.4.5.2.x64.baseline.txt, 526";
    private static final Pattern EVENT = Pattern.compile("^EVENT ([0-9,]+\\.[0-9]+): Windows Kernel/(TcpIp|UdpIp)/(\\w+) (.*)$");
    /** TraceEvent opcode names of the v2 events → opcode (IPv6 = IPv4 + 16). */
    private static final Map<String, Integer> OPCODES = Map.of("Send", 10, "Recv", 11, "Connect", 12, "Disconnect", 13,
            "Retransmit", 14, "Accept", 15, "Reconnect", 16, "Fail", 17, "TCPCopy", 18);

    private final Layouts layouts = Layouts.builtIn();

    /** A copied network record with its decode at the logfile's pointer size (§B.5: TRACE_LOGFILE_HEADER.PointerSize). */
    private record Rec(EtwEvent ev, double ms, Decoded d) {
    }

    private List<Rec> network(String path) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            long start = f.header().startTime();
            int pointerSize = f.header().pointerSize();
            f.forEach(ev -> {
                if (isNetwork(ev)) {
                    Layout layout = layouts.find(ev);
                    Decoded d = layout == null ? null
                            : LayoutDecoder.decode(layout, ev.array(), ev.payloadOffset(), ev.payloadLength(), pointerSize);
                    out.add(new Rec(ev.copy(), (ev.fileTime() - start) / 10_000.0, d));
                }
            });
        }
        return out;
    }

    private static boolean isNetwork(EtwEvent ev) {
        return ev.kind().isKernel() && (Providers.KERNEL_TCPIP.equals(ev.provider()) || Providers.KERNEL_UDPIP.equals(ev.provider()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({X86, X64})
    void everyTcpIpAndUdpIpEventDecodesCompletely(String path, String baseline, int expected) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (Rec r : network(path)) {
            seen.merge(r.ev.kind() + " " + r.d.layout(), 1, Integer::sum);
            if (r.d.problem() != null || r.d.consumed() != r.ev.payloadLength() || r.d.getLong("PID", -1) < 0) {
                problems.add(r.ev + " -> " + r.d);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(expected);
        // The corpus's kernel network events all carry PERFINFO headers (no pid/tid in the header).
        assertThat(seen.keySet()).allMatch(k -> k.startsWith("PERFINFO "));
        System.out.println("kernel network events in " + path + ": " + seen);
    }

    /**
     * End to end through the reader: {@code Layouts.decode(ev)} uses the event's own pointer size, which
     * for kernel events must be the logfile's (PERFINFO64 = marker type 0x11 on these 64-bit traces).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({X86, X64})
    void builtInDecodeOfTheEventMatchesTheLogfilePointerSize(String path, String baseline, int expected) throws IOException {
        List<String> differ = new ArrayList<>();
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            int pointerSize = f.header().pointerSize();
            f.forEach(ev -> {
                if (isNetwork(ev)) {
                    Decoded viaEvent = layouts.decode(ev);
                    Decoded viaHeader = LayoutDecoder.decode(layouts.find(ev), ev.array(), ev.payloadOffset(),
                            ev.payloadLength(), pointerSize);
                    if (ev.pointerSize() != pointerSize || !viaEvent.toString().equals(viaHeader.toString())) {
                        differ.add(ev + " pointerSize=" + ev.pointerSize() + " -> " + viaEvent);
                    }
                }
            });
        }
        assertThat(differ.stream().limit(3).toList()).as(differ.size()
                + " kernel records not decoded with the logfile pointer size " + "(PERFINFO64 is marker type 0x11)").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({X86, X64})
    void decodedFieldsEqualTraceEventBaseline(String path, String baseline, int expected) throws IOException {
        List<Rec> recs = network(path);
        Path file = Corpus.etlDir().resolve("microsoft__perfview/baselines").resolve(baseline);
        int lines = 0;
        int fieldsCompared = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = EVENT.matcher(line);
            if (!m.matches()) {
                continue;
            }
            lines++;
            double ms = Double.parseDouble(m.group(1).replace(",", ""));
            boolean udp = m.group(2).equals("UdpIp");
            String op = m.group(3);
            boolean v6 = op.endsWith("IPV6");
            int opcode = OPCODES.get(v6 ? op.substring(0, op.length() - 4) : op) + (v6 ? 16 : 0);
            Map<String, String> kv = fields(m.group(4));
            List<Rec> cands = new ArrayList<>();
            for (Rec r : recs) {
                if (r.ev.provider().equals(udp ? Providers.KERNEL_UDPIP : Providers.KERNEL_TCPIP) && r.ev.id() == opcode
                        && Math.abs(r.ms - ms) <= 0.0015 && r.ev.payloadLength() == Integer.parseInt(kv.get("DataLen"))
                        && r.ev.processor() == Integer.parseInt(kv.get("ProceNum"))) {
                    cands.add(r);
                }
            }
            if (cands.size() != 1) {
                mismatches.add(cands.size() + " records match " + line);
                continue;
            }
            Decoded d = cands.get(0).d;
            for (Map.Entry<String, String> e : kv.entrySet()) {
                String k = e.getKey();
                String v = e.getValue();
                switch (k) {
                    case "TID", "PName", "ProceNum", "DataLen", "dsize" -> {
                        continue; // header data, or TraceEvent's v0 'dsize' that reads into seqnum
                    }
                    case "context" -> { // TraceEvent's UdpIp 'context' is the first pointer: PID | size << 32
                        long context = Long.decode(v);
                        check(mismatches, line, k, (context & 0xFFFF_FFFFL) == d.getLong("PID", -1)
                                && (context >>> 32) == d.getLong("size", -1), d);
                    }
                    case "PID" -> check(mismatches, line, k, Long.parseLong(v) == d.getLong("PID", -2), d);
                    default -> check(mismatches, line, k, same(d.get(k), v), d);
                }
                fieldsCompared++;
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(lines).isGreaterThan(0);
        System.out.println(baseline + ": " + lines + " TcpIp/UdpIp baseline events, " + fieldsCompared + " fields equal");
    }

    /**
     * Resolves etl-format.md's doubt on the v2 order of seqnum and connid. Both are zero in every corpus
     * record, so values cannot decide; the layout can: with the MOF order (seqnum u32, then connid
     * pointer) every field of every record sits at a multiple of its own size and the fields fill the
     * payload exactly, as a C struct does; TraceEvent's order (connid first, as in the XP v1 MOF) would put
     * the pointer at offset 20 (IPv4) or 44 (IPv6), misaligned, and a C struct would pad it to 40/64 bytes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({X86, X64})
    void mofOrderIsTheNaturallyAlignedOne(String path, String baseline, int expected) throws IOException {
        for (Rec r : network(path)) {
            Layout layout = layouts.find(r.ev);
            if (layout.name().endsWith("Fail")) {
                continue;
            }
            assertThat(alignedSize(layout.fields(), 8)).as(layout.name()).isEqualTo(r.ev.payloadLength());
            List<Field> swapped = new ArrayList<>(layout.fields());
            int seq = names(swapped).indexOf("seqnum");
            assertThat(names(swapped).indexOf("connid")).isEqualTo(seq + 1).isEqualTo(swapped.size() - 1);
            swapped.add(seq, swapped.remove(seq + 1));
            assertThat(alignedSize(swapped, 8)).as(layout.name() + " in TraceEvent's order").isGreaterThan(r.ev.payloadLength());
        }
    }

    /** The size of a C struct with these fields in order (natural alignment, fixed-size fields only). */
    private static int alignedSize(List<Field> fields, int pointerSize) {
        int off = 0;
        int maxAlign = 1;
        for (Field f : fields) {
            int size = f.type().size() == -1 ? pointerSize : f.type().size();
            int align = f.type() == FieldType.IPV4 || f.type() == FieldType.IPV6 ? 1 : size; // byte arrays
            off = (off + align - 1) / align * align;
            off += size;
            maxAlign = Math.max(maxAlign, align);
        }
        return (off + maxAlign - 1) / maxAlign * maxAlign;
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }

    /** FileIo name events (the only FileIo events here, also PERFINFO) decode completely with their names. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({X86, X64})
    void fileIoNameEventsDecodeCompletely(String path, String baseline, int expected) throws IOException {
        List<String> problems = new ArrayList<>();
        int[] n = {0};
        try (EtlFile f = EtlFile.open(Corpus.file(path))) {
            int pointerSize = f.header().pointerSize();
            f.forEach(ev -> {
                if (ev.kind() == HeaderKind.PERFINFO && Providers.KERNEL_FILEIO.equals(ev.provider())) {
                    Decoded d = LayoutDecoder.decode(layouts.find(ev), ev.array(), ev.payloadOffset(), ev.payloadLength(),
                            pointerSize);
                    n[0]++;
                    String name = d.getString("FileName");
                    if (d.problem() != null || d.consumed() != ev.payloadLength() || name == null || !name.startsWith("\\")) {
                        problems.add(ev + " -> " + d);
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
        assertThat(n[0]).isPositive();
    }

    private static void check(List<String> mismatches, String line, String field, boolean ok, Decoded d) {
        if (!ok) {
            mismatches.add(field + " differs: " + line + " -> " + d);
        }
    }

    /** TraceEvent prints numbers with thousands separators, pointers as 0x…, and cuts long text to 20 chars + "...". */
    private static boolean same(Object ours, String theirs) {
        if (ours == null) {
            return false;
        }
        if (theirs.endsWith("...")) {
            return ours.toString().startsWith(theirs.substring(0, theirs.length() - 3));
        }
        if (theirs.startsWith("0x")) {
            return ours instanceof Decoded.Hex h && h.value() == Long.parseUnsignedLong(theirs.substring(2), 16);
        }
        if (theirs.matches("-?[0-9,]+")) {
            return ours instanceof Long l && l == Long.parseLong(theirs.replace(",", ""));
        }
        return ours.toString().equals(theirs);
    }

    /** "PID=4; TID=-1; ...; k=v; " → ordered map. */
    private static Map<String, String> fields(String rest) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : rest.split("; ?")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
