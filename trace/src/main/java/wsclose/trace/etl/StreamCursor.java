package wsclose.trace.etl;

import java.io.IOException;
import wsclose.trace.etw.EtwEvent;

/**
 * Walks the records of one buffer stream in order, holding one buffer at a time and the next event
 * already decoded, so a merge can compare cursors by ({@code timestamp}, buffer index, record offset).
 */
final class StreamCursor {
    private final BufferIndex.Stream stream;
    private final BufferLoader loader;
    private final RecordParser parser;
    private final ReadProblems problems;
    private final BufferLoader.Holder holder = new BufferLoader.Holder();
    private final byte[] headerBytes = new byte[BufferHeader.SIZE];
    final EtwEvent event = new EtwEvent();
    private BufferHeader buffer;
    private int nextBuffer;
    private int pos;
    private long lastTimestamp = Long.MIN_VALUE;
    private final boolean checkOrder;
    /** Sort key of {@link #event}: the buffer's file-order index. */
    long bufferIndex;
    /** Merge key of {@link #event}: raw timestamp within one file, UTC across files. */
    long key;
    /** Position of the file in a multi-file merge (tie-break). */
    int fileIndex;

    /** @param loader shared by the cursors of one walk (one budget, one scratch); they advance one at a time */
    StreamCursor(BufferIndex.Stream stream, BufferLoader loader, RecordParser parser, ReadProblems problems, boolean checkOrder) {
        this.checkOrder = checkOrder;
        this.stream = stream;
        this.loader = loader;
        this.parser = parser;
        this.problems = problems;
    }

    /** Moves to the next event; false when the stream is exhausted. */
    boolean advance() throws IOException {
        while (true) {
            if (buffer != null) {
                int next = parser.next(holder.data, pos, holder.end, buffer, event);
                if (next == RecordParser.END) {
                    buffer = null; // this buffer is done; load the stream's next one
                    continue;
                }
                pos = next;
                if (checkOrder && event.timestamp() < lastTimestamp) {
                    problems.outOfOrder();
                }
                lastTimestamp = event.timestamp();
                return true;
            }
            if (nextBuffer >= stream.size) {
                return false;
            }
            long off = stream.offsets[nextBuffer];
            long idx = stream.indexes[nextBuffer];
            nextBuffer++;
            loader.read(headerBytes, 0, BufferHeader.SIZE, off);
            buffer = BufferHeader.parse(headerBytes, 0, off, idx);
            loader.load(buffer, holder);
            bufferIndex = idx;
            pos = BufferHeader.SIZE;
            if (holder.end < BufferHeader.SIZE) {
                buffer = null;
            }
        }
    }
}
