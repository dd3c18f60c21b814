package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import wsclose.trace.etl.XpressTestCompressor.Encoder;

/**
 * {@link Xpress} against [MS-XCA] §2.3/§2.4 (plain LZ77) and its §3.1 example vectors, round trips
 * through {@link XpressTestCompressor}, and hostile input (compressed ETL buffers come from files of
 * unknown origin, etl-format.md §A.2.1).
 */
class XpressTest {
    private static final byte SENTINEL = (byte) 0xA5;
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    // ---------------------------------------------------------------- MS-XCA §3.1 example vectors

    /** §3.1: "abcdefghijklmnopqrstuvwxyz" is 26 literals; the 6 unused flag bits are ones. */
    @Test
    void specExampleAlphabet() throws Exception {
        byte[] stream = hex("3f 00 00 00 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 75 76 77 78 79 7a");
        byte[] expected = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

        assertThat(decode(stream, expected.length)).isEqualTo(expected);
        // The spec's stream ends after the last literal: asking for more just returns what there is.
        assertThat(Xpress.decompress(stream, 0, stream.length, new byte[100], 0, 100)).isEqualTo(26);
        assertThat(XpressTestCompressor.compress(expected)).isEqualTo(stream);
    }

    /** §3.1: 300 bytes of "abc" repeated are abc[match: distance = 3, length = 297] (nibble, byte, u16). */
    @Test
    void specExampleAbcRepeated() throws Exception {
        byte[] stream = hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01");
        byte[] expected = "abc".repeat(100).getBytes(StandardCharsets.US_ASCII);

        assertThat(decode(stream, 300)).isEqualTo(expected);
        assertThat(Xpress.decompress(stream, 0, stream.length, new byte[1000], 0, 1000)).isEqualTo(300);
        assertThat(XpressTestCompressor.compress(expected)).isEqualTo(stream);
    }

    // ---------------------------------------------------------------- hand-made streams

    @Test
    void literalsOnly() throws Exception {
        // flags 0,0,0 then ones = 0x1FFFFFFF
        assertThat(decode(hex("ff ff ff 1f 78 79 7a"), 3)).isEqualTo(ascii("xyz"));
    }

    @Test
    void emptyStreams() throws Exception {
        assertThat(Xpress.decompress(new byte[0], 0, 0, new byte[10], 0, 10)).isZero();
        // Fewer than 4 bytes cannot hold a flag word: the input has ended, nothing is produced.
        assertThat(Xpress.decompress(hex("00 00 00"), 0, 3, new byte[10], 0, 10)).isZero();
        assertThat(Xpress.decompress(hex("ff ff ff ff"), 0, 4, new byte[10], 0, 10)).isZero();
        assertThat(Xpress.decompress(hex("00 00 00 00 61"), 0, 5, new byte[0], 0, 0)).isZero();
    }

    /** §2.4.4's own example: "aaaaaa" = [literal "a"][match: offset=1, length=5]. */
    @Test
    void overlappingMatchDistanceOne() throws Exception {
        // flags 0,1 then ones = 0x7FFFFFFF; token (1-1)<<3 | (5-3) = 0x0002
        assertThat(decode(hex("ff ff ff 7f 61 02 00"), 6)).isEqualTo(ascii("aaaaaa"));
    }

    @Test
    void overlappingMatchLongerThanItsDistance() throws Exception {
        // "abc" then distance 3, length 9: token 2<<3 | 6 = 0x16; flags 0,0,0,1,ones = 0x1FFFFFFF
        assertThat(decode(hex("ff ff ff 1f 61 62 63 16 00"), 12)).isEqualTo(ascii("abcabcabcabc"));
        // "ab" then distance 2, length 7: token 1<<3 | 4 = 0x0C; flags 0,0,1,ones = 0x3FFFFFFF
        assertThat(decode(hex("ff ff ff 3f 61 62 0c 00"), 9)).isEqualTo(ascii("ababababa"));
    }

