package wsclose.cli.shell;

import picocli.CommandLine.Command;

/** {@code exit} (or {@code quit}, or Ctrl-D): leaves the shell. */
@Command(name = "exit", aliases = "quit", description = "Leaves the shell (Ctrl-D does too).")
final class ExitCmd implements Runnable {
    private final Context ctx;

    ExitCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        ctx.quit();
    }
}
