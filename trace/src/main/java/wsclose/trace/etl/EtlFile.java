package wsclose.trace.etl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.LossWindows;
import wsclose.trace.etw.EtwSource;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.TimeBase;

/**
 * An .etl file: the public entry to the reader. Opening it reads the logfile header and indexes the
 * buffers; {@link #forEach} then streams every event in global time order by merging the per-processor
 * buffer streams (etl-format.md §A.9), reading one buffer per stream at a time, so memory does not grow
 * with the file. Damage inside the file never stops the walk: it is reported by {@link #warnings()} and
 * {@link #isIncomplete()}. Only a file that is not an ETL at all fails, with an {@link EtlFormatException}.
 */
public final class EtlFile implements EtwSource {
    /** Largest buffer wsclose accepts; ETW buffers are 4 KiB to a few MiB. Bounds memory on lying sizes. */
    static final int MAX_BUFFER = 64 << 20;
    private static final int MIN_BUFFER_CAP = 64 << 10;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final LogfileHeader header;
    private final TimeBase timeBase;
    private final int maxBufferBytes;
    private final BufferIndex index;
    private final ReadProblems openProblems;
    private ReadProblems walkProblems = new ReadProblems();
    private final LossWindows losses = new LossWindows();

    private EtlFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.openProblems = new ReadProblems();
        BufferHeader first = checkFirstBuffer();
        int cap = (int) Math.min(MAX_BUFFER, Math.max(first.bufferSize(), MIN_BUFFER_CAP));
        this.header = readLogfileHeader(first, cap);
        this.maxBufferBytes = (int) Math.min(MAX_BUFFER, Math.max(cap, header.bufferSize()));
        // Uncompressed sessions write every buffer at the header's BufferSize: the stride to step over a damaged one
        long stride = !header.compressedMode() && header.bufferSize() == first.bufferSize() ? header.bufferSize() : 0;
        this.index = BufferIndex.scan(channel, size, maxBufferBytes, openProblems, stride);
        TimeBase tb;
        try {
            tb = header.timeBase();
        } catch (IllegalArgumentException e) {
            // ReservedFlags sits 0x108 (32-bit) or 0x110 (64-bit) bytes into the header payload (§A.7),
            // which follows the 0x20-byte SYSTEM header of the first record at 0x48.
            long at = BufferHeader.SIZE + 0x20 + (header.recordPointerSize() == 8 ? 0x110 : 0x108);
            tb = ClockFallback.estimate(header, index.lastBufferTimestamp);
            openProblems.warn("byte offset 0x" + Long.toHexString(at) + ": logfile header clock: " + e.getMessage() + "; "
                    + ClockFallback.describe(header, index.lastBufferTimestamp));
        }
        this.timeBase = tb;
        if (index.buffers < header.buffersWritten() && !openProblems.isIncomplete()) {
            // A cut exactly at a buffer boundary leaves no torn buffer; the header's count tells.
            openProblems.incomplete("the logfile header says " + header.buffersWritten() + " buffers were written, the file holds "
                    + index.buffers + " (ending at byte offset 0x" + Long.toHexString(index.bytesFramed) + "); the file is truncated");
        }
        placeLosses();
    }

    /**
     * Where events may be missing, as far as the index tells (§A.10): everywhere when the header counts lost events
     * or buffers that no buffer flag places, or a damaged buffer header had to be stepped over (its stream and time
     * are unknown); after the earliest last flush of any stream when the file is cut short. The time-ordered walk
     * adds the gaps around flagged buffers and the buffers and records it finds damaged ({@link StreamCursor}).
     */
    private void placeLosses() {
        boolean eventsFlagged = index.buffersFlaggedEventsLost > 0;
        boolean buffersFlagged = index.buffersFlaggedLost > 0;
        if (header.eventsLost() > 0 && !eventsFlagged || header.buffersLost() > 0 && !buffersFlagged
                || openProblems.damagedBuffers() > 0) {
            losses.everywhere();
        }
        if (openProblems.isIncomplete()) {
            long earliestEnd = Long.MAX_VALUE;
            for (BufferIndex.Stream s : index.streams.values()) {
                earliestEnd = Math.min(earliestEnd, s.lastFlush);
            }
            losses.add(earliestEnd == Long.MAX_VALUE ? Long.MIN_VALUE : fileTime(earliestEnd), Long.MAX_VALUE);
        }
    }

    private long fileTime(long raw) {
        return raw == Long.MIN_VALUE || raw == Long.MAX_VALUE ? raw : timeBase.toFileTime(raw);
    }

    /**
     * Times (UTC FILETIME) in which this file may lack events: flagged or damaged buffers, unplaced losses, a cut
     * tail. Grows during a time-ordered walk as damaged buffers are met, before any event after them is handed out.
     */
    public LossWindows losses() {
        return losses;
    }

    /** Opens and indexes an .etl file. */
    public static EtlFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new EtlFile(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Checks that the file starts like an ETL: a buffer header followed by the EventTrace header record. */
    private BufferHeader checkFirstBuffer() throws IOException {
        byte[] b = new byte[BufferHeader.SIZE + 8];
        BufferLoader reader = new BufferLoader(channel, size, MAX_BUFFER, openProblems);
        int n = reader.read(b, 0, b.length, 0);
        if (n < BufferHeader.SIZE) {
            throw new EtlFormatException(n, "expected a 72-byte WMI buffer header at byte offset 0, found "
                    + (n == 0 ? "an empty file" : "only " + n + " bytes") + "; not an ETL file");
        }
        BufferHeader h = BufferHeader.parse(b, 0, 0, 0);
        if (!h.compressed()) {
            if (n < b.length) {
                throw new EtlFormatException(n, "expected the EventTrace header record at byte offset 0x48, found the end of the file");
            }
            int marker = Bytes.i32(b, BufferHeader.SIZE);
            int type = b[BufferHeader.SIZE + 2] & 0xFF;
            int family = b[BufferHeader.SIZE + 3] & 0xFF;
            int hook = Bytes.u16(b, BufferHeader.SIZE + 6);
            if (family != 0xC0 || (type != 0x01 && type != 0x02) || hook != 0) {
                throw new EtlFormatException(BufferHeader.SIZE, String.format(
                        "expected the EventTrace header record at byte offset 0x48 (marker 0xC0010002 or 0xC0020002, hook 0x0000),"
                                + " found marker 0x%08x hook 0x%04x; not an ETL file", marker, hook));
            }
        }
        if (h.bufferSize() < BufferHeader.SIZE || h.bufferSize() > MAX_BUFFER) {
            throw new EtlFormatException(0, "expected BufferSize between 72 and " + MAX_BUFFER + " at byte offset 0, found "
                    + h.bufferSize() + "; not an ETL file");
        }
        return h;
    }

    private LogfileHeader readLogfileHeader(BufferHeader first, int cap) throws IOException {
        BufferLoader loader = new BufferLoader(channel, size, cap, openProblems, BufferLoader.walkBudget());
        BufferLoader.Holder holder = new BufferLoader.Holder();
        loader.load(first, holder);
        RecordParser parser = new RecordParser(openProblems);
        EtwEvent ev = new EtwEvent();
        int next = parser.next(holder.data, BufferHeader.SIZE, holder.end, first, ev);
        if (next == RecordParser.END || ev.kind() != HeaderKind.SYSTEM || ev.id() != 0
                || !KernelGroups.guid(KernelGroups.GROUP_EVENT_TRACE, 0).equals(ev.provider())) {
            String found = next == RecordParser.END ? "no readable record" : ev.kind() + " record " + ev.provider() + " " + ev.key();
            throw new EtlFormatException(BufferHeader.SIZE, "expected the EventTrace header record at byte offset 0x48, found "
                    + found + (openProblems.messages().isEmpty() ? "" : " (" + openProblems.messages().get(0) + ")"));
        }
        int need = LogfileHeader.minimalSize(ev.pointerSize());
        if (ev.payloadLength() < need) {
            throw new EtlFormatException(BufferHeader.SIZE, "expected a logfile header payload of at least " + need
                    + " bytes at byte offset 0x48, found " + ev.payloadLength());
        }
        return LogfileHeader.decode(ev);
    }

    public Path path() { return path; }
    public long size() { return size; }
    public LogfileHeader header() { return header; }
    public TimeBase timeBase() { return timeBase; }
    public long buffers() { return index.buffers; }
    public long compressedBuffers() { return index.compressedBuffers; }

    @Override
    public String name() {
        return path.toString();
    }

    /** Every event in global time order; ties keep file order (buffer position, then record offset). */
    @Override
    public void forEach(Consumer<EtwEvent> consumer) throws IOException {
        TimeMerge.merge(cursors(0), consumer, false);
    }

    /**
     * Every event of several files in one global time order, compared by UTC time (each file has its own clock):
     * what a kernel session and a user session captured side by side need. Ties keep the order of the list.
     */
    public static void forEachInTimeOrder(List<EtlFile> files, Consumer<EtwEvent> consumer) throws IOException {
        if (files.size() == 1) {
            files.get(0).forEach(consumer);
            return;
        }
        List<StreamCursor> all = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            all.addAll(files.get(i).cursors(i));
        }
        TimeMerge.merge(all, consumer, true);
    }

    private List<StreamCursor> cursors(int fileIndex) throws IOException {
        walkProblems = new ReadProblems();
        RecordParser parser = new RecordParser(walkProblems);
        parser.timeBase(timeBase);
        List<StreamCursor> live = new ArrayList<>();
        BufferLoader loader = new BufferLoader(channel, size, maxBufferBytes, walkProblems, BufferLoader.walkBudget());
        for (BufferIndex.Stream s : index.streams.values()) {
            StreamCursor c = new StreamCursor(s, loader, parser, walkProblems, true);
            c.fileIndex = fileIndex;
            c.losses(losses, timeBase);
            if (c.advance()) {
                live.add(c);
            }
        }
        return live;
    }

    /** Every event in file order (buffer by buffer), the fastest walk; used by summaries. */
    public void forEachInFileOrder(Consumer<EtwEvent> consumer) throws IOException {
        walkProblems = new ReadProblems();
        walkPart(index.fileOrder, walkProblems, BufferLoader.walkBudget(), consumer);
    }

    /**
     * Every event in file order, the buffers cut into {@code parts} runs of about equal length, handed to
     * {@code consumers.apply(part)}, a consumer used by one thread at a time (the runs are walked by up to
     * {@link #readThreads()} threads, each taking the next run not yet taken; the caller's thread walks the first);
     * runs come in file order, so a consumer per run that is merged in run order sees what one walk would. Returns
     * when every run is done; read problems are kept as one walk's. Buffers are independent in file order (each
     * holds whole records, §A.2), so nothing crosses a cut.
     */
    public void forEachInFileOrder(int parts, IntFunction<? extends Consumer<EtwEvent>> consumers) throws IOException {
        forEachInFileOrder(parts, MIN_PART_BUFFERS, consumers);
    }

    /** {@link #forEachInFileOrder(int, IntFunction)} with parts of at least {@code minPartBuffers} buffers. */
    void forEachInFileOrder(int parts, int minPartBuffers, IntFunction<? extends Consumer<EtwEvent>> consumers)
            throws IOException {
        forEachInFileOrder(parts, minPartBuffers, readThreads(), FileOrderParts.helpersAfter(), consumers);
    }

    /** The same on {@code threads} threads, helpers starting after the caller's first {@code helpersAfter} runs. */
    void forEachInFileOrder(int parts, int minPartBuffers, int threads, int helpersAfter,
                            IntFunction<? extends Consumer<EtwEvent>> consumers) throws IOException {
        int n = Math.max(1, Math.min(parts, index.fileOrder.size / Math.max(1, minPartBuffers)));
        if (n == 1) {
            forEachInFileOrder(consumers.apply(0));
        } else {
            walkProblems = new ReadProblems();
            FileOrderParts.walk(this, index.fileOrder, n, threads, helpersAfter, consumers, walkProblems);
        }
    }

    /**
     * The runs a file-order walk of this file is best cut into: one when it is read on one thread, else up to
     * {@value #MAX_RUNS} of at least {@value #MIN_PART_BUFFERS} buffers, small enough that the threads taking them
     * end together.
     */
    public int fileOrderParts() {
        return readThreads() == 1 ? 1 : Math.max(1, Math.min(MAX_RUNS, index.fileOrder.size / MIN_PART_BUFFERS));
    }

    /** Fewest buffers worth a run of their own: below this a run is not worth its start. */
    private static final int MIN_PART_BUFFERS = 256;
    /** Most runs of a file-order walk: on the 2 GiB benchmark file, runs of about 64 MiB. */
    private static final int MAX_RUNS = 32;

    /** Walks {@code part} (a stream of this file's buffers) in order into {@code sink}, noting damage in {@code problems}. */
    void walkPart(BufferIndex.Stream part, ReadProblems problems, long budget, Consumer<EtwEvent> sink)
            throws IOException {
        RecordParser parser = new RecordParser(problems);
        parser.timeBase(timeBase);
        StreamCursor c = new StreamCursor(part, new BufferLoader(channel, size, maxBufferBytes, problems, budget), parser,
                problems, false);
        while (c.advance()) {
            sink.accept(c.event);
        }
    }

    /** One pass over the record headers (file order) counting what the file holds, in {@link #fileOrderParts()} runs. */
    public EtlSummary summary() throws IOException {
        return summary(fileOrderParts());
    }

    /** {@link #summary()} with the file cut into {@code parts} walked at once (1: one walk on this thread). */
    public EtlSummary summary(int parts) throws IOException {
        return summary(parts, MIN_PART_BUFFERS);
    }

    EtlSummary summary(int parts, int minPartBuffers) throws IOException {
        return summary(parts, minPartBuffers, readThreads(), FileOrderParts.helpersAfter());
    }

    /** {@link #summary(int)} in runs of at least {@code minPartBuffers} buffers, on {@code threads} threads. */
    EtlSummary summary(int parts, int minPartBuffers, int threads, int helpersAfter) throws IOException {
        SummaryBuilder[] b = new SummaryBuilder[Math.max(1, parts)];
        forEachInFileOrder(b.length, minPartBuffers, threads, helpersAfter, i -> b[i] = new SummaryBuilder());
        return SummaryBuilder.merge(b).build(this);
    }

    /**
     * Threads a file-order walk is worth: one per core, at most four. The helpers start after the caller's first
     * run (FileOrderParts says why). The system property {@code wsclose.readThreads} sets the count (bench/
     * compares them).
     */
    public static int readThreads() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty("wsclose.readThreads", "")));
        } catch (NumberFormatException e) {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** Problems found so far: at open, and in the latest walk. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(openProblems.messages());
        all.addAll(walkProblems.messages());
        return all;
    }

    /** Buffers found damaged so far (at open and in the latest walk): skipped, or read in part. */
    public long damagedBuffers() {
        return openProblems.damagedBuffers() + walkProblems.damagedBuffers();
    }

    /** True when part of the file could not be read (truncated, or framing lost). */
    public boolean isIncomplete() {
        return openProblems.isIncomplete() || walkProblems.isIncomplete();
    }

    long contextSwapBuffers() { return index.contextSwapBuffers; }
    long buffersFlaggedLost() { return index.buffersFlaggedLost; }
    long buffersFlaggedEventsLost() { return index.buffersFlaggedEventsLost; }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
