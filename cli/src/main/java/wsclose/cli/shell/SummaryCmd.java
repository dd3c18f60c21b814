package wsclose.cli.shell;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import wsclose.cli.ExitCodes;
import wsclose.cli.UserException;
import wsclose.cli.render.Json;
import wsclose.cli.render.SummaryRenderer;
import wsclose.cli.render.TimeFormat;
import wsclose.trace.etl.EtlSummary;

/** {@code summary}: header facts, providers and event counts of the loaded files, as {@code wsclose summary} prints them. */
@Command(name = "summary", description = "Header facts, providers and event counts of the loaded .etl files.")
final class SummaryCmd implements Callable<Integer> {
    enum Format { table, json }

    private final Context ctx;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--time", paramLabel = "CLOCK", defaultValue = "utc", description = "Times: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TimeFormat.Mode time;

    SummaryCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<EtlSummary> all = ctx.session().summaries();
        if (all.isEmpty()) {
            throw new UserException(ExitCodes.USAGE, "an event log has no file summary; summary describes .etl files");
        }
        if (format == Format.json) {
            List<Map<String, Object>> docs = all.stream().map(SummaryRenderer::toJson).toList();
            Json.pretty(ctx.out(), SummaryRenderer.document(docs));
            return 0;
        }
        boolean first = true;
        for (EtlSummary s : all) {
            if (!first) {
                ctx.out().println();
            }
            SummaryRenderer.table(ctx.out(), s, ctx.width(), new TimeFormat(time).origin(s.header().startTime()));
            first = false;
        }
        return 0;
    }
}
