package wsclose.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etl.LogfileHeader;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.LossWindows;

/**
 * Wires the stages for trace files: EtlFile (time-ordered raw events) → SocketDecoder → Analyzer. Several
 * files are merged into one time order (a kernel session and a user session captured side by side).
 * Live sources feed an {@link Analyzer} directly with socket events.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * The files grouped by capture session, in the order given. Files are one story, merged in time order, when
     * their headers describe the same machine (OS build, pointer size, processors, CPU speed, time zone, and the
     * clock frequency where the clock types agree) and either come from one logger (a capture split into
     * consecutive files), overlap in time (a kernel and a user session side by side) or give the same boot time.
     * Anything else is an unrelated capture, whose endpoint, handle and pid values name other objects even when
     * they are equal. Boot time alone decides nothing: real captures of one logger a minute apart carry boot times
     * 40 s apart (a corpus file set), so only an equal one counts.
     */
    static List<List<EtlFile>> sessions(List<EtlFile> files) {
        List<List<EtlFile>> groups = new ArrayList<>();
        for (EtlFile f : files) {
            List<EtlFile> joined = null;
            for (java.util.Iterator<List<EtlFile>> it = groups.iterator(); it.hasNext(); ) {
                List<EtlFile> g = it.next();
                if (g.stream().anyMatch(o -> oneSession(o.header(), f.header()))) {
                    if (joined == null) {
                        joined = g;
                        g.add(f);
                    } else { // f links two groups: one session
                        joined.addAll(g);
                        it.remove();
                    }
                }
            }
            if (joined == null) {
                groups.add(new ArrayList<>(List.of(f)));
            }
        }
        return groups;
    }

    static boolean oneSession(LogfileHeader a, LogfileHeader b) {
        boolean machine = a.osMajor() == b.osMajor() && a.osMinor() == b.osMinor() && a.build() == b.build()
                && a.pointerSize() == b.pointerSize() && a.processors() == b.processors() && a.cpuSpeedMhz() == b.cpuSpeedMhz()
                && a.timeZoneBiasMinutes() == b.timeZoneBiasMinutes()
                && (a.clockType() != b.clockType() || a.perfFreq() == b.perfFreq());
        if (!machine) {
            return false;
        }
        boolean logger = a.loggerName() != null && !a.loggerName().isEmpty() && a.loggerName().equals(b.loggerName());
        boolean boot = a.bootTime() > 0 && a.bootTime() == b.bootTime();
        return logger || boot || start(a) <= end(b) && start(b) <= end(a);
    }

    private static long start(LogfileHeader h) {
        return h.startTime() > 0 ? h.startTime() : Long.MIN_VALUE;
    }

    private static long end(LogfileHeader h) {
        return h.endTime() > 0 ? h.endTime() : Long.MAX_VALUE;
    }

    private static List<LossWindows> copies(List<EtlFile> session) {
        List<LossWindows> out = new ArrayList<>(session.size());
        for (EtlFile f : session) {
            out.add(f.losses().copy());
        }
        return out;
    }

    /**
     * Feeds every event of {@code files} to {@code analyzer} and adds the files' read warnings and losses.
     * {@code tap} sees every raw event first (progress, statistics); it may be null.
     */
    public static void feed(List<EtlFile> files, Analyzer analyzer, Consumer<EtwEvent> tap) throws IOException {
        List<List<EtlFile>> sessions = sessions(files);
        if (sessions.size() > 1) {
            List<String> parts = new ArrayList<>();
            for (List<EtlFile> g : sessions) {
                parts.add(g.stream().map(f -> f.path().toString()).collect(Collectors.joining(" + ")));
            }
            analyzer.warning("the inputs are " + sessions.size() + " unrelated captures (different machines, or times and"
                    + " loggers that do not meet): " + String.join("; ", parts) + ". Their sockets are analyzed apart: an"
                    + " endpoint, handle or pid in one names nothing in another");
        }
        // decoding ahead on a second thread, the model reads copies of the windows that the walk extends
        boolean ahead = DecodeAhead.enabled() && !sessions.isEmpty();
        List<LossWindows> modelLosses = ahead ? copies(sessions.get(0))
                : (sessions.isEmpty() ? files : sessions.get(0)).stream().map(EtlFile::losses).toList();
        modelLosses.forEach(analyzer::losses);
        SocketDecoder decoder = new SocketDecoder();
        java.util.function.Consumer<wsclose.trace.model.SocketEvent> sink = analyzer::accept; // once, not per event
        Consumer<EtwEvent> each = ev -> {
            if (tap != null) {
                tap.accept(ev);
            }
            analyzer.inputEvent();
            decoder.decodeShared(ev, sink); // the model keeps nothing of an event but copies
        };
        for (int i = 0; i < sessions.size(); i++) {
            if (i > 0) {
                modelLosses = ahead ? copies(sessions.get(i)) : sessions.get(i).stream().map(EtlFile::losses).toList();
                analyzer.newSession(modelLosses);
            }
            if (ahead) {
                DecodeAhead.feed(sessions.get(i), analyzer, modelLosses, decoder, tap);
            } else {
                EtlFile.forEachInTimeOrder(sessions.get(i), each);
            }
        }
        analyzer.decodeProblems(decoder.problems());
        if (decoder.firstProblem() != null) {
            analyzer.warning(decoder.problems() + " payloads were shorter than their layout and were skipped; the first: "
                    + decoder.firstProblem());
        }
        for (EtlFile f : files) {
            long lost = f.header().eventsLost();
            if (lost > 0) {
                analyzer.eventsLost(lost);
                analyzer.warning(f.path() + ": the session lost " + lost + " events; timelines may have gaps");
            }
            if (f.header().buffersLost() > 0) {
                analyzer.warning(f.path() + ": the session lost " + f.header().buffersLost() + " buffers; timelines may have gaps");
            }
            for (String w : f.warnings()) {
                analyzer.warning(f.path() + ": " + w);
            }
            analyzer.buffersDamaged(f.damagedBuffers());
        }
    }
}
