package wsclose.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import wsclose.trace.analysis.Finding;
import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.SocketSummary;

/**
 * {@code --format json}: one document {"format": 1, "source", "sockets", "findings", "notes", "warnings", "stats"}.
 * The sockets array is written while the analysis runs (a streaming generator), the rest at the end.
 */
final class JsonReportWriter implements ReportWriter {
    private final PrintWriter out;
    private final JsonGenerator gen;
    private final boolean allSockets;

    /**
     * @param allSockets list every socket (--all-sockets), not only those with findings
     * @param pretty     indent (--pretty); compact otherwise, a tenth of the size for scripts
     */
    JsonReportWriter(PrintWriter out, boolean allSockets, boolean pretty) {
        this.out = out;
        this.allSockets = allSockets;
        this.gen = Json.generator(out);
        if (pretty) {
            gen.setPrettyPrinter(new DefaultPrettyPrinter());
        }
    }

    @Override
    public boolean wantsAllSockets() {
        return allSockets;
    }

    @Override
    public void begin(List<String> inputs) {
        io(() -> {
            gen.writeStartObject();
            gen.writeNumberField("format", Json.FORMAT);
            gen.writeArrayFieldStart("source"); // always an array: one file, several, or the live source
            for (String i : inputs) {
                gen.writeString(i);
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("sockets");
        });
    }

    @Override
    public void socket(SocketSummary s, List<Finding> findings) {
        if (allSockets) {
            io(() -> ReportJson.socket(gen, s, findings)); // every socket: streamed, in the order they end
        } else {
            held.add(s, findings);
        }
    }

    private final HeldSockets held = new HeldSockets();

    @Override
    public void end(Report r) {
        io(() -> {
            for (HeldSockets.Held h : held.inCreationOrder()) {
                ReportJson.socket(gen, h.socket(), h.findings());
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                ReportJson.finding(gen, f);
            }
            gen.writeEndArray();
            ReportJson.strings(gen, "notes", r.notes());
            ReportJson.strings(gen, "warnings", r.warnings());
            gen.writeFieldName("stats");
            ReportJson.object(gen, g -> ReportJson.statsFields(g, r.stats()));
            gen.writeEndObject();
            gen.flush();
        });
        out.println();
        out.flush();
    }

    interface Io {
        void run() throws IOException;
    }

    static void io(Io r) {
        try {
            r.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
