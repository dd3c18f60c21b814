package wsclose.trace.etl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What went wrong while reading, without stopping the read: damaged records and buffers, skipped
 * record kinds, a truncated tail. Keeps the first messages verbatim and counts the rest, so that a
 * badly damaged file cannot make the list grow without bound.
 */
final class ReadProblems {
    private static final int MAX_MESSAGES = 20;
    private final List<String> messages = new ArrayList<>();
    private long count;
    private long malformedRecords;
    private long unknownRecords;
    private long damagedBuffers;
    private long outOfOrder;
    private boolean incomplete;
    /** Damaged buffers plus malformed records: what loses events, read twice per record by the walk's cursors. */
    private long lossCount;

    void warn(String message) {
        count++;
        if (messages.size() < MAX_MESSAGES) {
            messages.add(message);
        }
    }

    void malformedRecord(String message) {
        malformedRecords++;
        lossCount++;
        warn(message);
    }

    void unknownRecord() {
        unknownRecords++;
    }

    void damagedBuffer(String message) {
        damagedBuffers++;
        lossCount++;
        warn(message);
    }

    void outOfOrder() {
        outOfOrder++;
    }

    void incomplete(String message) {
        incomplete = true;
        warn(message);
    }

    boolean isIncomplete() {
        return incomplete;
    }

    long malformedRecords() {
        return malformedRecords;
    }

    long unknownRecords() {
        return unknownRecords;
    }

    /** Damaged buffers and malformed records so far: a change around a read means the read lost events. */
    long lossCount() {
        return lossCount;
    }

    long damagedBuffers() {
        return damagedBuffers;
    }

    long outOfOrderEvents() {
        return outOfOrder;
    }

    /**
     * Adds what {@code later} found, a walk of the buffers after this one's: the result is what one walk over both
     * would have found (the first messages kept verbatim in file order, the rest counted).
     */
    void addAll(ReadProblems later) {
        for (String m : later.messages) {
            if (messages.size() < MAX_MESSAGES) {
                messages.add(m);
            }
        }
        count += later.count;
        malformedRecords += later.malformedRecords;
        unknownRecords += later.unknownRecords;
        damagedBuffers += later.damagedBuffers;
        outOfOrder += later.outOfOrder;
        incomplete |= later.incomplete;
        lossCount += later.lossCount;
    }

    /** The warnings so far, with a final line counting those not kept. */
    List<String> messages() {
        List<String> out = new ArrayList<>(messages);
        if (count > messages.size()) {
            out.add((count - messages.size()) + " more problems not shown");
        }
        if (unknownRecords > 0) {
            out.add(unknownRecords + " records of unknown header kinds were skipped");
        }
        if (outOfOrder > 0) {
            out.add(outOfOrder + " events were out of time order within their processor's buffers");
        }
        return Collections.unmodifiableList(out);
    }
}
