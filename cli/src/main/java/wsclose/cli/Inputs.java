package wsclose.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.EtlFormatException;

/** Opens input files with errors that name the file, the byte offset and what was wrong. */
public final class Inputs {
    private Inputs() {
    }

    public static EtlFile openEtl(Path path) {
        check(path);
        try {
            return EtlFile.open(path);
        } catch (EtlFormatException e) {
            throw new UserException(ExitCodes.INPUT, path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static void check(Path path) {
        if (!Files.exists(path)) {
            throw new UserException(ExitCodes.INPUT, path + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new UserException(ExitCodes.INPUT, path + ": is a directory, expected a file");
        }
        if (!Files.isReadable(path)) {
            throw new UserException(ExitCodes.INPUT, path + ": permission denied");
        }
    }

    /** Wraps an I/O failure during a read with the file name. */
    public static UserException readFailure(Path path, IOException e) {
        return new UserException(ExitCodes.INPUT, path + ": " + e.getMessage(), e);
    }
}
