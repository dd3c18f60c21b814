package wsclose.trace.etl;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import wsclose.trace.etw.Guid;

/**
 * What {@code wsclose summary} reports about one file: the logfile header, buffer and record counts,
 * the time range, losses, and event counts per (provider, key). Produced by one pass over the record
 * headers, without decoding payloads (like {@code jfr summary}).
 *
 * @param events         all records, header records included
 * @param firstEvent     FILETIME of the earliest record, or 0 when there is none
 * @param providerNames  names found in the trace itself (TraceLogging provider traits) or known to wsclose
 * @param headerKinds    records per header kind label (dissect's class names, e.g. "EventHeader")
 */
public record EtlSummary(String path, long fileSize, LogfileHeader header, long buffers, long compressedBuffers,
                         long contextSwapBuffers, long buffersFlaggedLost, long buffersFlaggedEventsLost,
                         long events, long firstEvent, long lastEvent, Map<String, Long> headerKinds,
                         List<Count> counts, Map<Guid, String> providerNames, boolean incomplete,
                         List<String> warnings) {

    /** One row of the counts table: {@code key} is {@code id<N>}, {@code op<N>}, {@code type<N>} or {@code msg}. */
    public record Count(Guid provider, String key, long count, List<Integer> versions) {
        static final Comparator<Count> ORDER = Comparator.comparing(Count::provider)
                .thenComparing(c -> c.key().replaceAll("\\d", ""))
                .thenComparingLong(c -> c.key().equals("msg") ? 0 : Long.parseLong(c.key().replaceAll("\\D", "")));
    }

    /** True when the header says the file is compressed or any buffer is. */
    public boolean compressed() {
        return compressedBuffers > 0 || header.compressedMode();
    }
}
