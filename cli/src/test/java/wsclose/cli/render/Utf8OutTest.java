package wsclose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * stdout's UTF-8 buffer must write what Main's OutputStreamWriter wrote (surrogates included, split across writes),
 * keep the order of text and bytes written through its two faces, and give the JSON generator the same text.
 */
class Utf8OutTest {
    private static final char[] ALPHABET = {'a', 'Z', ' ', '\n', '0', '\u00b5', '\u00e9', '\u07ff', '\u0800', '\u20ac',
        '\uffff', '\ud83d', '\ude00', '\ud800', '\udfff', '\u007f', '\u0080'};

    /** Random text from the alphabet: ASCII, two- and three-byte characters, paired and lone surrogates. */
    private static String text(Random r, int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(r.nextInt(3) == 0 ? ALPHABET[r.nextInt(ALPHABET.length)] : (char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    @Property(tries = 300)
    void textEncodesAsOutputStreamWriter(@ForAll long seed, @ForAll @IntRange(min = 16, max = 64) int bufferSize,
                                         @ForAll @IntRange(min = 2, max = 40) int stagedChars) throws IOException {
        Random r = new Random(seed);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        OutputStreamWriter reference = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
        Utf8Out out = new Utf8Out(actual, bufferSize, stagedChars); // small: stagings end inside surrogate pairs
        PrintWriter printer = out.printer();
        for (int piece = 0; piece < 20; piece++) {
            String s = text(r, r.nextInt(90));
            switch (r.nextInt(4)) {
                case 0 -> {
                    reference.write(s);
                    printer.write(s);
                }
                case 1 -> {
                    reference.write(s.toCharArray(), 0, s.length());
                    printer.write(s.toCharArray(), 0, s.length());
                }
                case 2 -> {
                    for (char c : s.toCharArray()) {
                        reference.write(c);
                        printer.write(c);
                    }
                }
                default -> {
                    StringBuilder sb = new StringBuilder(s); // a PrintWriter's append of a builder
                    reference.append(sb);
                    printer.append(sb);
                }
            }
            if (r.nextInt(5) == 0) {
                reference.flush();
                printer.flush();
            }
        }
        reference.close();
        printer.close();
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void textAndBytesKeepTheirOrder() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(sink, 16, 3);
        PrintWriter p = out.printer();
        p.print("head \u00b5 ");
        out.bytes.write("[1,2]".getBytes(StandardCharsets.UTF_8));
        p.println();
        out.bytes.write('x');
        out.bytes.write("y".repeat(40).getBytes(StandardCharsets.UTF_8)); // longer than the buffer: written through
        p.print("tail");
        p.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("head \u00b5 [1,2]" + System.lineSeparator() + "x" + "y".repeat(40) + "tail");
    }

    @Test
    void aHighSurrogateBeforeBytesIsAQuestionMark() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(sink, 64);
        out.chars.write("a\ud83d");
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("a"); // waits for its low half, as a writer does
        out.bytes.write('b');
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("a?b");
    }

    @Test
    void jsonOnTheByteFaceEqualsJsonOnAWriter() throws IOException {
        Random r = new Random(11);
        StringWriter chars = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter onWriter = new PrintWriter(chars);
        PrintWriter onStdout = new Utf8Out(bytes, 1 << 10).printer();
        assertThat(Utf8Out.of(onWriter)).isNull();
        assertThat(Utf8Out.of(onStdout)).isNotNull();
        for (PrintWriter w : new PrintWriter[] {onWriter, onStdout}) {
            r.setSeed(11);
            JsonGenerator g = Json.generator(w);
            g.writeStartArray();
            for (int i = 0; i < 2_000; i++) {
                // strings a trace gives are well formed (UTF-16 decoding replaces lone surrogates): pairs only
                g.writeString(text(r, r.nextInt(40)).replaceAll("[\ud800-\udfff]", "\ud83d\ude00"));
                g.writeNumber(r.nextLong());
            }
            g.writeEndArray();
            g.flush();
            w.println();
            w.flush();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(chars.toString());
    }
}
