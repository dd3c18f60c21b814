package wsclose.trace.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wsclose.trace.testing.Corpus;

/** Files that are not ETL, or are cut short, get clear errors or a read that says it is incomplete. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void emptyFileIsRejectedAtOffsetZero() throws IOException {
        Path p = write("empty.etl", new byte[0]);
        assertThatThrownBy(() -> EtlFile.open(p)).isInstanceOf(EtlFormatException.class)
                .hasMessageContaining("byte offset 0").hasMessageContaining("empty file")
                .satisfies(e -> assertThat(((EtlFormatException) e).offset()).isZero());
    }

    @Test
    void corpusEmptyFileIsRejected() {
        assertThatThrownBy(() -> EtlFile.open(Corpus.file("Siemens-Healthineers__ETWAnalyzer/EmptyETL.etl")))
                .isInstanceOf(EtlFormatException.class).hasMessageContaining("expected a 72-byte WMI buffer header");
    }

    @Test
    void textFileIsNotAnEtl() throws IOException {
        Path p = write("notes.etl", "Hello, this is a plain text file and certainly not a trace.\n".repeat(20)
                .getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> EtlFile.open(p)).isInstanceOf(EtlFormatException.class)
                .hasMessageContaining("byte offset 0x48").hasMessageContaining("found marker").hasMessageContaining("not an ETL file");
    }

    @Test
    void pngImageIsNotAnEtl() throws IOException {
        byte[] png = new byte[400];
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        System.arraycopy(sig, 0, png, 0, sig.length);
        new Random(7).nextBytes(java.util.Arrays.copyOfRange(png, 16, 400));
        Path p = write("picture.etl", png);
        assertThatThrownBy(() -> EtlFile.open(p)).isInstanceOf(EtlFormatException.class).hasMessageContaining("not an ETL file");
    }

    @Test
    void randomBytesAreNotAnEtl() throws IOException {
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[r.nextInt(4096)];
            r.nextBytes(b);
            Path p = write("random" + i + ".etl", b);
            assertThatThrownBy(() -> EtlFile.open(p)).isInstanceOf(EtlFormatException.class).hasMessageContaining("byte offset");
        }
    }

    @Test
    void truncatedFileYieldsEveryWholeRecordBeforeTheCutAndSaysIncomplete() throws IOException {
        byte[] full = Files.readAllBytes(Corpus.file("airbus-cert__etl-parser/ShutdownPerfDiagLogger.etl"));
        List<String> all = fingerprints(Corpus.file("airbus-cert__etl-parser/ShutdownPerfDiagLogger.etl"));
        int cut = 65536 * 20 + 30000; // inside buffer 20
        Path p = write("cut.etl", java.util.Arrays.copyOf(full, cut));
        try (EtlFile f = EtlFile.open(p)) {
            List<String> got = new ArrayList<>();
            f.forEachInFileOrder(ev -> got.add(ev.bufferFileOffset() + "/" + ev.recordOffset() + "/" + ev.timestamp()));
            assertThat(f.isIncomplete()).isTrue();
            assertThat(f.warnings()).anySatisfy(w -> assertThat(w).contains("truncated").contains("buffer 20"));
            assertThat(all).containsAll(got);
            long expected = all.stream().filter(s -> {
                String[] x = s.split("/");
                return Long.parseLong(x[0]) + Long.parseLong(x[1]) + 16 <= cut;
            }).count();
            assertThat((long) got.size()).isBetween(expected - 1, expected);
        }
    }

    @Test
    void cutAtABufferBoundaryIsReportedThroughBuffersWritten() throws IOException {
        byte[] full = Files.readAllBytes(Corpus.file("airbus-cert__etl-parser/AMSITrace.etl"));
        Path p = write("boundary.etl", java.util.Arrays.copyOf(full, 65536 * 3));
        try (EtlFile f = EtlFile.open(p)) {
            f.summary();
            assertThat(f.isIncomplete()).isTrue();
            assertThat(f.warnings()).anySatisfy(w -> assertThat(w).contains("6 buffers were written, the file holds 3"));
        }
    }

    static List<String> fingerprints(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        try (EtlFile f = EtlFile.open(p)) {
            f.forEachInFileOrder(ev -> out.add(ev.bufferFileOffset() + "/" + ev.recordOffset() + "/" + ev.timestamp()));
        }
        return out;
    }
}