    @Test
    void nonOverlappingMatch() throws Exception {
        // "abcdef" then distance 6, length 4: token 5<<3 | 1 = 0x29; flags 0 x6, 1, ones = 0x03FFFFFF
        assertThat(decode(hex("ff ff ff 03 61 62 63 64 65 66 29 00"), 10)).isEqualTo(ascii("abcdefabcd"));
    }

    @Test
    void lengthInHalfByte() throws Exception {
        // length 10: length3 = 7, half byte 0 (10 = 0 + 7 + 3)
        assertThat(decode(hex("ff ff ff 7f 61 07 00 00"), 11)).isEqualTo(run('a', 11));
        // length 24: half byte 14, the largest that needs no extra byte
        assertThat(decode(hex("ff ff ff 7f 61 07 00 0e"), 25)).isEqualTo(run('a', 25));
    }

    /** Two long matches share one byte: low half for the first, high half for the second (§2.3). */
    @Test
    void halfByteSharedBetweenTwoMatches() throws Exception {
        // "a", match len 12 (half 2), match len 20 (half 10) -> one byte 0xA2 after the first token.
        // flags 0,1,1, ones = 0x7FFFFFFF
        byte[] stream = hex("ff ff ff 7f 61 07 00 a2 07 00");
        assertThat(decode(stream, 33)).isEqualTo(run('a', 33));
        assertThat(new Encoder().literal('a').match(1, 12).match(1, 20).finish()).isEqualTo(stream);

        // A third long match takes a fresh byte again (low half).
        byte[] three = hex("ff ff ff 7f 61 07 00 a2 07 00 07 00 05");
        assertThat(decode(three, 48)).isEqualTo(run('a', 48));
    }

    @Test
    void lengthInExtraByte() throws Exception {
        // length 25: half byte 15 then byte 0 (25 = 0 + 15 + 7 + 3)
        assertThat(decode(hex("ff ff ff 7f 61 07 00 0f 00"), 26)).isEqualTo(run('a', 26));
        // length 279: byte 254, the largest before the u16 form
        assertThat(decode(hex("ff ff ff 7f 61 07 00 0f fe"), 280)).isEqualTo(run('a', 280));
    }

    @Test
    void lengthInU16() throws Exception {
        // length 280: half 15, byte 255, u16 = 280 - 3 = 277 = 0x0115
        assertThat(decode(hex("ff ff ff 7f 61 07 00 0f ff 15 01"), 281)).isEqualTo(run('a', 281));
        // length 65538: u16 0xFFFF, the largest before the u32 form
        assertThat(decode(hex("ff ff ff 7f 61 07 00 0f ff ff ff"), 65539)).isEqualTo(run('a', 65539));
    }

    @Test
    void lengthInU32() throws Exception {
        // length 70000: u16 0 then u32 = 69997 = 0x0001116D
        byte[] stream = hex("ff ff ff 7f 61 07 00 0f ff 00 00 6d 11 01 00");
        assertThat(decode(stream, 70001)).isEqualTo(run('a', 70001));
        assertThat(new Encoder().literal('a').match(1, 70000).finish()).isEqualTo(stream);
    }

    @Test
    void encoderWritesEachLengthFormAtItsBoundaries() throws Exception {
        assertThat(new Encoder().literal('a').match(1, 9).finish()).isEqualTo(hex("ff ff ff 7f 61 06 00"));
        assertThat(new Encoder().literal('a').match(1, 10).finish()).isEqualTo(hex("ff ff ff 7f 61 07 00 00"));
        assertThat(new Encoder().literal('a').match(1, 24).finish()).isEqualTo(hex("ff ff ff 7f 61 07 00 0e"));
        assertThat(new Encoder().literal('a').match(1, 25).finish()).isEqualTo(hex("ff ff ff 7f 61 07 00 0f 00"));
        assertThat(new Encoder().literal('a').match(1, 279).finish()).isEqualTo(hex("ff ff ff 7f 61 07 00 0f fe"));
        assertThat(new Encoder().literal('a').match(1, 280).finish())
                .isEqualTo(hex("ff ff ff 7f 61 07 00 0f ff 15 01"));
        assertThat(new Encoder().literal('a').match(1, 65538).finish())
                .isEqualTo(hex("ff ff ff 7f 61 07 00 0f ff ff ff"));
        assertThat(new Encoder().literal('a').match(1, 65539).finish())
                .isEqualTo(hex("ff ff ff 7f 61 07 00 0f ff 00 00 00 00 01 00"));
        // Largest distance: 8192 -> 13 bits of ones.
        assertThat(new Encoder().match(8192, 3).finish()).isEqualTo(hex("ff ff ff ff f8 ff"));
    }

