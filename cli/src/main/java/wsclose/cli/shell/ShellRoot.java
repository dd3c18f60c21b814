package wsclose.cli.shell;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import wsclose.cli.ExplainCommand;

/**
 * The commands of the interactive shell. They take the same options as the wsclose commands of the same
 * name, less the files (the loaded trace is the input) and what only makes sense once per process
 * (--fail-on, --stats); events, handles and trace run the wsclose command itself ({@link Passthrough}).
 */
@Command(name = "", subcommands = {LoadCmd.class, SummaryCmd.class, AnalyzeCmd.class, TimelineCmd.class, SocketsCmd.class,
    EventsCmd.class, HandlesCmd.class, TraceCmd.class, ExplainCommand.class, HelpCmd.class, ExitCmd.class})
final class ShellRoot implements Runnable {
    @Override
    public void run() {
        // an empty line does nothing
    }

    /** The command tree for one line; commands get the shared {@link Context} through their constructor. */
    static CommandLine commandLine(Context ctx) {
        CommandLine cl = new CommandLine(new ShellRoot(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getDeclaredConstructor(Context.class).newInstance(ctx);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(ctx.out());
        cl.setErr(ctx.out());
        return cl;
    }
}
