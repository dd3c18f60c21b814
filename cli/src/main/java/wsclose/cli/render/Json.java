package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The one configured Jackson mapper. Documents are built as ordered maps so field order is stable;
 * pointers and handles are hex strings, never numbers (JSON numbers lose precision past 2^53).
 */
public final class Json {
    public static final int FORMAT = 1;
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final ObjectMapper COMPACT = new ObjectMapper()
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    public static final JsonFactory FACTORY = COMPACT.getFactory();

    private Json() {
    }

    public static void pretty(PrintWriter out, Object document) {
        try {
            MAPPER.writeValue(out, document);
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One document on one line (JSON Lines). */
    public static void line(PrintWriter out, Object document) {
        try {
            COMPACT.writeValue(out, document);
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonGenerator generator(PrintWriter out) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
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
