package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.etw.Bytes;

/**
 * The corruption property for memory (issue: sizes that are trusted for memory): many processor streams, each a
 * copy of a data buffer whose size fields lie in a way of its own, compressed or not, with the logfile header's
 * BufferSize lying too; read in a JVM with a 128 MB heap. For every variant the read must end without an Error
 * (an OutOfMemoryError ends the child JVM with a stack trace), never report more events than the file holds, and
 * read every event when the lies only claim more than is there (FilledBytes past the data, a huge BufferSize in
 * the logfile header), since those are only noted. Variants come from a fixed seed; a failure names its number.
 */
class LyingSizesPropertyTest {
    static final int VARIANTS = 240;
    static final long SEED = 20261203L;
    /** etl-format.md §A.2: WMI_BUFFER_HEADER.BufferSize at 0x00 (BufferHeader). */
    static final int OFF_BUFFER_SIZE = 0x00;

    @TempDir
    Path dir;

    /** One variant's file and what a correct read of it gives. */
    record Variant(byte[] bytes, long allEvents, boolean onlyOverclaims) {
    }

    static Variant variant(int index) {
        Random r = new Random(SEED * 31 + index);
        boolean compressed = r.nextBoolean();
        byte[] b = LyingSizesTest.intact(compressed);
        List<Integer> s = LyingSizesTest.starts(b);
        int data = s.get(1);
        int len = Bytes.i32(b, data);
        int perBuffer = LyingSizesTest.events(b, data);
        int total = LyingSizesTest.events(b, -1);
        int[] header = {LyingSizesTest.BUFFER, 64 << 20, Integer.MAX_VALUE, -1, 1};
        Bytes.put32(b, LyingSizesTest.OFF_LOGFILE_BUFFER_SIZE, header[r.nextInt(header.length)]);
        int streams = 1 + r.nextInt(160);
        int realFilled = Bytes.i32(b, data + LyingSizesTest.OFF_FILLED);
        boolean overOnly = r.nextBoolean(); // half the variants only overclaim, so that their exact count is checked
        boolean overclaims = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, b.length);
        for (int p = 1; p < streams; p++) {
            byte[] copy = java.util.Arrays.copyOfRange(b, data, data + len);
            Bytes.put16(copy, LyingSizesTest.OFF_PROCESSOR, p);
            int[] over = {0, 1, 2, 5};
            switch (overOnly ? over[r.nextInt(over.length)] : r.nextInt(6)) {
                case 0 -> Bytes.put32(copy, LyingSizesTest.OFF_FILLED, 64 << 20);
                case 1 -> Bytes.put32(copy, LyingSizesTest.OFF_FILLED, -1);
                case 2 -> Bytes.put32(copy, LyingSizesTest.OFF_FILLED, realFilled + 1 + r.nextInt(1 << 20));
                case 3 -> {
                    Bytes.put32(copy, LyingSizesTest.OFF_FILLED, r.nextInt(realFilled));
                    overclaims = false; // claims less than is there: fewer events is right
                }
                case 4 -> {
                    Bytes.put32(copy, OFF_BUFFER_SIZE, r.nextBoolean() ? 64 << 20 : r.nextInt(len));
                    overclaims = false; // the framing itself lies: the reader resynchronises and may lose buffers
                }
                default -> { } // an honest copy
            }
            out.write(copy, 0, copy.length);
        }
        return new Variant(out.toByteArray(), total + (long) perBuffer * (streams - 1), overclaims);
    }

    /** Run in the small-heap JVM: reads every variant and prints "variant N events M" for each. */
    public static void main(String[] args) throws IOException {
        Path d = Path.of(args[0]);
        for (int i = 0; i < VARIANTS; i++) {
            Path p = Files.write(d.resolve("v" + i + ".etl"), variant(i).bytes());
            long[] n = {0};
            try (EtlFile f = EtlFile.open(p)) {
                f.forEach(e -> n[0]++);
            } catch (EtlFormatException e) {
                // a file that cannot be read at all is a one-line error, not a crash: count what was read
            }
            Files.delete(p);
            System.out.println("variant " + i + " events " + n[0]);
        }
    }

    @Test
    void everyVariantReadsWithinASmallHeap() throws Exception {
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), LyingSizesPropertyTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("Error").doesNotContain("Exception");
        Matcher m = Pattern.compile("variant (\\d+) events (\\d+)").matcher(out);
        int seen = 0;
        int overclaiming = 0;
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            long events = Long.parseLong(m.group(2));
            Variant v = variant(i);
            assertThat(events).as("variant %d", i).isLessThanOrEqualTo(v.allEvents());
            if (v.onlyOverclaims()) {
                assertThat(events).as("variant %d: every event of a file whose sizes only claim too much", i)
                        .isEqualTo(v.allEvents());
                overclaiming++;
            }
            seen++;
        }
        assertThat(seen).isEqualTo(VARIANTS);
        assertThat(overclaiming).as("variants that only overclaim").isGreaterThan(VARIANTS / 4);
    }
}
