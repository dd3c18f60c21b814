package wsclose.trace.etl;

import java.io.IOException;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.LossWindows;
import wsclose.trace.etw.TimeBase;

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
    private LossWindows losses;
    private TimeBase timeBase;
    private boolean gapOpen;
    private long gapFrom;

    /** @param loader shared by the cursors of one walk (one budget, one scratch); they advance one at a time */
    StreamCursor(BufferIndex.Stream stream, BufferLoader loader, RecordParser parser, ReadProblems problems, boolean checkOrder) {
        this.checkOrder = checkOrder;
        this.stream = stream;
        this.loader = loader;
        this.parser = parser;
        this.problems = problems;
    }

    /** Records where this stream leaves events missing (flagged buffers, damaged buffers and records). */
    void losses(LossWindows l, TimeBase tb) {
        this.losses = l;
        this.timeBase = tb;
    }

    private long problemCount() {
        return problems.lossCount();
    }

    /**
     * Events of this stream may be missing after the last one handed out: the gap ends at the stream's next event
     * ({@link #closeGap}). Every loss lies between two events of one stream: a session that runs out of buffers
     * loses events at a buffer boundary (before the flagged buffer or after it: which of the two Windows flags is
     * not documented, so both gaps count), a damaged buffer or record loses what it held.
     */
    private void openGap() {
        if (losses != null && !gapOpen) {
            gapOpen = true;
            gapFrom = lastTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : timeBase.toFileTime(lastTimestamp);
        }
    }

    /**
     * Ends an open gap at {@code raw} (MAX_VALUE: the stream ended). Runs inside the advance that follows the
     * merge's taking of the gap's first event, so the window is known before any later event is handed out.
     */
    private void closeGap(long raw) {
        if (gapOpen) { // per event: the test inlined, the rare close a call
            endGap(raw);
        }
    }

    private void endGap(long raw) {
        gapOpen = false;
        losses.add(gapFrom, raw == Long.MAX_VALUE ? raw : timeBase.toFileTime(raw));
    }

    /** The file-order index of this stream's last buffer: the largest {@link #bufferIndex} it will hold. */
    long lastBufferIndex() {
        return stream.size == 0 ? 0 : stream.indexes[stream.size - 1];
    }

    /** Moves to the next event; false when the stream is exhausted. */
    boolean advance() throws IOException {
        while (true) {
            if (buffer != null) {
                long before = problemCount(); // the walk's cursors share one problem count: compare around our own read
                int next = parser.next(holder.data, pos, holder.end, buffer, event);
                if (problemCount() != before) {
                    openGap();
                }
                if (next == RecordParser.END) {
                    if (buffer.eventsLost() || buffer.bufferLost()) {
                        openGap(); // the loss may lie after this buffer
                    }
                    buffer = null; // this buffer is done; load the stream's next one
                    continue;
                }
                pos = next;
                if (checkOrder && event.timestamp() < lastTimestamp) {
                    problems.outOfOrder();
                }
                closeGap(event.timestamp());
                lastTimestamp = event.timestamp();
                return true;
            }
            if (nextBuffer >= stream.size) {
                closeGap(Long.MAX_VALUE);
                return false;
            }
            long off = stream.offsets[nextBuffer];
            long idx = stream.indexes[nextBuffer];
            int whole = stream.wholes[nextBuffer];
            nextBuffer++;
            long before = problemCount();
            buffer = whole > 0 ? loader.loadWhole(off, idx, whole, holder) : null;
            if (buffer == null) {
                loader.read(headerBytes, 0, BufferHeader.SIZE, off);
                buffer = BufferHeader.parse(headerBytes, 0, off, idx);
                loader.load(buffer, holder);
            }
            if (problemCount() != before || buffer.eventsLost() || buffer.bufferLost()) {
                openGap(); // skipped in part or whole, or flagged: the loss may lie before this buffer's events
            }
            bufferIndex = idx;
            pos = BufferHeader.SIZE;
            if (holder.end < BufferHeader.SIZE) {
                buffer = null;
            }
        }
    }
}
