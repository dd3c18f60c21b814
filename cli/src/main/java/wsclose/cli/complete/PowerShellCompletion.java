package wsclose.cli.complete;

/**
 * PowerShell: a native argument completer ({@code Register-ArgumentCompleter -Native}) whose script block holds
 * the {@link CommandTree} as hashtables (picocli has no PowerShell generator; picocli issue #922). Hashtables,
 * not nested arrays, because PowerShell unrolls a one-element array inside {@code @()}; their keys avoid the
 * names of Hashtable's own properties (Values, Keys, Count). Text is kept ASCII:
 * Windows PowerShell 5.1 reads a file without a byte-order mark in the ANSI code page.
 */
final class PowerShellCompletion {
    private PowerShellCompletion() {
    }

    static String script(CommandTree root) {
        StringBuilder sb = new StringBuilder();
        sb.append("# wsclose completion for PowerShell, generated from the command model by `wsclose completion powershell`;\n")
                .append("# do not edit (completions/README.md says how to regenerate it). Install: add this line to your\n")
                .append("# profile (notepad $PROFILE), with the path of this file:   . C:\\path\\to\\wsclose.ps1\n\n")
                .append("Register-ArgumentCompleter -Native -CommandName 'wsclose', 'wsclose.cmd' -ScriptBlock {\n")
                .append("    param($wordToComplete, $commandAst, $cursorPosition)\n\n")
                .append("    # Each command path: its subcommands, its options, and what its positional arguments complete to.\n")
                .append("    $tree = @{\n");
        for (CommandTree c : root.all()) {
            node(sb, c);
        }
        sb.append("    }\n");
        sb.append(LOGIC);
        sb.append("}\n");
        return sb.toString();
    }

