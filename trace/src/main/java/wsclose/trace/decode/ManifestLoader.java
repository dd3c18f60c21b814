package wsclose.trace.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import wsclose.trace.etw.Guid;

/**
 * Reads an ETW instrumentation manifest ({@code --manifest FILE}) into {@link Layouts}: one layout per
 * (provider, event id, version), named after the event's {@code symbol} (else "Task/Opcode", else
 * "event&lt;id&gt;"), whose fields are the event's template, packed as etl-format.md §B.0 describes.
 *
 * <p>What a template can say and how it maps onto {@link Field}:
 * <ul>
 * <li>every manifest in-type of {@link FieldType#fromInType}; out-types refine a few: {@code win:Port}
 *     on UInt16 → big-endian port, {@code win:IPv4} on UInt32 → dotted quad, {@code win:HexInt32/64} →
 *     hex, {@code win:SocketAddress} on Binary → SOCKADDR, {@code win:IPv6} on a 16-byte Binary → IPv6;
 * <li>a Binary whose length is another field and whose name ends in Address/Addr/SockAddr (and that
 *     neither name nor length field marks as a raw IP or data-link address: "IP"/"Ip"/"DL"/"Dl") is
 *     decoded as a SOCKADDR; {@link Sockaddrs#format} prints bytes that are not a SOCKADDR_IN/IN6 as
 *     hex, so a wrong guess still shows the data;
 * <li>{@code length} = a number or an earlier field (bytes for Binary and AnsiString; characters for
 *     UnicodeString, so only a numeric length is supported there); {@code count} = a number or an
 *     earlier field (arrays);
 * <li>{@code <struct>} members are flattened as {@code Struct.Member}; a struct with a fixed count is
 *     unrolled as {@code Struct[i].Member} (up to {@value #MAX_UNROLL});
 * <li>the non-standard {@code trace:} in-types of TraceEvent's hand-made kernel manifest (SizeT, IPAddr,
 *     IPAddrV4/V6, Port, WBEMSid, UnicodeChar, WmiTime).
 * </ul>
 * A field the layouts cannot express (an unknown in-type, a Binary without a length, a UnicodeString
 * whose length is another field, a struct array counted by a field) ends its layout there: the fields
 * before it decode, the rest of the payload is left unread ({@link Decoded#consumed()} tells), and
 * {@link Result#notes()} says why.
 *
 * <p>The XML is read with DTDs and external entities disabled; a document with a DOCTYPE is refused.
 * Malformed XML or a missing required attribute gives a {@link ManifestException} whose one-line message
 * names the file, the line and the element.
 */
public final class ManifestLoader {
    /** Structs with a larger fixed count are not unrolled (the layout ends there). */
    static final int MAX_UNROLL = 64;

    private static final Pattern SOCKADDR_NAME = Pattern.compile("(?i).*(address|addr|sockaddr)");
    private static final Pattern RAW_ADDRESS = Pattern.compile(".*(IP|Ip|DL|Dl).*");

    private ManifestLoader() {
    }

    /**
     * What a manifest gave.
     *
     * @param layouts       one layout per (provider GUID, event id, version)
     * @param providerNames provider GUID → name, in document order
     * @param events        {@code <event>} elements read (all providers)
     * @param templates     {@code <template>} elements read (all providers)
     * @param notes         what was skipped or cut short, one line each
     */
    public record Result(Layouts layouts, Map<Guid, String> providerNames, int events, int templates, List<String> notes) {
        public Result {
            providerNames = Collections.unmodifiableMap(new LinkedHashMap<>(providerNames));
            notes = List.copyOf(notes);
        }

