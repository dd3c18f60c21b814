package wsclose.trace.decode;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.model.SocketEvent;

/**
 * Raw ETW events → normalized {@link SocketEvent}s: the decode stage between a source (an .etl file or a
 * live ETW session) and the socket model. Dispatch is a lookup table keyed by (provider, event id or
 * opcode) to small mapping functions, one class per provider ({@link AfdEvents}, {@link TcpipEvents},
 * {@link SocketsEvents}, {@link KernelEvents}); the payload itself is decoded by the {@link Layouts} table.
 * Events it does not know are skipped, and payloads shorter than their layout are counted as decode
 * problems, never thrown.
 */
public final class SocketDecoder {
    /** Maps one decoded payload to socket events. */
    @FunctionalInterface
    interface Mapping {
        void map(EtwEvent ev, Decoded d, Consumer<SocketEvent> out);
    }

    private record Key(Guid provider, boolean classic, int id) {
    }

    private final Layouts layouts;
    private final Map<Key, Mapping> table = new HashMap<>();
    private final Map<Guid, Boolean> providers = new HashMap<>();
    private final KernelEvents kernel = new KernelEvents();
    private long problems;
    private String firstProblem;
    private long decoded;

    public SocketDecoder() {
        this(Layouts.builtIn());
    }

    public SocketDecoder(Layouts layouts) {
        this.layouts = layouts;
        AfdEvents.register(this);
        TcpipEvents.register(this);
        SocketsEvents.register(this);
        kernel.register(this);
    }

    void on(Guid provider, int id, Mapping m) {
        table.put(new Key(provider, false, id), m);
        providers.put(provider, Boolean.TRUE);
    }

    void onKernel(Guid group, int opcode, Mapping m) {
        table.put(new Key(group, true, opcode), m);
        providers.put(group, Boolean.TRUE);
    }

    /** Decodes one event (a flyweight, valid only during the call) into zero or more socket events. */
    public void decode(EtwEvent ev, Consumer<SocketEvent> out) {
        Guid p = ev.provider();
        if (p == null || providers.get(p) == null) {
            return; // the common case in a mixed trace: one hash lookup, no allocation
        }
        Mapping m = table.get(new Key(p, ev.kind().isKernel(), ev.id()));
        if (m == null || ev.kind() == HeaderKind.WPP) {
            return;
        }
        Decoded d = layouts.decode(ev);
        if (d == null) {
            return;
        }
        if (d.problem() != null) {
            problems++;
            if (firstProblem == null) {
                firstProblem = d.problem() + " (" + ev + ")";
            }
            return; // a short payload: its fields cannot be trusted
        }
        decoded++;
        m.map(ev, d, out);
    }

    /** Payloads that did not fit their layout, so far. */
    public long problems() {
        return problems;
    }

    /** The first decode problem, for a warning line; null when there was none. */
    public String firstProblem() {
        return firstProblem;
    }

    /** Events mapped so far. */
    public long decoded() {
        return decoded;
    }

    /** Whether this provider has events wsclose turns into socket events. */
    public boolean knows(Guid provider) {
        return providers.containsKey(provider);
    }
}