    private static void node(StringBuilder sb, CommandTree c) {
        sb.append("        ").append(quote(c.pathString())).append(" = @{\n");
        sb.append("            Commands = @(");
        String sep = "\n";
        for (CommandTree s : c.subcommands()) {
            sb.append(sep).append("                @{ Name = ").append(quote(s.name())).append("; Help = ")
                    .append(quote(help(s.description(), s.name()))).append(" }");
            sep = ",\n";
        }
        sb.append(c.subcommands().isEmpty() ? ")\n" : "\n            )\n");
        sb.append("            Options = @(");
        sep = "\n";
        for (CommandTree.Opt o : c.options()) {
            sb.append(sep).append("                @{ Names = @(");
            for (int i = 0; i < o.names().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(o.names().get(i)));
            }
            sb.append("); TakesValue = ").append(o.takesValue() ? "$true" : "$false").append("; Choices = ").append(list(o.values()))
                    .append("; Files = ").append(o.files() ? "$true" : "$false").append("; Extensions = ")
                    .append(list(o.extensions().stream().map(e -> "." + e).toList())).append("; Help = ")
                    .append(quote(help(o.description(), o.longest()))).append(" }");
            sep = ",\n";
        }
        sb.append(c.options().isEmpty() ? ")\n" : "\n            )\n");
        java.util.List<String> values = new java.util.ArrayList<>();
        java.util.List<String> extensions = new java.util.ArrayList<>();
        boolean files = false;
        for (CommandTree.Arg a : c.positionals()) {
            values.addAll(a.values());
            files |= a.files();
            a.extensions().forEach(e -> extensions.add("." + e));
        }
        sb.append("            Choices = ").append(list(values)).append('\n');
        sb.append("            Files = ").append(files ? "$true" : "$false").append('\n');
        sb.append("            Extensions = ").append(list(extensions)).append('\n');
        sb.append("        }\n");
    }

    private static String list(java.util.List<String> values) {
        StringBuilder sb = new StringBuilder("@(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return sb.append(')').toString();
    }

    /** Tooltips must not be empty (CompletionResult rejects an empty one). */
    private static String help(String description, String fallback) {
        return description == null || description.isBlank() ? fallback : description;
    }

    /** A single-quoted PowerShell string (a quote is doubled), ASCII only. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            if (ch == '\'') {
                sb.append("''");
            } else if (ch == '\u2026') {
                sb.append("...");
            } else if (ch == '\u2014' || ch == '\u2013') {
                sb.append('-');
            } else {
                sb.append(ch < 0x80 ? ch : '?');
            }
        }
        return sb.append('\'').toString();
    }

    /** The completer itself: find the command path typed so far, then complete an option value, an option or an argument. */
    private static final String LOGIC = """

                if ($null -eq $wordToComplete) {
                    $wordToComplete = ''
                }
                # The words before the one being completed; the first is the command name.
                $words = @()
                foreach ($element in $commandAst.CommandElements) {
                    if ($element.Extent.EndOffset -lt $cursorPosition) {
                        $words += $element.Extent.Text
                    }
                }
                $path = ''
                for ($i = 1; $i -lt $words.Count; $i++) {
                    $next = if ($path -eq '') { $words[$i] } else { $path + ' ' + $words[$i] }
                    if ($tree.ContainsKey($next)) {
                        $path = $next
                    }
                }
                $node = $tree[$path]
                $previous = if ($words.Count -gt 1) { $words[$words.Count - 1] } else { '' }

                $valueOf = $null
                foreach ($option in $node.Options) {
                    if ($option.TakesValue -and ($option.Names -contains $previous)) {
                        $valueOf = $option
                    }
                }
                $values = @()
                $files = $false
                $extensions = @()
                if ($null -ne $valueOf) {
                    $values = $valueOf.Choices
                    $files = $valueOf.Files
                    $extensions = $valueOf.Extensions
                } elseif ($wordToComplete.StartsWith('-')) {
                    foreach ($option in $node.Options) {
                        foreach ($name in $option.Names) {
                            if ($name.StartsWith($wordToComplete)) {
                                [System.Management.Automation.CompletionResult]::new($name, $name, 'ParameterName', $option.Help)
                            }
                        }
                    }
                    return
                } else {
                    foreach ($command in $node.Commands) {
                        if ($command.Name.StartsWith($wordToComplete)) {
                            [System.Management.Automation.CompletionResult]::new($command.Name, $command.Name, 'Command', $command.Help)
                        }
                    }
                    $values = $node.Choices
                    $files = $node.Files
                    $extensions = $node.Extensions
                }
                foreach ($value in $values) {
                    if ($value.StartsWith($wordToComplete)) {
                        [System.Management.Automation.CompletionResult]::new($value, $value, 'ParameterValue', $value)
                    }
                }
                if ($files) {
                    # Directories (to walk into) and the files with one of the extensions (any file when none),
                    # relative to the directory typed so far.
                    $parent = ''
                    $leaf = $wordToComplete.Trim('''', '"')
                    $cut = $leaf.LastIndexOfAny([char[]]@('/', '\\'))
                    if ($cut -ge 0) {
                        $parent = $leaf.Substring(0, $cut + 1)
                        $leaf = $leaf.Substring($cut + 1)
                    }
                    $where = if ($parent -eq '') { '.' } else { $parent }
                    Get-ChildItem -Path $where -Force -ErrorAction SilentlyContinue | Where-Object {
                        $_.Name.StartsWith($leaf, [System.StringComparison]::OrdinalIgnoreCase) -and
                            ($_.PSIsContainer -or $extensions.Count -eq 0 -or ($extensions -contains $_.Extension.ToLowerInvariant()))
                    } | ForEach-Object {
                        $shown = $parent + $_.Name
                        $type = 'ProviderItem'
                        if ($_.PSIsContainer) {
                            $shown += [System.IO.Path]::DirectorySeparatorChar
                            $type = 'ProviderContainer'
                        }
                        $text = $shown
                        if ($text -match '[\\s''`$&(){}@;,]') {
                            $text = "'" + ($text -replace "'", "''") + "'"
                        }
                        [System.Management.Automation.CompletionResult]::new($text, $shown, $type, $shown)
                    }
                }
            """;
}
