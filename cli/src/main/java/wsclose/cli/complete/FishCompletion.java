package wsclose.cli.complete;

/**
 * fish: {@code complete} lines generated from the {@link CommandTree}. picocli has no fish generator. A helper
 * function works out which subcommand the command line is in, so each line applies to one command; file
 * arguments complete to directories and the file kinds they take.
 */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CommandTree root) {
        StringBuilder sb = new StringBuilder();
        sb.append("# wsclose completion for fish, generated from the command model by `wsclose completion fish`;\n")
                .append("# do not edit (completions/README.md says how to regenerate it). Install:\n")
                .append("#   copy this file to ~/.config/fish/completions/wsclose.fish\n\n");
        sb.append("# The command paths wsclose knows, to tell subcommands from argument values.\n");
        sb.append("set -g __wsclose_commands");
        for (CommandTree c : root.all()) {
            if (!c.path().isEmpty()) {
                sb.append(' ').append(quote(c.pathString()));
            }
        }
        sb.append("\n\n");
        sb.append("""
                # True when the subcommand path typed so far is exactly $argv[1] ('' for the top command).
                function __wsclose_using
                    set -l path ''
                    for t in (commandline -opc)[2..-1]
                        set -l next (string trim -- "$path $t")
                        if contains -- $next $__wsclose_commands
                            set path $next
                        end
                    end
                    test "$path" = "$argv[1]"
                end

                # Directories (to walk into), and the files with one of the extensions given (any file when none),
                # whose names start with the current word.
                function __wsclose_files
                    set -l word (commandline -ct)
                    for f in $word*
                        if test -d $f
                            printf '%s/\n' $f
                        else if test (count $argv) -eq 0
                            printf '%s\n' $f
                        else
                            for e in $argv
                                if string match -q -- "*.$e" $f
                                    printf '%s\n' $f
                                    break
                                end
                            end
                        end
                    end
                end

                # No plain file names unless an argument is a file.
                complete -c wsclose -f

                """);
        for (CommandTree c : root.all()) {
            command(sb, c);
        }
        return sb.toString();
    }

    private static void command(StringBuilder sb, CommandTree c) {
        String cond = "-n " + quote("__wsclose_using " + quote(c.pathString()));
        sb.append("# ").append(c.path().isEmpty() ? "wsclose" : "wsclose " + c.pathString()).append('\n');
        for (CommandTree s : c.subcommands()) {
            sb.append("complete -c wsclose ").append(cond).append(" -a ").append(quote(s.name()))
                    .append(" -d ").append(quote(s.description())).append('\n');
        }
        for (CommandTree.Opt o : c.options()) {
            sb.append("complete -c wsclose ").append(cond);
            for (String n : o.names()) {
                sb.append(n.startsWith("--") ? " -l " + n.substring(2) : n.length() == 2 ? " -s " + n.substring(1) : " -o " + n.substring(1));
            }
            if (o.takesValue()) {
                sb.append(" -x");
                if (o.files()) {
                    sb.append(" -a ").append(files(o.extensions()));
                } else if (!o.values().isEmpty()) {
                    sb.append(" -a ").append(quote(String.join(" ", o.values())));
                }
            }
            sb.append(" -d ").append(quote(o.description())).append('\n');
        }
        for (CommandTree.Arg a : c.positionals()) {
            if (a.files()) {
                sb.append("complete -c wsclose ").append(cond).append(" -a ").append(files(a.extensions())).append('\n');
            } else if (!a.values().isEmpty()) {
                sb.append("complete -c wsclose ").append(cond).append(" -a ").append(quote(String.join(" ", a.values())))
                        .append(" -d ").append(quote(a.label())).append('\n');
            }
        }
        sb.append('\n');
    }

    private static String files(java.util.List<String> extensions) {
        return quote("(__wsclose_files" + extensions.stream().map(e -> " " + e).reduce("", String::concat) + ")");
    }

    /** A fish single-quoted string: only backslash and the quote itself are special. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
