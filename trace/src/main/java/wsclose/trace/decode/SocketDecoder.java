package wsclose.trace.decode;

import java.util.function.Consumer;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.model.SocketEvent;

/**
 * Raw ETW events → normalized {@link SocketEvent}s: the decode stage between a source (an .etl file or a
 * live ETW session) and the socket model. Dispatch is a lookup table keyed by (provider, event id); events
 * it does not know are counted, never fatal, and payloads shorter than their layout are counted as decode
 * problems.
 */
public final class SocketDecoder {
    private final Layouts layouts;
    private long problems;
    private long decoded;

    public SocketDecoder() {
        this(Layouts.builtIn());
    }

    public SocketDecoder(Layouts layouts) {
        this.layouts = layouts;
    }

    /** Decodes one event (a flyweight, valid only during the call) into zero or more socket events. */
    public void decode(EtwEvent ev, Consumer<SocketEvent> out) {
        // filled in by the Winsock mapping tables
    }

    /** Payloads that did not fit their layout, so far. */
    public long problems() {
        return problems;
    }

    public long decoded() {
        return decoded;
    }

    Layouts layouts() {
        return layouts;
    }
}
