package wsclose.trace.etl;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import wsclose.trace.etw.Bytes;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.HeaderKind;
import wsclose.trace.etw.Providers;

/**
 * Accumulates an {@link EtlSummary} from a walk over the records, without allocating per record. Public so a
 * reader that walks a file for another purpose (an interactive session's analysis) can build the summary in
 * the same pass; the walk may be in file or time order.
 */
public final class SummaryBuilder implements Consumer<EtwEvent> {
    /** EVENT_HEADER extended item PROV_TRAITS: u16 size, NUL-terminated UTF-8 provider name (§A.5.3). */
    private static final int EXT_PROV_TRAITS = 0x0C;

    private final CountTable counts = new CountTable();
    private final long[] kinds = new long[HeaderKind.values().length];
    /*
     * Provider names from PROV_TRAITS, looked up for every event with extended data whose provider is not the one
     * before it: a hash map, not a sorted one (TreeMap's Guid comparisons were 9 % of summary's samples on the 2 GiB
     * benchmark file, whose events alternate providers). build() sorts what it prints.
     */
    private final Map<Guid, String> names = new HashMap<>();
    /*
     * The providers named so far, compared by identity (the parser hands out one Guid object per provider): the map's
     * lookup, hashing a Guid for every event with extended data, was 10 % of summary's samples on the 2 GiB benchmark
     * file. A provider not found here still goes to the map, so the result is the map's.
     */
    private final Guid[] named = new Guid[16];
    private int nNamed;
    private long events;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;
    private Guid lastNamed;

    @Override
    public void accept(EtwEvent ev) {
        events++;
        kinds[ev.kind().ordinal()]++;
        counts.add(ev.provider(), ev.kind(), ev.id(), ev.version());
        long ts = ev.timestamp();
        if (ts < minTs) {
            minTs = ts;
        }
        if (ts > maxTs) {
            maxTs = ts;
        }
        if (ev.extendedLength() > 0 && ev.provider() != lastNamed) {
            lastNamed = ev.provider();
            if (!isNamed(ev.provider())) {
                String n = traitsName(ev);
                if (n != null) {
                    names.put(ev.provider(), n);
                    if (nNamed < named.length) {
                        named[nNamed++] = ev.provider();
                    }
                }
            }
        }
    }

    private boolean isNamed(Guid provider) {
        for (int i = 0; i < nNamed; i++) {
            if (named[i] == provider) {
                return true;
            }
        }
        return names.containsKey(provider);
    }

    /** The provider name in a PROV_TRAITS extended item, or null. */
    static String traitsName(EtwEvent ev) {
        byte[] b = ev.array();
        int p = ev.extendedOffset();
        int end = p + ev.extendedLength();
        while (end - p >= 8) {
            int itemSize = Bytes.u16(b, p);
            int type = Bytes.u16(b, p + 2);
            int dataSize = Bytes.u16(b, p + 6);
            if (itemSize < 8 || itemSize > end - p) {
                return null;
            }
            if (type == EXT_PROV_TRAITS && dataSize > 2 && dataSize <= itemSize - 8) {
                int s = p + 8 + 2;
                int stop = s;
                int limit = p + 8 + dataSize;
                while (stop < limit && b[stop] != 0) {
                    stop++;
                }
                return stop > s ? new String(b, s, stop - s, StandardCharsets.UTF_8) : null;
            }
            p += itemSize;
        }
        return null;
    }

    /**
     * Adds what {@code later} saw, a builder of the buffers after this one's in a walk split in parts: the result is
     * what one builder would have seen (a provider named in both keeps the earlier name).
     */
    public void addAll(SummaryBuilder later) {
        events += later.events;
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] += later.kinds[i];
        }
        counts.addAll(later.counts);
        minTs = Math.min(minTs, later.minTs);
        maxTs = Math.max(maxTs, later.maxTs);
        later.names.forEach(names::putIfAbsent);
    }

    /** The first of {@code parts} (builders of a walk's parts, in file order; unused ones null) with the rest added. */
    public static SummaryBuilder merge(SummaryBuilder[] parts) {
        for (int i = 1; i < parts.length && parts[i] != null; i++) {
            parts[0].addAll(parts[i]);
        }
        return parts[0];
    }

    /** The summary of {@code file}, whose events this builder has seen; call after the walk. */
    public EtlSummary build(EtlFile file) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (HeaderKind k : HeaderKind.values()) {
            if (kinds[k.ordinal()] > 0) {
                byKind.put(k.label(), kinds[k.ordinal()]);
            }
        }
        var rows = counts.rows();
        Map<Guid, String> providerNames = new TreeMap<>();
        for (EtlSummary.Count c : rows) {
            String n = names.get(c.provider());
            if (n == null) {
                n = Providers.name(c.provider()).orElse(null);
            }
            if (n != null) {
                providerNames.put(c.provider(), n);
            }
        }
        var tb = file.timeBase();
        return new EtlSummary(file.path().toString(), file.size(), file.header(), file.buffers(), file.compressedBuffers(),
                file.contextSwapBuffers(), file.buffersFlaggedLost(), file.buffersFlaggedEventsLost(), events,
                events == 0 ? 0 : tb.toFileTime(minTs), events == 0 ? 0 : tb.toFileTime(maxTs), byKind, rows,
                providerNames, file.isIncomplete(), file.warnings());
    }
}