    @Test
    void largestDistance() throws Exception {
        byte[] data = new byte[8192 + 5];
        new Random(1).nextBytes(data);
        System.arraycopy(data, 0, data, 8192, 5);
        Encoder enc = new Encoder();
        for (int i = 0; i < 8192; i++) {
            enc.literal(data[i]);
        }
        assertThat(decode(enc.match(8192, 5).finish(), data.length)).isEqualTo(data);
    }

    @Test
    void stopsExactlyAtOutLenEvenInsideAMatchOrLiteralRun() throws Exception {
        byte[] stream = hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01"); // 300 bytes of "abc"
        for (int outLen : new int[] {0, 1, 2, 3, 4, 5, 150, 299}) {
            byte[] out = filled(outLen + 20);
            int n = Xpress.decompress(stream, 0, stream.length, out, 10, outLen);
            assertThat(n).isEqualTo(outLen);
            assertThat(Arrays.copyOfRange(out, 10, 10 + outLen))
                    .isEqualTo(Arrays.copyOf("abc".repeat(100).getBytes(StandardCharsets.US_ASCII), outLen));
            assertSentinels(out, 10, outLen);
        }
    }

    @Test
    void honoursInputAndOutputOffsets() throws Exception {
        byte[] stream = hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01");
        byte[] in = new byte[stream.length + 9];
        Arrays.fill(in, (byte) 0xEE);
        System.arraycopy(stream, 0, in, 7, stream.length);
        byte[] out = filled(400);
        // Bytes after the stream (0xEE...) are outside inLen and must not be read as more items.
        assertThat(Xpress.decompress(in, 7, stream.length, out, 33, 320)).isEqualTo(300);
        assertThat(Arrays.copyOfRange(out, 33, 333)).isEqualTo(ascii("abc".repeat(100)));
        assertSentinels(out, 33, 300);
    }

    @Test
    void hugeU32LengthIsClippedToTheOutput() throws Exception {
        // length field 0xFFFFFFFF (4 GiB + 2): only the requested 1000 bytes are written.
        byte[] out = filled(1010);
        int n = Xpress.decompress(hex("ff ff ff 7f 61 07 00 0f ff 00 00 ff ff ff ff"), 0, 15, out, 5, 1000);
        assertThat(n).isEqualTo(1000);
        assertThat(Arrays.copyOfRange(out, 5, 1005)).isEqualTo(run('a', 1000));
        assertSentinels(out, 5, 1000);
    }

    @Test
    void trailingPartialFlagWordEndsTheInput() throws Exception {
        // 32 literals fill the first flag word; 2 stray bytes cannot be a flag word.
        Encoder enc = new Encoder();
        for (int i = 0; i < 32; i++) {
            enc.literal('a' + (i % 26));
        }
        byte[] full = enc.finish();
        byte[] stream = Arrays.copyOf(full, 4 + 32 + 2);
        assertThat(Xpress.decompress(stream, 0, stream.length, new byte[64], 0, 64)).isEqualTo(32);
    }

    // ---------------------------------------------------------------- malformed streams

    @Test
    void matchBeforeStartOfOutput() {
        // First item is a match (flag 1) with distance 1, but nothing has been produced yet.
        assertThatThrownBy(() -> decode(hex("ff ff ff ff 00 00"), 10))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 4 refers 1 bytes back but only 0 bytes were produced")
                .satisfies(e -> assertThat(((XpressException) e).inputOffset()).isEqualTo(4));
        // "abc" then distance 4: token 3<<3 = 0x18
        assertThatThrownBy(() -> decode(hex("ff ff ff 1f 61 62 63 18 00"), 10))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 7 refers 4 bytes back but only 3 bytes were produced");
    }

