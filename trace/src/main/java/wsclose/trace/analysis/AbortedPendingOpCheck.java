package wsclose.trace.analysis;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import wsclose.trace.model.Codes;
import wsclose.trace.model.PendingOp;
import wsclose.trace.model.SocketEvent.Source;
import wsclose.trace.model.SocketTimeline;

/**
 * aborted-pending-op: closesocket cancels every request still pending on the socket, in any thread;
 * overlapped requests complete with WSA_OPERATION_ABORTED (STATUS_CANCELLED in AFD) (closesocket and
 * WSPCloseSocket docs, etl-format.md §C.5). Expected when closing is how the program cancels; a bug when
 * another thread was still relying on the request.
 */
final class AbortedPendingOpCheck implements Check {
    @Override
    public String kind() {
        return Kinds.ABORTED_PENDING_OP;
    }

    @Override
    public List<Set<Source>> needs() {
        return List.of(Set.of(Source.AFD), Set.of(Source.LINUX));
    }

    @Override
    public String capture() {
        return "enable Microsoft-Windows-Winsock-AFD at level 5 with all keywords";
    }

    @Override
    public void retired(SocketTimeline t, Supplier<SocketSummary> summary, Consumer<Finding> out) {
        long closeAt = t.closeRequested() >= 0 ? t.closeRequested() : t.closed();
        List<PendingOp> aborted = t.aborted();
        for (int i = 0; i < aborted.size(); i++) { // per retired socket: no iterator
            PendingOp op = aborted.get(i);
            SocketSummary s = summary.get();
            String started = op.started() >= 0 ? " started " + Words.duration(closeAt - op.started()) + " before the close" : "";
            String how = op.ended() >= 0
                    ? "it completed with " + Codes.name(op.status())
                    : "it never completed in the trace";
            String bytes = op.bytes() > 0 ? " of " + Words.bytes(op.bytes()) + " bytes" : "";
            String message = Words.join("closesocket on ", Words.socket(s), " aborted a pending ", op.op(), bytes, " on thread ",
                    Integer.toString(op.tid()), started, "; ", how, ". Treat WSA_OPERATION_ABORTED as the end of I/O on a closed"
                    + " socket, and close only after the threads waiting on the socket are told to stop.");
            List<Finding.Evidence> ev = new java.util.ArrayList<>();
            if (op.started() >= 0) {
                ev.add(new Finding.Evidence(op.started(), op.op() + " started on thread " + op.tid()));
            }
            ev.add(new Finding.Evidence(closeAt, "close requested"));
            if (op.ended() >= 0) {
                ev.add(new Finding.Evidence(op.ended(), op.op() + " completed: " + Codes.name(op.status())));
            }
            out.accept(new Finding(kind(), Severity.WARNING, op.ended() >= 0 ? op.ended() : closeAt, message, s, s.pid(), -1,
                    ev, Details.of("op", op.op(), "thread", op.tid())));
        }
    }
}
