package wsclose.cli.complete;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What completion needs from a picocli command tree: commands, their options, which options take a value, the
 * values a value may have (enum constants, finding kinds) and which arguments are files of which kinds. Every completion
 * script, and the interactive shell, is generated from this one walk of the {@link CommandSpec} model, so
 * they all follow the commands as they change. Hidden commands and options are left out.
 *
 * @param path the command names below the top command ("" path for the top command itself)
 */
public record CommandTree(List<String> path, String name, String description, List<Opt> options, List<Arg> positionals,
                          List<CommandTree> subcommands) {

    /** A file name extension named in a description or label: "(.etl)", ".jsonl", "FILE.jsonl". */
    private static final Pattern EXTENSION = Pattern.compile("(?<![\\w/.])\\w*\\.([a-z][a-z0-9]{1,4})\\b");

    /**
     * @param takesValue the option needs a value (not a flag)
     * @param values     the values it may have, or empty (free text)
     * @param files      its value is a file
     * @param extensions the file extensions it takes ("etl", "jsonl"), named in its description; empty: any file
     */
    public record Opt(List<String> names, String description, boolean takesValue, List<String> values, boolean files,
                      List<String> extensions) {
        public String longest() {
            return names.get(names.size() - 1);
        }
    }

    /** A positional parameter: its fixed values, or files (with the extensions it takes; empty: any file). */
    public record Arg(String label, String description, List<String> values, boolean files, List<String> extensions) {
    }

    public static CommandTree of(CommandLine root) {
        return of(root.getCommandSpec(), List.of());
    }

    private static CommandTree of(CommandSpec spec, List<String> path) {
        List<Opt> opts = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            List<String> names = new ArrayList<>(List.of(o.names()));
            names.sort((a, b) -> Integer.compare(a.length(), b.length()));
            boolean flag = o.arity().max() == 0;
            opts.add(new Opt(List.copyOf(names), describe(o), !flag, flag ? List.of() : values(o), !flag && isFile(o), extensions(o)));
        }
        List<Arg> args = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                args.add(new Arg(p.paramLabel(), describe(p), values(p), isFile(p), extensions(p)));
            }
        }
        List<CommandTree> subs = new ArrayList<>();
        for (var e : spec.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) {
                continue; // aliases are listed under their command's name only
            }
            List<String> p = new ArrayList<>(path);
            p.add(sub.name());
            subs.add(of(sub, List.copyOf(p)));
        }
        return new CommandTree(path, spec.name(), describe(spec), List.copyOf(opts), List.copyOf(args), List.copyOf(subs));
    }

    /** Every command of the tree, this one first, depth first. */
    public List<CommandTree> all() {
        List<CommandTree> out = new ArrayList<>();
        out.add(this);
        for (CommandTree s : subcommands) {
            out.addAll(s.all());
        }
        return out;
    }

    /** The path as one string of names separated by spaces ("" for the top command). */
    public String pathString() {
        return String.join(" ", path);
    }

    private static List<String> values(ArgSpec a) {
        List<String> out = new ArrayList<>();
        if (a.completionCandidates() != null) {
            a.completionCandidates().forEach(out::add);
        }
        return List.copyOf(out);
    }

    /** The extensions a file argument names in its label and description, so completion offers only those files. */
    private static List<String> extensions(ArgSpec a) {
        if (!isFile(a)) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = EXTENSION.matcher(a.paramLabel() + " " + String.join(" ", a.description()));
        while (m.find()) {
            out.add(m.group(1));
        }
        return List.copyOf(out);
    }

    private static boolean isFile(ArgSpec a) {
        if (a.type() == Path.class || a.type() == File.class) {
            return true;
        }
        for (Class<?> c : a.auxiliaryTypes()) {
            if (c == Path.class || c == File.class) {
                return true;
            }
        }
        return false;
    }

    /** A command's description, shortened to its first sentence before any list (what a completion menu shows). */
    private static String describe(CommandSpec spec) {
        String d = clean(String.join(" ", spec.usageMessage().description()));
        int end = d.indexOf(". ");
        d = end > 0 ? d.substring(0, end + 1) : d;
        int colon = d.indexOf(": ");
        return colon > 0 ? d.substring(0, colon) : d;
    }

    /** The first line of the description with picocli's variables filled in, as --help would show it. */
    private static String describe(ArgSpec a) {
        String[] d = a.description();
        if (d.length == 0) {
            return "";
        }
        String s = d[0];
        if (s.contains("${COMPLETION-CANDIDATES}")) {
            s = s.replace("${COMPLETION-CANDIDATES}", String.join(", ", values(a)));
        }
        if (s.contains("${DEFAULT-VALUE}")) {
            s = s.replace("${DEFAULT-VALUE}", String.valueOf(a.defaultValue()));
        }
        return clean(s);
    }

    private static String clean(String s) {
        return s.replace("%n", " ").replaceAll("\\s+", " ").trim();
    }
}
