package wsclose.cli.complete;

import picocli.CommandLine;

/** The shells {@code wsclose completion} writes scripts for, and the file each script is installed as. */
public enum Shell {
    bash("wsclose.bash"), zsh("_wsclose"), fish("wsclose.fish"), powershell("wsclose.ps1");

    private final String fileName;

    Shell(String fileName) {
        this.fileName = fileName;
    }

    /** The name of the checked-in script in completions/. */
    public String fileName() {
        return fileName;
    }

    /** The script for the command tree, with \n line ends on every OS (scripts with \r\n fail in odd ways). */
    public String script(CommandLine root) {
        String s = switch (this) {
            case bash -> BashCompletion.bash(root);
            case zsh -> BashCompletion.zsh(root);
            case fish -> FishCompletion.script(CommandTree.of(root));
            case powershell -> PowerShellCompletion.script(CommandTree.of(root));
        };
        return s.replace("\r\n", "\n");
    }
}
