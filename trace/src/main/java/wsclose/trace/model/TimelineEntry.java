package wsclose.trace.model;

/**
 * One step of a socket's close timeline as {@code wsclose timeline} prints it.
 *
 * @param refcount the reference count after this step, -1 when unknown
 */
public record TimelineEntry(long time, String what, int pid, int tid, String detail, int refcount) {
}
