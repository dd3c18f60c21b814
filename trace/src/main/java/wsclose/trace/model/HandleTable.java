package wsclose.trace.model;


/**
 * Which socket each (pid, handle value) names now, and which it named before its last close. Windows
 * hands a closed value out again at once (closesocket docs; etl-format.md §B.6), so "what did this value
 * mean to the thread that used it" needs both.
 */
final class HandleTable {
    /** The socket a value named until it was closed; {@code apiClosed} once closesocket/close() reported it. */
    static final class Previous {
        private final SocketTimeline socket;
        private final long closedAt;
        private final int closerTid;
        boolean apiClosed;

        Previous(SocketTimeline socket, long closedAt, int closerTid) {
            this.socket = socket;
            this.closedAt = closedAt;
            this.closerTid = closerTid;
        }

        SocketTimeline socket() { return socket; }
        long closedAt() { return closedAt; }
        int closerTid() { return closerTid; }
    }

    private final LongMap<SocketTimeline> current = new LongMap<>();
    private final LongMap<Previous> previous = new LongMap<>();

    static long key(int pid, long handle) {
        return ((long) pid << 32) | (handle & 0xFFFFFFFFL);
    }

    SocketTimeline get(int pid, long handle) {
        return current.get(key(pid, handle));
    }

    Previous previous(int pid, long handle) {
        return previous.get(key(pid, handle));
    }

    /** Binds a value to a socket; returns what the value named before, if it was closed earlier. */
    Previous bind(int pid, long handle, SocketTimeline socket) {
        current.put(key(pid, handle), socket);
        return previous.get(key(pid, handle));
    }

    Previous unbind(int pid, long handle, long at, int tid) {
        SocketTimeline s = current.remove(key(pid, handle));
        if (s == null) {
            return null;
        }
        Previous p = new Previous(s, at, tid);
        previous.put(key(pid, handle), p);
        return p;
    }

    /** Forgets everything about a process whose id may now be reused. */
    void forgetProcess(int pid) {
        for (long k : previous.keys()) {
            if ((int) (k >>> 32) == pid) {
                previous.remove(k);
            }
        }
    }

    int size() {
        return current.size() + previous.size();
    }
}
