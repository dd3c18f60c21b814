package wsclose.trace.etl;

import java.io.IOException;

/**
 * The input is not a readable ETL file at a known place. The message always says where (file byte
 * offset, and the buffer when there is one), what was expected and what was found, e.g.
 * "byte offset 0x0 (buffer 0): expected a 72-byte WMI buffer header, found 12 bytes".
 */
public final class EtlFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public EtlFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** File byte offset the problem was found at. */
    public long offset() {
        return offset;
    }
}
