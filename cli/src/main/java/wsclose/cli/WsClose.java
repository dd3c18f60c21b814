package wsclose.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command and the exit-code list shown by --help; {@link Main#commandLine} adds the subcommands. */
@Command(name = "wsclose", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = "Finds socket close problems in Winsock traces (.etl) and live processes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran; nothing at or above --fail-on",
            "1:findings at or above --fail-on (default: error)",
            "2:usage error",
            "3:unreadable input, missing privilege or unsupported platform; analyze: nothing checked, or damaged buffers skipped",
            "N:trace -- COMMAND: COMMAND's own failing status when no finding reached --fail-on"})
public final class WsClose implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: give one of analyze, timeline, summary, events,"
                + " handles, trace, explain, shell, completion");
    }
}
