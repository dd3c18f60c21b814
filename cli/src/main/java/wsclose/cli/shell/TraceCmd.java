package wsclose.cli.shell;

import picocli.CommandLine.Command;

/**
 * {@code trace [options]}: {@code wsclose trace}, live; Ctrl-C ends the trace and comes back to the shell. With
 * {@code --save FILE.jsonl}, {@code load FILE.jsonl} then asks questions about what was traced.
 */
@Command(name = "trace", description = "Traces running processes live (same options as wsclose trace); --save FILE.jsonl, then load it.")
final class TraceCmd extends Passthrough {
    TraceCmd(Context ctx) {
        super(ctx);
    }
}
