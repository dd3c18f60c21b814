package wsclose.trace.model;

/**
 * One reference to a socket: a handle (Windows) or fd (Linux) value in a process.
 *
 * @param how "created", "duplicated", "inherited", "accepted", "existing" or "observed"
 * @param closed FILETIME of the close, -1 while open
 */
public record HandleRef(int pid, long handle, long opened, String how, long closed) {
    HandleRef close(long at) {
        return new HandleRef(pid, handle, opened, how, at);
    }

    public boolean open() {
        return closed < 0;
    }
}