    @Test
    void offsetsInMessagesAreRelativeToInOff() {
        byte[] in = new byte[100];
        System.arraycopy(hex("ff ff ff ff 00 00"), 0, in, 50, 6);
        assertThatThrownBy(() -> Xpress.decompress(in, 50, 6, new byte[10], 0, 10))
                .isInstanceOf(XpressException.class)
                .hasMessageStartingWith("match at input offset 4 ");
    }

    @Test
    void truncatedMatchToken() {
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07"), 10))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 5 needs a 2-byte token but only 1 byte of input remains");
    }

    @Test
    void truncatedLengthFields() {
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07 00"), 100))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 5 needs a length byte at input offset 7 (1 byte)"
                        + " but only 0 bytes of input remain");
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07 00 0f"), 100))
                .isInstanceOf(XpressException.class)
                .hasMessageContaining("needs a length byte at input offset 8");
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07 00 0f ff 15"), 1000))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 5 needs a 16-bit length at input offset 9 (2 bytes)"
                        + " but only 1 byte of input remains");
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07 00 0f ff 00 00 6d 11 01"), 100_000))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 5 needs a 32-bit length at input offset 11 (4 bytes)"
                        + " but only 3 bytes of input remain");
    }

    @Test
    void extendedLengthBelowItsMinimum() {
        // The u16/u32 forms hold length - 3 and are only defined from 22 up (§2.4.4 returns an error).
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07 00 0f ff 15 00"), 100))
                .isInstanceOf(XpressException.class)
                .hasMessage("match at input offset 5 has an extended length field of 21, expected at least 22");
        assertThatThrownBy(() -> decode(hex("ff ff ff 7f 61 07 00 0f ff 00 00 00 00 00 00"), 100))
                .isInstanceOf(XpressException.class)
                .hasMessageContaining("extended length field of 0");
    }

    // ---------------------------------------------------------------- round trips

    @Property(tries = 300)
    void roundTripRandomBytes(@ForAll @Size(max = 5000) byte[] data) throws Exception {
        assertRoundTrip(data);
    }

    @Property(tries = 300)
    void roundTripRepetitiveData(@ForAll Random random, @ForAll @IntRange(min = 1, max = 6) int alphabet,
                                 @ForAll @IntRange(max = 20_000) int size) throws Exception {
        // Few symbols and copied phrases: mostly matches at many distances and lengths.
        byte[] data = new byte[size];
        int i = 0;
        while (i < size) {
            if (i > 0 && random.nextInt(3) > 0) {
                int dist = 1 + random.nextInt(Math.min(i, 9000)); // sometimes beyond the 8 KiB window
                int len = Math.min(size - i, 1 + random.nextInt(random.nextBoolean() ? 12 : 400));
                for (int k = 0; k < len; k++, i++) {
                    data[i] = data[i - dist];
                }
            } else {
                data[i++] = (byte) ('a' + random.nextInt(alphabet));
            }
        }
        assertRoundTrip(data);
    }

    /** Runs long enough for every length form: half byte (>= 10), byte (>= 25), u16 (>= 280), u32 (> 65538). */
    @Property(tries = 60)
    void roundTripLongRuns(@ForAll Random random) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int runs = 1 + random.nextInt(12);
        for (int r = 0; r < runs; r++) {
            int len = switch (random.nextInt(5)) {
                case 0 -> 1 + random.nextInt(9);
                case 1 -> 10 + random.nextInt(15);
                case 2 -> 25 + random.nextInt(255);
                case 3 -> 280 + random.nextInt(65_539 - 280);
                default -> 65_539 + random.nextInt(100_000);
            };
            byte b = (byte) random.nextInt(256);
            for (int k = 0; k < len; k++) {
                bytes.write(b);
            }
            if (random.nextBoolean()) {
                bytes.write(random.nextInt(256)); // a separator literal
            }
        }
        assertRoundTrip(bytes.toByteArray());
    }

    /** Sizes at the 32-item flag-word boundaries, where a new flag word starts (or is left empty). */
    @Property(tries = 100)
    void roundTripLiteralsAtFlagWordBoundaries(@ForAll @IntRange(min = 0, max = 8) int words,
                                               @ForAll @IntRange(min = -1, max = 1) int delta,
                                               @ForAll Random random) throws Exception {
        int size = Math.max(0, words * 32 + delta);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) i; // no 3-byte repeats within 256 bytes: all literals for the small sizes
        }
        if (size > 256) {
            random.nextBytes(data);
        }
        assertRoundTrip(data);
    }

    /**
     * Random item sequences written with {@link Encoder} (so the stream has exactly the chosen items,
     * including item counts at multiples of 32 and alternating shared half bytes), checked against a
     * byte-at-a-time model of §2.4.
     */
    @Property(tries = 300)
    void decodesArbitraryItemSequences(@ForAll Random random,
                                       @ForAll @IntRange(min = 0, max = 5) int words,
                                       @ForAll @IntRange(min = -2, max = 2) int delta) throws Exception {
        int items = Math.max(0, words * 32 + delta);
        Encoder enc = new Encoder();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        for (int i = 0; i < items; i++) {
            int have = model.size();
            if (have == 0 || random.nextInt(3) == 0) {
                int b = random.nextInt(256);
                enc.literal(b);
                model.write(b);
            } else {
                int dist = 1 + random.nextInt(Math.min(have, XpressTestCompressor.MAX_DISTANCE));
                int len = switch (random.nextInt(6)) {
                    case 0, 1 -> 3 + random.nextInt(7);
                    case 2 -> 10 + random.nextInt(15);
                    case 3 -> 25 + random.nextInt(255);
                    case 4 -> 280 + random.nextInt(2000);
                    default -> random.nextInt(20) == 0 ? 65_539 + random.nextInt(5000) : 3;
                };
                enc.match(dist, len);
                byte[] grown = Arrays.copyOf(model.toByteArray(), have + len);
                for (int k = have; k < have + len; k++) {
                    grown[k] = grown[k - dist]; // the spec's byte-by-byte copy
                }
                model.write(grown, have, len);
            }
        }
        byte[] expected = model.toByteArray();
        byte[] stream = enc.finish();
        assertThat(decode(stream, expected.length)).isEqualTo(expected);
        // Asking for more than the stream holds returns exactly what it holds.
        byte[] out = filled(expected.length + 50);
        assertThat(Xpress.decompress(stream, 0, stream.length, out, 0, expected.length + 40))
                .isEqualTo(expected.length);
    }

    @Property(tries = 200)
    void partialOutputIsAPrefix(@ForAll @Size(max = 3000) byte[] seed, @ForAll @IntRange(max = 6000) int outLen)
            throws Exception {
        byte[] data = new byte[seed.length * 2];
        System.arraycopy(seed, 0, data, 0, seed.length);
        System.arraycopy(seed, 0, data, seed.length, seed.length); // a second copy: long matches
        byte[] stream = XpressTestCompressor.compress(data);
        int want = Math.min(outLen, data.length);
        byte[] out = filled(want + 16);
        assertThat(Xpress.decompress(stream, 0, stream.length, out, 8, want)).isEqualTo(want);
        assertThat(Arrays.copyOfRange(out, 8, 8 + want)).isEqualTo(Arrays.copyOf(data, want));
        assertSentinels(out, 8, want);
    }

    // ---------------------------------------------------------------- hostile input

    @Property(tries = 2000)
    void garbageNeverEscapesOrOverruns(@ForAll @Size(max = 600) byte[] garbage,
                                       @ForAll @IntRange(max = 5000) int outLen) {
        assertHostileSafe(garbage, outLen);
    }

    @Property(tries = 500)
    void truncatedStreamsStopSafely(@ForAll @Size(min = 1, max = 4000) byte[] seed, @ForAll Random random)
            throws Exception {
        byte[] data = repetitive(seed, random);
        byte[] stream = XpressTestCompressor.compress(data);
        int cut = random.nextInt(stream.length + 1);
        byte[] out = filled(data.length + 8);
        try {
            int n = Xpress.decompress(stream, 0, cut, out, 4, data.length);
            // Whatever comes back is a correct prefix: a cut never produces wrong bytes.
            assertThat(n).isBetween(0, data.length);
            assertThat(Arrays.copyOfRange(out, 4, 4 + n)).isEqualTo(Arrays.copyOf(data, n));
        } catch (XpressException e) {
            assertThat(e.inputOffset()).isBetween(0, cut);
        }
        assertSentinels(out, 4, data.length);
    }

    @Property(tries = 1000)
    void bitFlippedStreamsNeverEscapeOrOverrun(@ForAll @Size(min = 1, max = 3000) byte[] seed,
                                               @ForAll Random random) {
        byte[] stream = XpressTestCompressor.compress(repetitive(seed, random));
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
            int bit = random.nextInt(stream.length * 8);
            stream[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        assertHostileSafe(stream, random.nextInt(3 * seed.length + 100));
    }

    @Example
    void allOnesIsRejectedNotLooped() {
        // Every flag says "match" and every token is distance 8192 with an escaped length.
        byte[] ones = new byte[1000];
        Arrays.fill(ones, (byte) 0xFF);
        assertThatThrownBy(() -> decode(ones, 100)).isInstanceOf(XpressException.class);
    }

    @Example
    void allZerosIsLiterals() throws Exception {
        // Zero flags are literals: 32 zero bytes per zero flag word, 36 input bytes per 32 output bytes.
        byte[] zeros = new byte[36 * 10];
        assertThat(Xpress.decompress(zeros, 0, zeros.length, new byte[1000], 0, 1000)).isEqualTo(320);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertRoundTrip(byte[] data) throws XpressException {
        byte[] stream = XpressTestCompressor.compress(data);
        // Embedded at offsets in bigger arrays with sentinels around the output range.
        byte[] in = new byte[stream.length + 6];
        Arrays.fill(in, (byte) 0xFF); // would read as match flags/tokens if inLen were ignored
        System.arraycopy(stream, 0, in, 3, stream.length);
        byte[] out = filled(data.length + 10);
        assertThat(Xpress.decompress(in, 3, stream.length, out, 5, data.length)).isEqualTo(data.length);
        assertThat(Arrays.copyOfRange(out, 5, 5 + data.length)).isEqualTo(data);
        assertSentinels(out, 5, data.length);
    }

    private static void assertHostileSafe(byte[] stream, int outLen) {
        byte[] out = filled(outLen + 8);
        try {
            int n = Xpress.decompress(stream, 0, stream.length, out, 4, outLen);
            assertThat(n).isBetween(0, outLen);
        } catch (XpressException e) {
            assertThat(e.inputOffset()).isBetween(0, stream.length);
            assertThat(e.getMessage()).contains("input offset");
        }
        // Anything but XpressException propagates and fails the property.
        assertSentinels(out, 4, outLen);
    }

    /** Seed bytes with copied phrases, so compressed streams contain matches of every length form. */
    private static byte[] repetitive(byte[] seed, Random random) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(seed, 0, seed.length);
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            int from = random.nextInt(seed.length);
            b.write(seed, from, seed.length - from);
            int runLen = random.nextInt(random.nextBoolean() ? 400 : 70_000);
            byte v = (byte) random.nextInt(256);
            for (int k = 0; k < runLen; k++) {
                b.write(v);
            }
        }
        return b.toByteArray();
    }

    private static byte[] decode(byte[] stream, int outLen) throws XpressException {
        byte[] out = filled(outLen + 8);
        int n = Xpress.decompress(stream, 0, stream.length, out, 4, outLen);
        assertSentinels(out, 4, outLen);
        return Arrays.copyOfRange(out, 4, 4 + n);
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, SENTINEL);
        return b;
    }

    private static void assertSentinels(byte[] out, int outOff, int outLen) {
        for (int i = 0; i < outOff; i++) {
            assertThat(out[i]).as("byte %d before the output range", i).isEqualTo(SENTINEL);
        }
        for (int i = outOff + outLen; i < out.length; i++) {
            assertThat(out[i]).as("byte %d after the output range", i).isEqualTo(SENTINEL);
        }
    }

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] run(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
