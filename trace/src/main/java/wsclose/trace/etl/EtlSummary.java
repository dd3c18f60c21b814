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
        static final Comparator<Count> ORDER = Count::compare;

        /*
         * Provider, then the key's kind (id, op, type, msg), then its number. Written out: as a comparator chain it
         * made two regular expressions per compare, and sorting the 138 rows of the 2 GiB benchmark file took
         * 20-37 ms of a one-shot `summary` (bench/HISTORY.md).
         */
        private static int compare(Count a, Count b) {
            int c = a.provider().compareTo(b.provider());
            if (c != 0) {
                return c;
            }
            int da = digitsAt(a.key());
            int db = digitsAt(b.key());
            c = a.key().substring(0, da).compareTo(b.key().substring(0, db));
            return c != 0 ? c : Long.compare(number(a.key(), da), number(b.key(), db));
        }

        /** Where the key's number starts: its length for "msg". */
        private static int digitsAt(String key) {
            int i = 0;
            while (i < key.length() && (key.charAt(i) < '0' || key.charAt(i) > '9')) {
                i++;
            }
            return i;
        }

        private static long number(String key, int at) {
            return at >= key.length() ? 0 : Long.parseLong(key.substring(at));
        }
    }

    /** True when the header says the file is compressed or any buffer is. */
    public boolean compressed() {
        return compressedBuffers > 0 || header.compressedMode();
    }
}
