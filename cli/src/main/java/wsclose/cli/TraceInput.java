package wsclose.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import wsclose.cli.render.EventLog;
import wsclose.trace.Pipeline;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;

/**
 * The input of an analysis: one or more .etl files (merged into one time order), or one event log
 * (.jsonl, written by {@code wsclose trace --save}). Opening checks every file, so a bad one fails before
 * any output is written. Public for the interactive shell, which loads a trace through it once.
 */
public final class TraceInput implements AutoCloseable {
    private final List<Path> paths;
    private final List<EtlFile> etl = new ArrayList<>();
    private final Path log;
    private long start = -1;

    private TraceInput(List<Path> paths, Path log) {
        this.paths = paths;
        this.log = log;
    }

    public static TraceInput open(List<Path> paths) {
        for (Path p : paths) {
            Inputs.check(p);
        }
        List<Path> logs = paths.stream().filter(EventLog::isEventLog).toList();
        if (!logs.isEmpty()) {
            if (paths.size() > 1) {
                throw new UserException(ExitCodes.USAGE, "an event log (" + logs.get(0) + ") must be analysed on its own,"
                        + " not together with other files");
            }
            TraceInput in = new TraceInput(paths, logs.get(0));
            in.start = firstTime(logs.get(0));
            return in;
        }
        TraceInput in = new TraceInput(paths, null);
        try {
            java.util.Map<String, Path> seen = new java.util.HashMap<>();
            for (Path p : paths) {
                EtlFile f = Inputs.openEtl(p);
                in.etl.add(f);
                // The same trace twice (the same path, or a copy) would merge every socket with itself
                Path before = seen.putIfAbsent(identity(p, f), p);
                if (before != null) {
                    throw new UserException(ExitCodes.USAGE, p + " is the same trace as " + before + " (the same logfile"
                            + " header and bytes); give each trace once");
                }
                long s = f.header().startTime();
                if (s > 0 && (in.start < 0 || s < in.start)) {
                    in.start = s;
                }
            }
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /**
     * What makes two files one trace: the logfile header's start time, boot time, BuffersWritten and logger name,
     * the size, and a hash of the first 64 KiB (header buffer and first data). A kernel and a user file of one
     * session differ in all but the times.
     */
    private static String identity(Path p, EtlFile f) {
        byte[] head = new byte[64 << 10];
        int n;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, p + ": " + e.getMessage(), e);
        }
        return f.header().startTime() + "/" + f.header().bootTime() + "/" + f.header().buffersWritten() + "/"
                + f.header().loggerName() + "/" + f.size() + "/" + java.util.Arrays.hashCode(java.util.Arrays.copyOf(head, n));
    }

    private static long firstTime(Path log) {
        long[] t = {-1};
        try {
            EventLog.read(log, e -> {
                t[0] = e.time();
                throw new Stop();
            });
        } catch (Stop s) {
            // first event found
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, log + ": " + e.getMessage(), e);
        }
        return t[0];
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    public String source() {
        return String.join(", ", inputs());
    }

    /** The input files as given, in order. */
    public List<String> inputs() {
        return paths.stream().map(Path::toString).toList();
    }

    /** FILETIME that relative --since/--until count from: the session start, or the first event of a log. */
    public long start() {
        return start;
    }

    public long bytes() {
        long n = 0;
        for (EtlFile f : etl) {
            n += f.size();
        }
        return n;
    }

    public List<EtlFile> files() {
        return etl;
    }

    /** Feeds every event to the analyzer; {@code tap} sees every raw ETW event first (may be null). */
    public void feed(Analyzer a, Consumer<EtwEvent> tap) {
        try {
            if (log != null) {
                EventLog.read(log, e -> {
                    a.inputEvent();
                    a.accept(e);
                });
            } else {
                Pipeline.feed(etl, a, tap);
            }
        } catch (IOException e) {
            throw new UserException(ExitCodes.INPUT, (log != null ? log : paths.get(0)) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (EtlFile f : etl) {
            try {
                f.close();
            } catch (IOException e) {
                // closing a read-only channel: nothing to report
            }
        }
    }
}
