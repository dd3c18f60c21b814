package wsclose.cli.complete;

import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * bash and zsh: picocli's {@link AutoComplete} script (zsh runs it through bashcompinit), with file arguments
 * narrowed to directories and trace files (.etl, .jsonl) instead of every file. The narrowing replaces the two
 * {@code compgen -f} lines picocli 4.7 writes; if a picocli update changes them, generation fails loudly here
 * instead of shipping a script that offers every file.
 */
final class BashCompletion {
    private static final String POSITIONAL_FILES = "positionals=$( compgen -f -- \"${curr_word}\" ) # files";
    private static final String OPTION_FILES = "COMPREPLY=( $( compgen -f -- \"${curr_word}\" ) ) # files";
    private static final String COMPLETE_LINE = "complete -F _complete_wsclose -o default wsclose wsclose.sh wsclose.bash";

    private BashCompletion() {
    }

    static String bash(CommandLine root) {
        return script(root, "bash");
    }

    static String zsh(CommandLine root) {
        return script(root, "zsh");
    }

    private static String script(CommandLine root, String shell) {
        String s = AutoComplete.bash("wsclose", root).replace("\r\n", "\n");
        if (!s.contains(COMPLETE_LINE)) {
            throw new IllegalStateException("picocli's bash script has changed: no '" + COMPLETE_LINE + "' line");
        }
        boolean files = s.contains(POSITIONAL_FILES) || s.contains(OPTION_FILES);
        s = s.replace(POSITIONAL_FILES, "positionals=$( _wsclose_trace_files \"${curr_word}\" ) # directories and trace files")
                .replace(OPTION_FILES, "COMPREPLY=( $( _wsclose_trace_files \"${curr_word}\" ) ) # directories and trace files");
        if (files && (s.contains("compgen -f") || !s.contains("_wsclose_trace_files \"${curr_word}\""))) {
            throw new IllegalStateException("picocli's file completion lines have changed; update BashCompletion");
        }
        s = s.replace(COMPLETE_LINE, helper() + "\n" + COMPLETE_LINE + " wsclose.cmd");
        int body = s.startsWith("#!") ? s.indexOf('\n') + 1 : 0;
        return s.substring(0, body) + header(shell) + s.substring(body);
    }

    private static String header(String shell) {
        String install = shell.equals("zsh")
                ? "#   source this file from ~/.zshrc (it loads bashcompinit), e.g.  source ~/.wsclose/completions/_wsclose\n"
                : "#   source this file from ~/.bashrc, or copy it to ~/.local/share/bash-completion/completions/wsclose\n";
        return "# wsclose completion for " + shell + ", generated from the command model by `wsclose completion " + shell
                + "`;\n# do not edit (completions/README.md says how to regenerate it). Install:\n" + install + "#\n";
    }

    /** Directories (to walk into) and .etl/.jsonl files starting with the word; names with spaces stay whole (IFS). */
    private static String helper() {
        StringBuilder ext = new StringBuilder();
        for (String e : CommandTree.FILE_EXTENSIONS) {
            ext.append(ext.length() == 0 ? "" : "|").append("*.").append(e);
        }
        return "# _wsclose_trace_files prints the directories and trace files (" + String.join(", ", CommandTree.FILE_EXTENSIONS)
                + ") whose names start with $1, one per line.\n"
                + "function _wsclose_trace_files() {\n"
                + "  local IFS=$'\\n'\n"
                + "  local f\n"
                + "  for f in $(compgen -f -- \"$1\"); do\n"
                + "    if [[ -d \"$f\" ]]; then\n"
                + "      printf '%s\\n' \"$f\"\n"
                + "    else\n"
                + "      case \"$f\" in\n"
                + "        " + ext + ") printf '%s\\n' \"$f\" ;;\n"
                + "      esac\n"
                + "    fi\n"
                + "  done\n"
                + "}\n";
    }
}
