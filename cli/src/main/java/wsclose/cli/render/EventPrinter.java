package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import wsclose.trace.decode.Decoded;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Times;

/**
 * Prints raw events, one per line: text for people, JSON Lines for scripts. JSON lines are written with
 * a streaming generator (no tree per event) because a trace can hold hundreds of millions of events.
 */
public final class EventPrinter {
    private final PrintWriter out;
    private final boolean json;
    private final String file;
    private final Map<Guid, String> names;
    private final JsonGenerator gen;
    /** Text times when not UTC ISO-8601 (the fast default path); null for UTC. */
    private final TimeFormat time;
    private final StringBuilder sb = new StringBuilder(256);

    /**
     * @param file  the file name to add to each line, or null (single input)
     * @param names provider names to print beside GUIDs
     * @param time  how text lines print times ({@code --time}); null for UTC ISO-8601. JSON is always UTC.
     */
    public EventPrinter(PrintWriter out, boolean json, String file, Map<Guid, String> names, TimeFormat time) {
        this.out = out;
        this.time = time;
        this.json = json;
        this.file = file;
        this.names = names;
        this.gen = json ? Json.generator(out) : null;
    }

    public void print(EtwEvent ev, Decoded fields) {
        if (json) {
            try {
                jsonLine(ev, fields);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            textLine(ev, fields);
        }
    }

    private void jsonLine(EtwEvent ev, Decoded d) throws IOException {
        gen.writeStartObject();
        if (file != null) {
            gen.writeStringField("file", file);
        }
        sb.setLength(0);
        gen.writeStringField("time", Times.appendIso(sb, ev.fileTime()).toString());
        gen.writeStringField("provider", ev.provider() == null ? null : ev.provider().toString());
        gen.writeStringField("providerName", ev.provider() == null ? null : names.get(ev.provider()));
        gen.writeStringField("key", ev.key());
        gen.writeNumberField("id", ev.id());
        gen.writeNumberField("version", ev.version());
        if (ev.level() >= 0) {
            gen.writeNumberField("level", ev.level());
        }
        if (ev.hasKeywords()) {
            gen.writeStringField("keywords", Json.hex(ev.keywords()));
        }
        if (ev.hasIds()) {
            gen.writeNumberField("pid", Integer.toUnsignedLong(ev.pid()));
            gen.writeNumberField("tid", Integer.toUnsignedLong(ev.tid()));
        } else {
            gen.writeNullField("pid");
            gen.writeNullField("tid");
        }
        gen.writeNumberField("processor", ev.processor());
        gen.writeStringField("headerKind", ev.kind().label());
        gen.writeNumberField("payloadLength", ev.payloadLength());
        gen.writeFieldName("payload");
        writeHex(ev.array(), ev.payloadOffset(), ev.payloadLength());
        if (d != null) {
            gen.writeStringField("event", d.layout());
            gen.writeObjectFieldStart("fields");
            List<String> n = d.names();
            List<Object> v = d.values();
            for (int i = 0; i < n.size(); i++) {
                gen.writeFieldName(n.get(i));
                value(v.get(i));
            }
            gen.writeEndObject();
            if (d.problem() != null) {
                gen.writeStringField("decodeProblem", d.problem());
            }
        }
        gen.writeEndObject();
        gen.flush();
        out.println();
    }

    private void writeHex(byte[] b, int off, int len) throws IOException {
        char[] c = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int x = b[off + i] & 0xFF;
            c[2 * i] = Character.forDigit(x >>> 4, 16);
            c[2 * i + 1] = Character.forDigit(x & 0xF, 16);
        }
        gen.writeString(c, 0, c.length);
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Long) {
            gen.writeNumber((Long) v);
        } else if (v instanceof Double) {
            gen.writeNumber((Double) v);
        } else if (v instanceof Boolean) {
            gen.writeBoolean((Boolean) v);
        } else if (v instanceof List) {
            gen.writeStartArray();
            for (Object o : (List<?>) v) {
                value(o);
            }
            gen.writeEndArray();
        } else {
            gen.writeString(v.toString());
        }
    }

    private void textLine(EtwEvent ev, Decoded d) {
        sb.setLength(0);
        if (file != null) {
            sb.append(file).append("  ");
        }
        if (time == null) {
            Times.appendIso(sb, ev.fileTime());
        } else {
            sb.append(time.format(ev.fileTime()));
        }
        sb.append("  ");
        String name = ev.provider() == null ? null : names.get(ev.provider());
        sb.append(name != null ? name : ev.provider() == null ? "-" : ev.provider().toString()).append(' ');
        sb.append(ev.key()).append(" v").append(ev.version());
        if (ev.hasIds()) {
            sb.append("  pid ").append(Integer.toUnsignedString(ev.pid())).append(" tid ").append(Integer.toUnsignedString(ev.tid()));
        }
        sb.append("  cpu ").append(ev.processor()).append("  len ").append(ev.payloadLength());
        if (d != null) {
            sb.append("  ").append(d.layout());
            List<String> n = d.names();
            List<Object> v = d.values();
            for (int i = 0; i < n.size(); i++) {
                sb.append(' ').append(n.get(i)).append('=').append(v.get(i));
            }
            if (d.problem() != null) {
                sb.append("  [decode problem: ").append(d.problem()).append(']');
            }
        }
        out.println(sb);
    }
}
