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
        void map(EtwEvent ev, Fields d, Emitter out);
    }

    /** One provider's mappings, indexed by event id (manifest) or opcode (classic), with layouts cached per version. */
    private static final class ProviderTable {
        Entry[] byId = new Entry[0];

        void put(int id, Mapping m) {
            if (id >= byId.length) {
                byId = java.util.Arrays.copyOf(byId, id + 1);
            }
            byId[id] = new Entry(m);
        }

        Entry get(int id) {
            return id >= 0 && id < byId.length ? byId[id] : null;
        }
    }

    /**
     * One event id's mapping and its compiled layouts by (version, header namespace, pointer size). The plan used last
     * sits in the entry itself: a trace logs one version of an event, so the lookup per event reads one object, not
     * three arrays (the id's table, its 1,024 slots, the slot), which were 7 % of the decoding thread's samples.
     */
    private static final class Entry {
        final Mapping mapping;
        PayloadView.Plan[] byVersion;
        int lastSlot = -1;
        PayloadView.Plan last;

        Entry(Mapping mapping) {
            this.mapping = mapping;
        }
    }

    private final Layouts layouts;
    private final Map<Guid, ProviderTable> manifest = new HashMap<>();
    private final Map<Guid, ProviderTable> classic = new HashMap<>();
    private final KernelEvents kernel = new KernelEvents();
    private final PayloadView view = new PayloadView();
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
        manifest.computeIfAbsent(provider, k -> new ProviderTable()).put(id, m);
    }

    void onKernel(Guid group, int opcode, Mapping m) {
        classic.computeIfAbsent(group, k -> new ProviderTable()).put(opcode, m);
    }

    private final Emitter emitter = new Emitter();
    /*
     * The reader hands out one Guid instance per GUID, and a trace interleaves a handful of providers: the last
     * few (provider, header kind) pairs are found by identity in a short array, without hashing a GUID per event.
     */
    private static final int RECENT = 8;
    private final Guid[] recentProvider = new Guid[RECENT];
    private final boolean[] recentKernel = new boolean[RECENT];
    private final ProviderTable[] recentTable = new ProviderTable[RECENT];
    private int recentNext;

    private ProviderTable table(Guid p, boolean kernelKind) {
        for (int i = 0; i < RECENT; i++) {
            if (recentProvider[i] == p && recentKernel[i] == kernelKind) {
                return recentTable[i];
            }
        }
        ProviderTable t = (kernelKind ? classic : manifest).get(p);
        int i = recentNext;
        recentNext = (i + 1) % RECENT;
        recentProvider[i] = p;
        recentKernel[i] = kernelKind;
        recentTable[i] = t;
        return t;
    }

    /** Decodes one event (a flyweight, valid only during the call) into zero or more socket events of their own. */
    public void decode(EtwEvent ev, Consumer<SocketEvent> out) {
        decode(ev, emitter.to(out, false));
    }

    /**
     * Decodes one event into zero or more socket events that are all one instance, refilled for each: valid only
     * during {@code out}'s call (keep a {@link SocketEvent#copy()}). The analyze path: nothing allocated per event.
     */
    public void decodeShared(EtwEvent ev, Consumer<SocketEvent> out) {
        decode(ev, emitter.to(out, true));
    }

    /** Where {@link #decodeInto} builds events: each in a slot of its own, handed back when it is complete. */
    public interface Slots {
        /** The event to build the next one in (overwritten if the mapping drops it before {@link #filled}). */
        SocketEvent slot();

        /** The slot {@code e} now holds a complete event. */
        void filled(SocketEvent e);
    }

    /**
     * Decodes one event into zero or more of {@code slots}: the decoder running ahead of the model writes straight
     * into its batch, without a copy of a shared event per event. A filled slot's lazy texts still read the input
     * event: {@link SocketEvent#keepTexts} detaches them.
     */
    public void decodeInto(EtwEvent ev, Slots slots) {
        decode(ev, emitter.into(slots));
    }

    private void decode(EtwEvent ev, Emitter out) {
        Guid p = ev.provider();
        if (p == null || ev.kind() == HeaderKind.WPP) {
            return;
        }
        boolean kernelKind = ev.kind().isKernel();
        ProviderTable table = table(p, kernelKind);
        if (table == null) {
            return; // the common case in a mixed trace: one lookup, no allocation
        }
        Entry entry = table.get(ev.id());
        if (entry == null) {
            return;
        }
        PayloadView.Plan plan = plan(entry, ev);
        if (plan == null) {
            return;
        }
        PayloadView d = view.bind(plan, ev); // valid until the next event: mappings copy what they need
        if (d.problem() != null) {
            problems++;
            if (firstProblem == null) {
                firstProblem = d.problem() + " (" + ev + ")";
            }
            return; // a short payload: its fields cannot be trusted
        }
        decoded++;
        entry.mapping.map(ev, d, out);
    }

    /** The compiled layout for (id, version, header namespace, pointer size), looked up once and cached. */
    private PayloadView.Plan plan(Entry entry, EtwEvent ev) {
        int slot = ev.version() & 0xFF | (ev.kind() == HeaderKind.PERFINFO ? 0x100 : 0) | (ev.pointerSize() == 4 ? 0x200 : 0);
        PayloadView.Plan p;
        if (slot == entry.lastSlot) {
            p = entry.last;
        } else {
            PayloadView.Plan[] byVersion = entry.byVersion;
            if (byVersion == null) {
                byVersion = new PayloadView.Plan[0x400];
                entry.byVersion = byVersion;
            }
            p = byVersion[slot];
            if (p == null) {
                Layout l = layouts.find(ev);
                p = l == null ? NONE : new PayloadView.Plan(l, ev.pointerSize());
                byVersion[slot] = p;
            }
            entry.last = p;
            entry.lastSlot = slot;
        }
        return p == NONE ? null : p;
    }

    private static final PayloadView.Plan NONE = new PayloadView.Plan(Layout.of("none"), 8);

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
        return manifest.containsKey(provider) || classic.containsKey(provider);
    }
}
