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

    void warn(String message) {
        count++;
        if (messages.size() < MAX_MESSAGES) {
            messages.add(message);
        }
    }

    void malformedRecord(String message) {
        malformedRecords++;
        warn(message);
    }

    void unknownRecord() {
        unknownRecords++;
    }

    void damagedBuffer(String message) {
        damagedBuffers++;
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

    long damagedBuffers() {
        return damagedBuffers;
    }

    long outOfOrderEvents() {
        return outOfOrder;
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
