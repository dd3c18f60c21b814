package wsclose.cli;

import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc man pages of wsclose and every command with picocli's ManPageGenerator, from the
 * configured tree of {@link Main#commandLine()}. The build runs it (exec-maven-plugin, package phase) into
 * target/man for the distribution zip; it lives with the tests so picocli-codegen never ships in the jar.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIRECTORY");
        }
        write(new File(args[0]));
    }

    static void write(File dir) throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        int code = ManPageGenerator.generateManPage(dir, null, new boolean[0], true, Main.commandLine().getCommandSpec());
        if (code != 0) {
            throw new IOException("ManPageGenerator failed with exit code " + code);
        }
    }
}
