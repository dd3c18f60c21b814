package wsclose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wsclose.cli.shell.Repl;

/**
 * The shell answers from memory exactly what the wsclose commands answer from the file: the same bytes for
 * analyze (every format, with filters), timeline and summary. Driven through a dumb terminal on streams, the
 * way a script would pipe commands in.
 */
class ShellAnswersTest {
    static final String FILE = Example.FILE.toString();
    static final String PROMPT = "wsclose [close-bugs.etl]> ";

    private AutoCloseable facts;

    @BeforeEach
    void notATerminal() {
        facts = Terminal.override(Terminal.Facts.of(false, 0));
    }

    @AfterEach
    void restore() throws Exception {
        facts.close();
    }

    static Stream<String> lines() {
        Example x = Example.read(Example.FILE);
        Example.Sock first = x.sockets().get(0);
        Example.Sock shared = x.sockets().stream().filter(s -> s.handles().size() > 1).findFirst().orElse(first);
        Example.Sock last = x.sockets().get(x.sockets().size() - 1);
        List<String> out = new ArrayList<>();
        for (String format : List.of("table", "json", "jsonl", "csv")) {
            for (String filter : List.of("", "--pid " + first.pid(), "--process " + last.process(), "--port 443",
                    "--socket " + last.handles().get(0), "--socket " + first.endpoint(), "--since 20ms --until 25ms",
                    "--pid " + shared.handles().get(shared.handles().size() - 1).replaceAll(":.*", ""))) {
                out.add(("analyze --format " + format + " " + filter).trim());
            }
        }
        out.add("analyze --format json --all-sockets --pretty --since 20ms");
        out.add("analyze --format jsonl --all-sockets --pid " + first.pid());
        out.add("analyze --time relative");
        out.add("analyze --time local --pid " + last.pid());
        out.add("timeline --socket " + first.endpoint());
        out.add("timeline --socket " + last.handles().get(0) + " --time relative");
        out.add("timeline --socket " + shared.handles().get(0) + " --format json");
        out.add("summary");
        out.add("summary --format json");
        out.add("summary --time relative");
        out.add("events --limit 5 --time relative");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void sameAnswerAsTheCommand(String line) throws Exception {
        List<String> args = new ArrayList<>(List.of(line.split(" ")));
        args.add(FILE);
        StringWriter cli = new StringWriter();
        Main.run(new PrintWriter(cli), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
        assertThat(shell(line)).isEqualTo(cli.toString());
    }

    /** What the shell prints for one line, between its prompts. */
    static String shell(String line) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] keys = (line + "\nexit\n").getBytes(StandardCharsets.UTF_8);
        try (DumbTerminal t = new DumbTerminal("test", "dumb", new ByteArrayInputStream(keys), bytes, StandardCharsets.UTF_8)) {
            new Repl(t, null, false, false).run(List.of(Path.of(FILE)));
        }
        String all = bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        int from = all.indexOf(PROMPT) + PROMPT.length();
        int to = all.lastIndexOf(PROMPT);
        assertThat(all.substring(0, from)).startsWith("loaded " + FILE + ": ").contains(" events, ", " sockets, ", " findings");
        return all.substring(from, to);
    }
}
