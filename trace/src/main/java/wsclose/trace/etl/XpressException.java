package wsclose.trace.etl;

import java.io.IOException;

/**
 * A compressed ETL buffer body is not a valid XPRESS plain-LZ77 stream (MS-XCA §2.4). Checked, and an
 * {@link IOException}, because it describes bad input rather than a bug: the buffer reader reports it
 * for that buffer and carries on. The message names the input offset relative to the start of the
 * compressed stream, and what was expected versus found.
 */
public final class XpressException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int inputOffset;

    XpressException(int inputOffset, String message) {
        super(message);
        this.inputOffset = inputOffset;
    }

    /** Offset of the offending item within the compressed stream (0 = first compressed byte). */
    public int inputOffset() {
        return inputOffset;
    }
}
