package wsclose.cli.shell;

import picocli.CommandLine.Command;

/** {@code handles [options]}: {@code wsclose handles}, a snapshot of live processes' sockets (no trace needed). */
@Command(name = "handles", description = "Snapshot of the sockets of running processes (same options as wsclose handles).")
final class HandlesCmd extends Passthrough {
    HandlesCmd(Context ctx) {
        super(ctx);
    }
}
