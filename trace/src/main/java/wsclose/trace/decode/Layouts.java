package wsclose.trace.decode;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;

/**
 * The lookup table from (provider, event key, version) to payload {@link Layout}: the decoders of
 * wsclose are data, not code (style-study.md §5.5). Templates are keyed by id and version, never by
 * opcode (etl-format.md §A.5.2). When an event's exact version is missing, the highest known version
 * below it is used (newer versions append fields), and failing that the lowest above it.
 */
public final class Layouts {
    /**
     * equals and hashCode written out: a record's own are made at first use through java.lang.runtime.ObjectMethods,
     * whose method handles took about 20 ms of every run's start (some twenty classes spun for this one key).
     */
    private record Key(Guid provider, String keyClass, int id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && id == k.id && java.util.Objects.equals(provider, k.provider)
                    && java.util.Objects.equals(keyClass, k.keyClass);
        }

        @Override
        public int hashCode() {
            return (java.util.Objects.hashCode(provider) * 31 + java.util.Objects.hashCode(keyClass)) * 31 + id;
        }
    }

    private final Map<Key, NavigableMap<Integer, Layout>> table = new HashMap<>();

    /** The layouts wsclose ships: kernel header, process and network events, Winsock, TCPIP. */
    public static Layouts builtIn() {
        Layouts l = new Layouts();
        KernelLayouts.register(l);
        AfdLayouts.register(l);
        TcpipLayouts.register(l);
        SocketsLayouts.register(l);
        NetworkKernelLayouts.register(l);
        return l;
    }

    /** Registers a manifest (EVENT_HEADER) layout. */
    public Layouts event(Guid provider, int id, int version, Layout layout) {
        return put(provider, "id", id, version, layout);
    }

    /** Registers a classic kernel layout for (group GUID, opcode, version). */
    public Layouts kernel(Guid group, int opcode, int version, Layout layout) {
        return put(group, "op", opcode, version, layout);
    }

    /** Registers a classic kernel layout logged with PERFINFO headers (no pid/tid in the header). */
    public Layouts perfinfo(Guid group, int opcode, int version, Layout layout) {
        return put(group, "pop", opcode, version, layout);
    }

    /** Registers a classic MOF (EVENT_TRACE_HEADER) layout for (class GUID, type, version). */
    public Layouts classic(Guid classGuid, int type, int version, Layout layout) {
        return put(classGuid, "type", type, version, layout);
    }

    private Layouts put(Guid provider, String keyClass, int id, int version, Layout layout) {
        table.computeIfAbsent(new Key(provider, keyClass, id), k -> new TreeMap<>()).put(version, layout);
        return this;
    }

    /** Adds every layout of {@code other}, replacing layouts with the same key. */
    public Layouts addAll(Layouts other) {
        other.table.forEach((k, v) -> table.computeIfAbsent(k, x -> new TreeMap<>()).putAll(v));
        return this;
    }

    public Layout find(Guid provider, HeaderKind kind, int id, int version) {
        if (provider == null || kind == HeaderKind.WPP) {
            return null;
        }
        // PERFINFO records of a group can differ from its SYSTEM records (e.g. PerfDiag's compact
        // process events), so they have their own namespace.
        String keyClass = kind == HeaderKind.PERFINFO ? "pop" : kind.keyPrefix();
        NavigableMap<Integer, Layout> versions = table.get(new Key(provider, keyClass, id));
        if (versions == null) {
            return null;
        }
        Map.Entry<Integer, Layout> e = versions.floorEntry(version);
        return (e != null ? e : versions.ceilingEntry(version)).getValue();
    }

    public Layout find(EtwEvent ev) {
        return find(ev.provider(), ev.kind(), ev.id(), ev.version());
    }

    /** Decodes the event's payload, or returns null when no layout is known for it. */
    public Decoded decode(EtwEvent ev) {
        Layout layout = find(ev);
        return layout == null ? null : LayoutDecoder.decode(layout, ev);
    }

    /** Every layout in the table (tests compare the decoders over all of them). */
    java.util.List<Layout> all() {
        java.util.List<Layout> out = new java.util.ArrayList<>();
        table.values().forEach(v -> out.addAll(v.values()));
        return out;
    }

    public int size() {
        return table.values().stream().mapToInt(Map::size).sum();
    }
}
