package wsclose.cli.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import wsclose.cli.ExitCodes;
import wsclose.cli.Main;
import wsclose.cli.UserException;
import wsclose.cli.complete.CommandTree;
import wsclose.cli.render.Table;

/** {@code help [COMMAND]}: the shell's commands, or one command's options. */
@Command(name = "help", description = "Lists the commands, or shows one command's options.")
final class HelpCmd implements Callable<Integer> {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "A command.")
    String command;

    HelpCmd(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.parent().commandLine();
        if (command != null) {
            CommandLine c = root.getSubcommands().get(command);
            if (c == null) {
                throw new UserException(ExitCodes.USAGE, "no command '" + command + "' (try: help)");
            }
            if (Passthrough.NAMES.contains(command)) {
                // the shell runs the wsclose command of that name: show its options
                Main.commandLine().getSubcommands().get(command).usage(ctx.out());
                if (command.equals("events")) {
                    ctx.out().println("In the shell, FILE is the loaded trace.");
                }
            } else {
                c.usage(ctx.out());
            }
            return 0;
        }
        Table t = new Table("COMMAND", "WHAT").shrinkable(1);
        for (CommandTree c : CommandTree.of(root).subcommands()) {
            t.row(c.name(), c.description());
        }
        t.print(ctx.out(), "", ctx.width());
        ctx.out().println();
        ctx.out().println("Tab completes commands, options, their values, and sockets, pids and processes of the loaded trace.");
        ctx.out().println("'help COMMAND' shows a command's options; 'exit' or Ctrl-D leaves.");
        return 0;
    }
}
