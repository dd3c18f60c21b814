package wsclose.trace.decode;

import java.util.function.Consumer;
import wsclose.trace.model.SocketEvent;
import wsclose.trace.model.SocketEventKind;

/**
 * Where mappings build and hand over socket events. One builder is reused for every event; handed over, an
 * event is either a new instance ({@link SocketDecoder#decode}) or one instance refilled each time
 * ({@link SocketDecoder#decodeShared}: the analyze path, nothing allocated per event).
 */
final class Emitter {
    private final SocketEvent shared = SocketEvent.at(0, SocketEventKind.CREATE, SocketEvent.Source.AFD).build();
    /** Builds in the shared event itself: handing it over copies nothing; {@link SocketDecoder#decode} copies it. */
    private final SocketEvent.Builder builder = SocketEvent.Builder.into(shared);
    private Consumer<SocketEvent> sink;
    private boolean reuse;
    private SocketDecoder.Slots slots;

    Emitter to(Consumer<SocketEvent> sink, boolean reuse) {
        this.sink = sink;
        this.reuse = reuse;
        this.slots = null;
        builder.retarget(shared);
        return this;
    }

    /** Builds each event straight in the next of {@code slots}. */
    Emitter into(SocketDecoder.Slots slots) {
        this.slots = slots;
        this.sink = null;
        return this;
    }

    /** The builder, emptied, for an event at {@code time}. */
    SocketEvent.Builder at(long time, SocketEventKind kind, SocketEvent.Source source) {
        if (slots != null) {
            builder.retarget(slots.slot());
        }
        return builder.restart(time, kind, source);
    }

    /** Hands {@code b}'s event over; the analyze path's case (a slot) small enough for the JIT to inline. */
    void accept(SocketEvent.Builder b) {
        if (slots != null) {
            slots.filled(b.event());
            return;
        }
        toSink(b);
    }

    private void toSink(SocketEvent.Builder b) {
        sink.accept(reuse ? b.buildInto(shared) : b.build());
    }
}
