package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The configured Jackson factory and mappers. Documents are built as ordered maps so field order is stable;
 * pointers and handles are hex strings, never numbers (JSON numbers lose precision past 2^53). The streaming
 * writers (analyze, events) need only the factory; the mappers, and the databind classes behind them, are made
 * when a command first builds a document (about 40 ms of a one-shot run's start: issue "analyze at the reader's
 * speed").
 */
public final class Json {
    public static final int FORMAT = 1;
    /*
     * Surrogate pairs as one 4-byte UTF-8 character, as the character generator's writer encodes them, not as two
     * \\u escapes: the byte generator (stdout) and the character one (tests, the shell) write the same text.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** Made on first use (class initialization is lazy and thread-safe). */
    private static final class Mappers {
        static final ObjectMapper PRETTY = new ObjectMapper(FACTORY).enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper COMPACT = new ObjectMapper(FACTORY);
    }

    private Json() {
    }

    /** The mapper that indents: the codec of generators that write whole objects. */
    public static ObjectMapper mapper() {
        return Mappers.PRETTY;
    }

    public static void pretty(PrintWriter out, Object document) {
        try {
            Mappers.PRETTY.writeValue(out, document);
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document on one line (JSON Lines). */
    public static void line(PrintWriter out, Object document) {
        try {
            Mappers.COMPACT.writeValue(out, document);
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonGenerator generator(PrintWriter out) {
        try {
            // on stdout, straight into its UTF-8 buffer: no second encoding by a Writer (Utf8Out)
            Utf8Out bytes = Utf8Out.of(out);
            JsonGenerator g = bytes != null ? FACTORY.createGenerator(bytes.bytes, JsonEncoding.UTF8) : FACTORY.createGenerator(out);
            g.setRootValueSeparator(null); // one document per line, with no space before the next one
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