        /** The GUID of the provider called {@code name} (case-insensitive), or null. */
        public Guid providerGuid(String name) {
            for (Map.Entry<Guid, String> e : providerNames.entrySet()) {
                if (e.getValue().equalsIgnoreCase(name)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    /** A manifest that cannot be read; the message is one line naming the file, line and element. */
    public static final class ManifestException extends IOException {
        private static final long serialVersionUID = 1L;

        public ManifestException(String message) {
            super(message);
        }

        public ManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Layouts load(Path xml) throws IOException {
        return read(xml).layouts();
    }

    public static Layouts load(InputStream in) throws IOException {
        return read(in, "<stream>").layouts();
    }

    public static Layouts load(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName).layouts();
    }

    /** Reads the manifest, with provider names and notes. */
    public static Result read(Path xml) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            return read(in, xml.toString());
        }
    }

    public static Result read(InputStream in, String sourceName) throws IOException {
        Node root = parse(in, sourceName);
        return new Builder(sourceName).build(root);
    }

    // ---------------------------------------------------------------- XML → small tree

    /** An element: local name, attributes, child elements, and where it started. */
    private static final class Node {
        final String name;
        final Map<String, String> attrs = new LinkedHashMap<>();
        final List<Node> children = new ArrayList<>();
        final int line;

        Node(String name, int line) {
            this.name = name;
            this.line = line;
        }

        String attr(String n) {
            return attrs.get(n);
        }

        List<Node> all(String n) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) {
                if (c.name.equals(n)) {
                    out.add(c);
                }
            }
            return out;
        }

