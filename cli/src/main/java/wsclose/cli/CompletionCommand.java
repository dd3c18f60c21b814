package wsclose.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import wsclose.cli.complete.Shell;

/**
 * {@code wsclose completion bash|zsh|fish|powershell}: prints a completion script generated from the command
 * tree of {@link Main#commandLine()}, so it always matches the commands of this build.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a shell completion script for wsclose (commands, options, option values, trace files).",
            "bash: source it from ~/.bashrc. zsh: source it from ~/.zshrc. fish: save it as"
                + " ~/.config/fish/completions/wsclose.fish. PowerShell: save it and dot-source it from $PROFILE."
                + " The same scripts are in completions/ of the distribution."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // print, not println: the script carries its own \n line ends on every OS
        out.print(shell.script(Main.commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
