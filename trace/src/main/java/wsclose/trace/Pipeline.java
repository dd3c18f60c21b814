package wsclose.trace;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import wsclose.trace.analysis.Analyzer;
import wsclose.trace.decode.SocketDecoder;
import wsclose.trace.etl.EtlFile;
import wsclose.trace.etw.EtwEvent;

/**
 * Wires the stages for trace files: EtlFile (time-ordered raw events) → SocketDecoder → Analyzer. Several
 * files are merged into one time order (a kernel session and a user session captured side by side).
 * Live sources feed an {@link Analyzer} directly with socket events.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * Feeds every event of {@code files} to {@code analyzer} and adds the files' read warnings and losses.
     * {@code tap} sees every raw event first (progress, statistics); it may be null.
     */
    public static void feed(List<EtlFile> files, Analyzer analyzer, Consumer<EtwEvent> tap) throws IOException {
        for (EtlFile f : files) {
            analyzer.losses(f.losses());
        }
        SocketDecoder decoder = new SocketDecoder();
        java.util.function.Consumer<wsclose.trace.model.SocketEvent> sink = analyzer::accept; // once, not per event
        EtlFile.forEachInTimeOrder(files, ev -> {
            if (tap != null) {
                tap.accept(ev);
            }
            analyzer.inputEvent();
            decoder.decodeShared(ev, sink); // the model keeps nothing of an event but copies
        });
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
