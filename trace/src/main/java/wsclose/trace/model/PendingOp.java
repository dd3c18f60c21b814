package wsclose.trace.model;

/**
 * A request that was started on a socket (AFD EnterExit 0) and had not completed when the socket was
 * closed, or that completed with a cancellation status afterwards.
 *
 * @param ended   completion time, -1 if it never completed in the trace
 * @param status  completion NTSTATUS, or -1 when it never completed
 */
public record PendingOp(String op, int tid, long started, long bytes, long ended, long status) {
    PendingOp end(long at, long st) {
        return new PendingOp(op, tid, started, bytes, at, st);
    }
}