        Node first(String n) {
            for (Node c : children) {
                if (c.name.equals(n)) {
                    return c;
                }
            }
            return null;
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entity '" + systemId + "' refused");
        });
        return f;
    }

    private static Node parse(InputStream in, String source) throws ManifestException {
        List<Node> stack = new ArrayList<>();
        Node root = null;
        XMLStreamReader r = null;
        try {
            r = secureFactory().createXMLStreamReader(in);
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD:
                        throw error(source, r.getLocation().getLineNumber(), stack, "a DOCTYPE is not allowed in a manifest");
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        throw error(source, r.getLocation().getLineNumber(), stack,
                                "entity reference &" + r.getLocalName() + "; is not allowed in a manifest");
                    case XMLStreamConstants.START_ELEMENT: {
                        Node n = new Node(r.getLocalName(), r.getLocation().getLineNumber());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            n.attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        if (stack.isEmpty()) {
                            if (root != null) {
                                throw error(source, n.line, stack, "more than one root element");
                            }
                            root = n;
                        } else {
                            stack.get(stack.size() - 1).children.add(n);
                        }
                        stack.add(n);
                        break;
                    }
                    case XMLStreamConstants.END_ELEMENT:
                        stack.remove(stack.size() - 1);
                        break;
                    default:
                        break;
                }
            }
        } catch (XMLStreamException e) {
            Location loc = e.getLocation();
            int line = loc != null ? loc.getLineNumber() : -1;
            throw new ManifestException(prefix(source, line, stack) + "malformed XML: " + xmlMessage(e), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing more to read
                }
            }
        }
        if (root == null) {
            throw new ManifestException(source + ": malformed XML: no root element");
        }
        if (!root.name.equals("instrumentationManifest")) {
            throw new ManifestException(source + ":" + root.line + ": <" + root.name
                    + ">: not an ETW instrumentation manifest (root element must be <instrumentationManifest>)");
        }
        return root;
    }

    private static ManifestException error(String source, int line, List<Node> stack, String what) {
        return new ManifestException(prefix(source, line, stack) + what);
    }

    private static String prefix(String source, int line, List<Node> stack) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!stack.isEmpty()) {
            sb.append("in <").append(stack.get(stack.size() - 1).name).append(">: ");
        }
        return sb.toString();
    }

    /** The parser's message without its "ParseError at [row,col]:[..]\nMessage: " preamble, on one line. */
    private static String xmlMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("Message:");
        if (i >= 0) {
            m = m.substring(i + "Message:".length());
        }
        return oneLine(m);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    // ---------------------------------------------------------------- tree → layouts

    /** Thrown inside this class when a field cannot be expressed; ends the layout. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** The fields of one template and, when it had to stop early, why. */
    private record Template(List<Field> fields, String cutReason) {
    }

    private static final class Builder {
        private final String source;
        private final Layouts layouts = new Layouts();
        private final Map<Guid, String> names = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private int events;
        private int templates;

        Builder(String source) {
            this.source = source;
        }

        Result build(Node root) throws ManifestException {
            List<Node> providers = new ArrayList<>();
            collect(root, "provider", providers);
            if (providers.isEmpty()) {
                notes.add(source + ": no <provider> element");
            }
            for (Node p : providers) {
                provider(p);
            }
            return new Result(layouts, names, events, templates, notes);
        }

        private static void collect(Node n, String name, List<Node> out) {
            for (Node c : n.children) {
                if (c.name.equals(name)) {
                    out.add(c);
                } else if (!c.name.equals("localization")) {
                    collect(c, name, out);
                }
            }
        }

        private ManifestException fail(Node n, String what) {
            return new ManifestException(source + ":" + n.line + ": <" + n.name + describe(n) + ">: " + what);
        }

        private static String describe(Node n) {
            for (String key : new String[] {"name", "tid", "symbol", "value"}) {
                String v = n.attr(key);
                if (v != null) {
                    return " " + key + "=\"" + v + "\"";
                }
            }
            return "";
        }

        private String required(Node n, String attr) throws ManifestException {
            String v = n.attr(attr);
            if (v == null || v.isBlank()) {
                throw fail(n, "missing attribute '" + attr + "'");
            }
            return v.strip();
        }

        private void provider(Node p) throws ManifestException {
            String name = p.attr("name");
            Guid guid;
            try {
                guid = Guid.parse(required(p, "guid"));
            } catch (IllegalArgumentException e) {
                throw fail(p, oneLine(e.getMessage()));
            }
            if (name != null && !name.isBlank()) {
                names.put(guid, name.strip());
            }
            String providerLabel = name != null ? name : guid.toString();

            Map<String, Template> byTid = new HashMap<>();
            Node tpls = p.first("templates");
            if (tpls != null) {
                for (Node t : tpls.all("template")) {
                    templates++;
                    String tid = required(t, "tid");
                    Template tpl = template(t);
                    if (byTid.put(tid, tpl) != null) {
                        notes.add(source + ":" + t.line + ": template " + tid + " defined twice; the last one is used");
                    }
                }
            }

            Node evs = p.first("events");
            if (evs == null) {
                return;
            }
            Set<String> seen = new HashSet<>();
            int skipped = 0;
            int firstSkipped = 0;
            for (Node e : evs.all("event")) {
                events++;
                int id = number(e, "value", true, 0xFFFF);
                if (id < 0) {
                    if (skipped++ == 0) {
                        firstSkipped = e.line;
                    }
                    continue;
                }
                int version = e.attr("version") == null ? 0 : number(e, "version", false, 0xFF);
                if (version < 0) {
                    throw fail(e, "version '" + e.attr("version") + "' is not 0..255");
                }
                String tid = e.attr("template");
                Template tpl;
                if (tid == null || tid.isBlank()) {
                    tpl = new Template(List.of(), null);
                } else {
                    tpl = byTid.get(tid.strip());
                    if (tpl == null) {
                        throw fail(e, "template '" + tid + "' is not defined");
                    }
                }
                String layoutName = eventName(e, id);
                if (tpl.cutReason() != null) {
                    notes.add(source + ": " + providerLabel + " event " + id + " v" + version + " (" + layoutName + "): "
                            + tpl.cutReason());
                }
                if (!seen.add(id + "/" + version)) {
                    notes.add(source + ":" + e.line + ": " + providerLabel + " event " + id + " v" + version
                            + " defined twice; the last one is used");
                }
                layouts.event(guid, id, version, new Layout(layoutName, tpl.fields()));
            }
            if (skipped > 0) {
                notes.add(source + ":" + firstSkipped + ": " + providerLabel + ": " + skipped
                        + " events whose value is not a 16-bit event id were skipped");
            }
        }

        /** A non-negative integer attribute (decimal or 0x hex); -1 when out of 0..max. */
        private int number(Node n, String attr, boolean required, int max) throws ManifestException {
            String v = required ? required(n, attr) : n.attr(attr).strip();
            long x;
            try {
                x = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            } catch (NumberFormatException ex) {
                throw fail(n, attr + " '" + v + "' is not a number");
            }
            return x < 0 || x > max ? -1 : (int) x;
        }

        /** The event's symbol, else "Task/Opcode" (opcode without its "win:" prefix), else "Task", else "event&lt;id&gt;". */
        private static String eventName(Node e, int id) {
            String symbol = blankToNull(e.attr("symbol"));
            if (symbol != null) {
                return symbol.strip();
            }
            String task = blankToNull(e.attr("task"));
            String opcode = blankToNull(e.attr("opcode"));
            if (task == null) {
                return "event" + id;
            }
            if (opcode == null) {
                return task.strip();
            }
            String o = opcode.strip();
            return task.strip() + "/" + (o.startsWith("win:") ? o.substring(4) : o);
        }

        private Template template(Node t) throws ManifestException {
            List<Field> out = new ArrayList<>();
            try {
                members(t, "", out);
                return new Template(out, null);
            } catch (Unsupported u) {
                return new Template(out, u.getMessage() + "; the layout stops there (later fields are not decoded)");
            }
        }

        /**
         * Appends the fields of {@code parent}'s {@code <data>} and {@code <struct>} children, their names
         * prefixed by {@code prefix}; a length or count naming a member of the same level resolves to its
         * prefixed name.
         */
        private void members(Node parent, String prefix, List<Field> out) throws ManifestException, Unsupported {
            Set<String> local = new HashSet<>();
            for (Node c : parent.children) {
                if (c.name.equals("data") || c.name.equals("struct")) {
                    local.add(required(c, "name"));
                }
            }
            for (Node c : parent.children) {
                if (c.name.equals("data")) {
                    out.add(data(c, prefix, out, local));
                } else if (c.name.equals("struct")) {
                    struct(c, prefix, out);
                }
            }
        }

        private void struct(Node s, String prefix, List<Field> out) throws ManifestException, Unsupported {
            String name = prefix + required(s, "name");
            String count = s.attr("count");
            int n = 1;
            if (count != null && !count.isBlank()) {
                if (!isNumber(count)) {
                    throw new Unsupported("struct " + name + " is an array counted by field " + count.strip()
                            + ", which layouts cannot express");
                }
                n = Integer.parseInt(count.strip());
            }
            if (n > MAX_UNROLL) {
                throw new Unsupported("struct " + name + " has " + n + " elements (more than " + MAX_UNROLL + ")");
            }
            if (n == 1) {
                members(s, name + ".", out);
            } else {
                for (int i = 0; i < n; i++) {
                    members(s, name + "[" + i + "].", out);
                }
            }
        }

        private Field data(Node d, String prefix, List<Field> before, Set<String> siblings) throws ManifestException, Unsupported {
            String bare = required(d, "name");
            String name = prefix + bare;
            String inType = required(d, "inType");
            String outType = d.attr("outType");
            String length = blankToNull(d.attr("length"));
            String count = blankToNull(d.attr("count"));

            String lengthField = null;
            int fixedLength = 0;
            if (length != null) {
                if (isNumber(length)) {
                    fixedLength = parseSmall(d, "length", length);
                } else {
                    lengthField = resolve(length, prefix, siblings);
                    checkEarlier(d, name, lengthField, before, "length");
                }
            }
            String countField = null;
            int fixedCount = 1;
            if (count != null) {
                if (isNumber(count)) {
                    fixedCount = parseSmall(d, "count", count);
                } else {
                    countField = resolve(count, prefix, siblings);
                    checkEarlier(d, name, countField, before, "count");
                }
            }

            FieldType type = FieldType.fromInType(inType);
            String in = inType.strip();
            if (type == null) {
                switch (in) {
                    case "trace:SizeT": type = FieldType.SIZET; break;
                    case "trace:IPAddr":
                    case "trace:IPAddrV4": type = FieldType.IPV4; break;
                    case "trace:IPAddrV6": type = FieldType.IPV6; break;
                    case "trace:Port": type = FieldType.PORT_BE; break;
                    case "trace:WBEMSid": type = FieldType.KERNEL_SID; break;
                    case "trace:WmiTime": type = FieldType.UINT64; break;
                    case "trace:UnicodeChar":
                        // A fixed WCHAR array: a NUL-padded UTF-16 string of count characters.
                        if (countField != null) {
                            throw new Unsupported("field " + name + " (" + in + ") counted by field " + countField);
                        }
                        return Field.fixed(name, FieldType.UNICODE_STRING, 2 * fixedCount);
                    default:
                        throw new Unsupported("field " + name + " has unknown inType " + in);
                }
            }
            type = refine(type, outType, name, lengthField, fixedLength);

            switch (type) {
                case BINARY:
                case SOCKADDR:
                case IPV6:
                    if (type != FieldType.IPV6 && lengthField == null && fixedLength == 0) {
                        throw new Unsupported("field " + name + " (" + in + ") has no length");
                    }
                    break;
                case UNICODE_STRING:
                    if (lengthField != null) {
                        throw new Unsupported("field " + name + " (" + in + ") takes its length in characters from field "
                                + lengthField);
                    }
                    fixedLength *= 2;
                    break;
                case ANSI_STRING:
                    break;
                default:
                    // Fixed-size types ignore a length attribute.
                    lengthField = null;
                    fixedLength = 0;
                    break;
            }
            if (countField != null) {
                return new Field(name, type, lengthField, fixedLength, countField, 0);
            }
            return new Field(name, type, lengthField, fixedLength, null, fixedCount);
        }

        private static FieldType refine(FieldType type, String outType, String name, String lengthField, int fixedLength) {
            String out = outType == null ? "" : outType.strip().toLowerCase(Locale.ROOT);
            if (out.startsWith("win:")) {
                out = out.substring(4);
            }
            switch (type) {
                case UINT16: return out.equals("port") ? FieldType.PORT_BE : type;
                case UINT32: return out.equals("ipv4") ? FieldType.IPV4 : out.equals("hexint32") ? FieldType.HEXINT32 : type;
                case INT32: return out.equals("hexint32") ? FieldType.HEXINT32 : type;
                case UINT64:
                case INT64: return out.equals("hexint64") ? FieldType.HEXINT64 : type;
                case BINARY:
                    if (out.equals("socketaddress")) {
                        return FieldType.SOCKADDR;
                    }
                    if (out.equals("ipv6") && lengthField == null && fixedLength == 16) {
                        return FieldType.IPV6;
                    }
                    if (out.isEmpty() && lengthField != null && SOCKADDR_NAME.matcher(name).matches()
                            && !RAW_ADDRESS.matcher(name).matches() && !RAW_ADDRESS.matcher(lengthField).matches()) {
                        return FieldType.SOCKADDR;
                    }
                    return type;
                default:
                    return type;
            }
        }

        private static String resolve(String ref, String prefix, Set<String> siblings) {
            String r = ref.strip();
            return siblings.contains(r) ? prefix + r : r;
        }

        private void checkEarlier(Node d, String name, String ref, List<Field> before, String what) {
            for (Field f : before) {
                if (f.name().equals(ref)) {
                    return;
                }
            }
            notes.add(source + ":" + d.line + ": field " + name + ": " + what + " field " + ref
                    + " is not an earlier field of the template; events using it will report a problem");
        }

        private int parseSmall(Node d, String attr, String v) throws ManifestException {
            try {
                int x = Integer.parseInt(v.strip());
                if (x >= 0 && x <= 0xFFFF) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw fail(d, attr + " '" + v + "' is not 0..65535");
        }

        private static boolean isNumber(String s) {
            String t = s.strip();
            return !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
