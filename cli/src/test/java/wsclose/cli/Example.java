package wsclose.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a trace holds, read through wsclose itself ({@code analyze --format jsonl}), so the terminal tests can
 * ask for real pids, processes and sockets without copying numbers from the example file.
 */
record Example(List<Sock> sockets, long events, long findings) {
    static final Path FILE = Path.of("..", "examples", "close-bugs.etl");

    record Sock(String endpoint, int pid, String process, List<String> handles) {
    }

    static Example read(Path file) {
        ObjectMapper m = new ObjectMapper();
        List<Sock> sockets = new ArrayList<>();
        long events = -1;
        long findings = 0;
        try {
            for (String line : Cli.run("analyze", "--format", "jsonl", "--all-sockets", file.toString()).out().split("\n")) {
                JsonNode j = m.readTree(line);
                switch (j.get("type").asText()) {
                    case "socket" -> {
                        List<String> handles = new ArrayList<>();
                        j.get("handles").forEach(h -> handles.add(h.get("pid").asInt() + ":" + h.get("handle").asText()));
                        sockets.add(new Sock(j.get("endpoint").asText(), j.get("pid").asInt(), j.get("process").asText(), handles));
                    }
                    case "finding" -> findings++;
                    case "stats" -> events = j.get("events").asLong();
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Example(List.copyOf(sockets), events, findings);
    }

    /** Every pid that owns or holds a socket. */
    Set<String> pids() {
        Set<String> out = new TreeSet<>();
        for (Sock s : sockets) {
            out.add(Integer.toString(s.pid()));
            s.handles().forEach(h -> out.add(h.substring(0, h.indexOf(':'))));
        }
        return out;
    }

    /** A value of {@code values} and the shortest prefix that names only it (for Tab to complete), or null. */
    static String[] uniquePrefix(List<String> values) {
        for (String v : values) {
            for (int n = 1; n < v.length(); n++) {
                String p = v.substring(0, n);
                if (values.stream().filter(x -> x.startsWith(p)).distinct().count() == 1) {
                    return new String[] {v, p};
                }
            }
        }
        return null;
    }

    <T> List<T> each(Function<Sock, List<T>> f) {
        List<T> out = new ArrayList<>();
        sockets.forEach(s -> out.addAll(f.apply(s)));
        return out;
    }

    /** A pid with exactly one socket. */
    int pidWithOneSocket() {
        for (Sock s : sockets) {
            if (sockets.stream().filter(x -> x.pid() == s.pid()).count() == 1
                    && sockets.stream().noneMatch(x -> x != s && x.handles().stream().anyMatch(h -> h.startsWith(s.pid() + ":")))) {
                return s.pid();
            }
        }
        throw new AssertionError("no pid with one socket in the example");
    }
}
