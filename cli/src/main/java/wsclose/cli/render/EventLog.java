package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import wsclose.trace.etw.Times;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/**
 * The normalized event stream as JSON Lines: what {@code wsclose trace --save FILE.jsonl} writes and
 * {@code wsclose analyze FILE.jsonl} reads back. The first line is a header
 * ({@code {"format":1,"kind":"wsclose-events","source":...}}); then one {@link SocketEvent} per line with
 * stable field names, times as ISO-8601 UTC with 100 ns digits, addresses and handles as hex strings.
 * Fields at their "unknown" value are left out.
 */
public final class EventLog {
    public static final String KIND = "wsclose-events";

    private EventLog() {
    }

    /** Writes events to a {@link PrintWriter}; call {@link #header} first. Not thread-safe. */
    public static final class Writer {
        private final PrintWriter out;
        private final JsonGenerator gen;
        private final StringBuilder sb = new StringBuilder(32);

        public Writer(PrintWriter out) {
            this.out = out;
            this.gen = Json.generator(out);
        }

        public void header(String source) {
            try {
                gen.writeStartObject();
                gen.writeNumberField("format", Json.FORMAT);
                gen.writeStringField("kind", KIND);
                gen.writeStringField("source", source);
                gen.writeEndObject();
                gen.flush();
                out.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(SocketEvent e) {
            try {
                gen.writeStartObject();
                sb.setLength(0);
                gen.writeStringField("time", Times.appendIso(sb, e.time()).toString());
                gen.writeStringField("kind", e.kind().name());
                gen.writeStringField("source", e.source().name());
                if (e.phase() != SocketEvent.Phase.NONE) {
                    gen.writeStringField("phase", e.phase().name());
                }
                if (e.pid() >= 0) {
                    gen.writeNumberField("pid", e.pid());
                }
                if (e.tid() >= 0) {
                    gen.writeNumberField("tid", e.tid());
                }
                hex("process", e.process(), 0);
                hex("endpoint", e.endpoint(), 0);
                hex("handle", e.handle(), -1);
                hex("object", e.object(), 0);
                hex("tcb", e.tcb(), 0);
                if (e.status() != 0) {
                    gen.writeNumberField("status", e.status());
                }
                if (e.bytes() >= 0) {
                    gen.writeNumberField("bytes", e.bytes());
                }
                if (e.value() != 0) {
                    gen.writeNumberField("value", e.value());
                }
                if (e.local() != null) {
                    gen.writeStringField("local", e.local());
                }
                if (e.remote() != null) {
                    gen.writeStringField("remote", e.remote());
                }
                if (e.name() != null) {
                    gen.writeStringField("name", e.name());
                }
                if (e.seq() >= 0) {
                    gen.writeNumberField("seq", e.seq()); // a 32-bit TCP sequence number (SndNxt, SndUna, snd_nxt); QUEUE_SAMPLE: its read's length
                }
                gen.writeEndObject();
                gen.flush();
                out.println();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        private void hex(String name, long v, long unknown) throws IOException {
            if (v != unknown) {
                gen.writeStringField(name, Json.hex(v));
            }
        }
    }

    /** Whether a file looks like an event log (its first line is our header). */
    public static boolean isEventLog(Path path) {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.contains("\"" + KIND + "\"");
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Reads an event log, delivering each event in file order; returns the source named in the header.
     *
     * @throws IOException with "line N: expected ..., found ..." for a malformed line
     */
    public static String read(Path path, Consumer<SocketEvent> sink) throws IOException {
        String source = null;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try (JsonParser p = Json.FACTORY.createParser(line)) {
                    if (n == 1) {
                        source = header(p, n);
                        continue;
                    }
                    sink.accept(event(p, n));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IOException("line " + n + ": expected a JSON object, found " + abbreviate(line)
                            + " (" + e.getOriginalMessage() + ")");
                }
            }
            if (n == 0) {
                throw new IOException("line 1: expected the header {\"format\":1,\"kind\":\"" + KIND + "\"}, found an empty file");
            }
        }
        return source;
    }

    private static String header(JsonParser p, long n) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("line " + n + ": expected the header object, found " + p.currentToken());
        }
        String kind = null;
        String source = null;
        long format = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "kind": kind = p.getValueAsString(); break;
                case "source": source = p.getValueAsString(); break;
                case "format": format = p.getValueAsLong(); break;
                default: p.skipChildren();
            }
        }
        if (!KIND.equals(kind) || format != Json.FORMAT) {
            throw new IOException("line " + n + ": expected the header {\"format\":1,\"kind\":\"" + KIND + "\"}, found kind "
                    + kind + " format " + format);
        }
        return source;
    }

    private static SocketEvent event(JsonParser p, long n) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("line " + n + ": expected an event object, found " + p.currentToken());
        }
        String time = null;
        String kind = null;
        String source = null;
        String phase = null;
        SocketEvent.Builder tmp = null;
        java.util.Map<String, Object> v = new java.util.HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            v.put(f, t == JsonToken.VALUE_NUMBER_INT ? (Object) p.getLongValue() : p.getValueAsString());
        }
        time = (String) v.get("time");
        kind = (String) v.get("kind");
        source = (String) v.get("source");
        phase = (String) v.get("phase");
        if (time == null || kind == null || source == null) {
            throw new IOException("line " + n + ": expected fields time, kind and source, found " + v.keySet());
        }
        try {
            tmp = SocketEvent.at(Times.parseIso(time), SocketEventKind.valueOf(kind), SocketEvent.Source.valueOf(source));
            if (phase != null) {
                tmp.phase(SocketEvent.Phase.valueOf(phase));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IOException("line " + n + ": expected an ISO-8601 time and known kind/source/phase, found time "
                    + time + ", kind " + kind + ", source " + source + ", phase " + phase);
        }
        tmp.thread((int) num(v, "pid", -1, n), (int) num(v, "tid", -1, n)).process(num(v, "process", 0, n))
                .endpoint(num(v, "endpoint", 0, n)).handle(num(v, "handle", -1, n)).object(num(v, "object", 0, n))
                .tcb(num(v, "tcb", 0, n)).status(num(v, "status", 0, n)).bytes(num(v, "bytes", -1, n))
                .value(num(v, "value", 0, n)).local((String) v.get("local")).remote((String) v.get("remote"))
                .name((String) v.get("name")).seq(num(v, "seq", -1, n));
        return tmp.build();
    }

    private static long num(java.util.Map<String, Object> v, String field, long missing, long n) throws IOException {
        Object o = v.get(field);
        if (o == null) {
            return missing;
        }
        if (o instanceof Long) {
            return (Long) o;
        }
        String s = o.toString();
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("line " + n + ": expected a number or hex string for " + field + ", found " + abbreviate(s));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }
}
