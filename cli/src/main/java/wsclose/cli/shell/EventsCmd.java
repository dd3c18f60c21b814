package wsclose.cli.shell;

import picocli.CommandLine.Command;

/** {@code events [options]}: {@code wsclose events} on the loaded files; the one command that reads them again. */
@Command(name = "events", description = "Raw events of the loaded .etl files (same options as wsclose events); reads the files again.")
final class EventsCmd extends Passthrough {
    EventsCmd(Context ctx) {
        super(ctx);
    }
}
