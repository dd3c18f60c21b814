package wsclose.trace.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared ETL corpus beside the checkout ({@code ../shared/corpus/etl}) and its ground truth
 * ({@code expected/}, read as TSV). The location comes from the {@code wsclose.shared} system
 * property that the build sets, falling back to {@code ../shared} from the working directory's root.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Path shared() {
        String prop = System.getProperty("wsclose.shared");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared corpus not found: set -Dwsclose.shared or put shared/ beside the checkout");
    }

    public static Path etlDir() {
        return shared().resolve("corpus/etl");
    }

    public static Path expected() {
        return etlDir().resolve("expected");
    }

    public static Path file(String relative) {
        return etlDir().resolve(relative);
    }

    /** Rows of a TSV file with a header line, as ordered column → value maps. */
    public static List<Map<String, String>> tsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] head = lines.get(0).split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < head.length; i++) {
                    row.put(head[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** files.tsv rows. */
    public static List<Map<String, String>> files() {
        return tsv(expected().resolve("files.tsv"));
    }

    /** Non-empty corpus files (relative paths), in files.tsv order. */
    public static List<String> nonEmptyFiles() {
        List<String> out = new ArrayList<>();
        for (Map<String, String> r : files()) {
            if (!"0".equals(r.get("records"))) {
                out.add(r.get("path"));
            }
        }
        return out;
    }

    public static Path firstEvents(String relative) {
        return expected().resolve("first-events").resolve(relative.replace("/", "__") + ".tsv");
    }
}
