package wsclose.cli;

import java.io.File;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc man pages of wsclose and every command with picocli's ManPageGenerator, from the
 * configured tree of {@link Main#commandLine()}. The build runs it (exec-maven-plugin, package phase) into
 * target/man, and asciidoctor's manpage backend renders them as roff into target/man/man1 for the distribution
 * zip; it lives with the tests so picocli-codegen never ships in the jar.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIRECTORY VERSION");
        }
        write(new File(args[0]), args[1]);
    }

    /**
     * @param version the project's version: the build runs this from test classes, where no jar manifest gives
     *                ManifestVersion one, so the pages would say "development build" while --version does not
     */
    static void write(File dir, String version) throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        CommandSpec root = Main.commandLine().getCommandSpec();
        setVersion(root, "wsclose " + version);
        int code = ManPageGenerator.generateManPage(dir, null, new boolean[0], true, root);
        if (code != 0) {
            throw new IOException("ManPageGenerator failed with exit code " + code);
        }
    }

    private static void setVersion(CommandSpec spec, String version) {
        spec.versionProvider(null);
        spec.version(version);
        spec.usageMessage().width(200); // a synopsis wrapped at 80 columns splits placeholders (PID:HANDLE); man re-wraps
        for (CommandLine sub : spec.subcommands().values()) {
            setVersion(sub.getCommandSpec(), version);
        }
    }
}
