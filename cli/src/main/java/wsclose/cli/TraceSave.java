package wsclose.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import wsclose.cli.render.EventLog;

/** --save: the event log, header first (EventLog), written on the trace's thread under the analysis lock. */
final class TraceSave implements AutoCloseable {
    private final PrintWriter pw;
    private final EventLog.Writer writer;

    private TraceSave(PrintWriter pw, EventLog.Writer writer) {
        this.pw = pw;
        this.writer = writer;
    }

    static TraceSave open(Path file, String source) {
        if (file == null) {
            return new TraceSave(null, null);
        }
        try {
            PrintWriter pw = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            EventLog.Writer w = new EventLog.Writer(pw);
            w.header(source);
            return new TraceSave(pw, w);
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, file + ": cannot write: " + e.getMessage(), e);
        }
    }

    void write(wsclose.trace.model.SocketEvent e) {
        if (writer != null) {
            writer.write(e);
        }
    }

    @Override
    public void close() {
        if (pw != null) {
            pw.close();
        }
    }
}
