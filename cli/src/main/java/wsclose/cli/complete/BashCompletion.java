package wsclose.cli.complete;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * bash and zsh: picocli's {@link AutoComplete} script (zsh runs it through bashcompinit), with each file
 * argument narrowed to directories and the file kinds it takes ({@code .etl}, {@code .jsonl}) instead of every
 * file. picocli 4.7 writes one {@code compgen -f} line per file argument, inside the function of its command
 * and, for an option, under the option's {@code case} label; those lines are replaced with a call that names
 * the extensions. If a picocli update changes that shape, generation fails here instead of shipping a script
 * that offers every file.
 */
final class BashCompletion {
    private static final String COMPLETE_LINE = "complete -F _complete_wsclose -o default wsclose wsclose.sh wsclose.bash";
    private static final Pattern FUNCTION = Pattern.compile("^function (_picocli_wsclose\\w*)\\(\\) \\{$");
    private static final Pattern CASE = Pattern.compile("^\\s+'(-[^']+)'\\)$");
    private static final Pattern FILES = Pattern.compile("^(\\s+)(positionals=\\$\\( |COMPREPLY=\\( \\$\\( )compgen -f -- \"\\$\\{curr_word}\" \\)( \\))? # files$");

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
        s = withoutGenericHelp(s);
        s = narrowFiles(s, CommandTree.of(root));
        s = s.replace(COMPLETE_LINE, HELPER + "\n" + COMPLETE_LINE + " wsclose.cmd");
        int body = s.startsWith("#!") ? s.indexOf('\n') + 1 : 0;
        return s.substring(0, body) + header(shell) + s.substring(body);
    }

    /**
     * Drops picocli's comment block (its install steps name "*_completion" files in $YOUR_APP_HOME/bin and
     * ~/.bash_profile, which are not how this script ships; our header says how to install it). The block runs
     * from "# wsclose Bash Completion" to the first line that is not a comment.
     */
    static String withoutGenericHelp(String script) {
        int start = script.indexOf("#\n# wsclose Bash Completion\n");
        if (start < 0) {
            throw new IllegalStateException("picocli's bash script has changed: no '# wsclose Bash Completion' block");
        }
        int end = start;
        while (end < script.length() && script.startsWith("#", end)) {
            int nl = script.indexOf('\n', end);
            end = nl < 0 ? script.length() : nl + 1;
        }
        // the block's reference list is gone: drop the pointers to it ("(see [3])")
        return (script.substring(0, start) + script.substring(end)).replaceAll(" \\(see \\[\\d+\\]\\)", "");
    }

    /** Replaces each {@code compgen -f} with {@code _wsclose_files WORD EXT...} for the argument it completes. */
    private static String narrowFiles(String script, CommandTree root) {
        Map<String, CommandTree> byFunction = new HashMap<>();
        for (CommandTree c : root.all()) {
            byFunction.put("_picocli_wsclose" + (c.path().isEmpty() ? "" : "_" + String.join("_", c.path())).replace('-', '_'), c);
        }
        StringBuilder out = new StringBuilder();
        CommandTree command = null;
        String option = null;
        for (String line : script.split("\n", -1)) {
            Matcher f = FUNCTION.matcher(line);
            Matcher c = CASE.matcher(line);
            Matcher files = FILES.matcher(line);
            if (f.matches()) {
                command = byFunction.get(f.group(1));
                option = null;
            } else if (c.matches()) {
                option = c.group(1);
            } else if (line.strip().equals("esac")) {
                option = null;
            } else if (files.matches()) {
                if (command == null) {
                    throw new IllegalStateException("picocli's bash script has changed: a file completion outside a command");
                }
                List<String> ext = option == null ? positionalExtensions(command) : optionExtensions(command, option);
                line = files.group(1) + files.group(2) + "_wsclose_files \"${curr_word}\"" + words(ext) + " )"
                        + (files.group(3) == null ? "" : files.group(3)) + " # directories and " + (ext.isEmpty() ? "files"
                        : String.join(", ", ext.stream().map(e -> "." + e).toList()) + " files");
            }
            if (line.contains("compgen -f")) {
                throw new IllegalStateException("picocli's file completion lines have changed; update BashCompletion: " + line);
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static List<String> positionalExtensions(CommandTree c) {
        return c.positionals().stream().filter(CommandTree.Arg::files).findFirst().map(CommandTree.Arg::extensions).orElse(List.of());
    }

    private static List<String> optionExtensions(CommandTree c, String option) {
        return c.options().stream().filter(o -> o.names().contains(option)).findFirst().map(CommandTree.Opt::extensions)
                .orElseThrow(() -> new IllegalStateException("no option " + option + " in " + c.name()));
    }

    private static String words(List<String> ext) {
        StringBuilder sb = new StringBuilder();
        ext.forEach(e -> sb.append(' ').append(e));
        return sb.toString();
    }

    private static String header(String shell) {
        String install = shell.equals("zsh")
                ? "#   source this file from ~/.zshrc (it loads bashcompinit), e.g.  source ~/.wsclose/completions/_wsclose\n"
                : "#   source this file from ~/.bashrc, or copy it to ~/.local/share/bash-completion/completions/wsclose\n";
        return "# wsclose completion for " + shell + ", generated from the command model by `wsclose completion " + shell
                + "`;\n# do not edit (completions/README.md says how to regenerate it). Install:\n" + install + "#\n";
    }

    /** Directories (to walk into) and the files with one of the extensions (all files when none is given). */
    private static final String HELPER = """
            # _wsclose_files WORD [EXTENSION...] prints the directories, and the files with one of the extensions
            # (every file when none is given), whose names start with WORD, one per line.
            function _wsclose_files() {
              local IFS=$'\\n'
              local word="$1"
              shift
              local f e
              for f in $(compgen -f -- "$word"); do
                if [[ -d "$f" || $# -eq 0 ]]; then
                  printf '%s\\n' "$f"
                  continue
                fi
                for e in "$@"; do
                  if [[ "$f" == *."$e" ]]; then
                    printf '%s\\n' "$f"
                    break
                  fi
                done
              done
            }
            """;
}
