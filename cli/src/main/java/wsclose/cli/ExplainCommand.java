package wsclose.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.render.Colors;
import wsclose.cli.render.ExplainRenderer;
import wsclose.trace.analysis.Explanations;
import wsclose.trace.analysis.Kinds;

/** {@code wsclose explain [KIND]}: what a finding kind means and how to fix it; without KIND, the list of kinds. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains a finding kind: the Winsock rule behind it, how it shows in a trace, how to fix the code.",
            "Names the documents that state the rule. Without KIND, lists the kinds."})
public final class ExplainCommand implements Callable<Integer> {
    enum Format { text, json }

    /** The finding kinds, for completion and --help. */
    static final class KindNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Kinds.ALL.iterator();
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(arity = "0..1", paramLabel = "KIND", completionCandidates = KindNames.class,
            description = "A finding kind: ${COMPLETION-CANDIDATES}.")
    String kind;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExplainRenderer r = new ExplainRenderer(out, new Colors(global.color(Terminal.isTerminal())), Terminal.width());
        if (kind == null) {
            if (format == Format.json) {
                r.json(Explanations.all());
            } else {
                r.list(Explanations.all());
            }
        } else {
            Explanations.Explanation e = Explanations.of(kind.trim().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                    new UserException(ExitCodes.USAGE, "unknown finding kind '" + kind + "': use one of "
                            + String.join(", ", Kinds.ALL)));
            if (format == Format.json) {
                r.json(e);
            } else {
                r.print(e);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
