package wsclose.trace.etw;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Anything that produces raw ETW events in time order: an .etl file or a live session. Everything after
 * the source (decoders, timelines, checks, renderers) sees only this, so a file and a live session look
 * the same (style-study.md §5.2).
 */
public interface EtwSource extends AutoCloseable {

    /**
     * Delivers every event in time order. The event is a flyweight, valid only during the call.
     *
     * @throws IOException when the input cannot be read; what was delivered before stays valid
     */
    void forEach(Consumer<EtwEvent> consumer) throws IOException;

    /** A one-line name for messages and reports, such as the file path. */
    String name();

    @Override
    void close() throws IOException;
}
