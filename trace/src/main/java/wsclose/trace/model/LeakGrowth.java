package wsclose.trace.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Per process, the facts behind a leak in a short trace: the sockets it created during the trace and still had
 * open at the end, how many it had open before they appeared, how many of the sockets it created since then it
 * did close, and how many of the open ones sat idle. The model collects them when the input ends; LeakCheck
 * decides whether they show a leaking loop. Memory: a bounded ring of recent creation times per process.
 */
public final class LeakGrowth {
    /** A socket idle at least this long at the end counts as abandoned. */
    public static final long IDLE = 2_500_000L; // 250 ms in 100-ns units
    private static final int RING = 1024;

    /** One process's growth. {@code open} are the sockets that grew, oldest first. */
    public static final class Group {
        final int pid;
        final List<SocketTimeline> open = new ArrayList<>();
        int before;
        int closedSince;
        int idle;
        boolean reported;

        Group(int pid) {
            this.pid = pid;
        }

        public int pid() { return pid; }
        /** Open sockets the process already had when the growth began (existing or created before). */
        public int countAtStart() { return before; }
        public int countAtEnd() { return before + open.size(); }
        public int grown() { return open.size(); }
        /** Sockets the process created after the growth began and closed again. */
        public int closedSince() { return closedSince; }
        /** Of the grown sockets, those idle for at least {@link #IDLE} at the end and for longer than they were in use. */
        public int idle() { return idle; }
        public long first() { return open.get(0).created; }
        public long last() { return open.get(open.size() - 1).created; }

        /** True once, for the first socket of the group that is reported: the caller then writes the aggregate line. */
        public boolean claimAggregate() {
            boolean first = !reported;
            reported = true;
            return first;
        }
    }

    /** Creation times of recently closed sockets, per pid (a ring: only "were there many since" matters). */
    private final LongMap<long[]> closedCreations = new LongMap<>();
    private final LongMap<int[]> ringPos = new LongMap<>();

    void closed(SocketTimeline t) {
        if (t.created < 0 || t.pid < 0) {
            return;
        }
        long[] ring = closedCreations.get(t.pid);
        int[] pos = ringPos.get(t.pid);
        if (ring == null) {
            ring = new long[RING];
            java.util.Arrays.fill(ring, Long.MIN_VALUE);
            pos = new int[1];
            closedCreations.put(t.pid, ring);
            ringPos.put(t.pid, pos);
        }
        ring[pos[0]++ % RING] = t.created;
    }

    /** Called when the input ends with every socket still known, before they retire. */
    void finish(List<SocketTimeline> live, long end) {
        LongMap<Group> groups = new LongMap<>();
        for (SocketTimeline t : live) {
            if (t.closed >= 0) {
                closed(t);
            }
        }
        for (SocketTimeline t : live) {
            if (t.pid < 0 || t.closed >= 0 || t.apiClosed || t.closedByProcessExit() || t.created < 0
                    || t.state() == SocketState.LISTENING) {
                continue;
            }
            Group g = groups.get(t.pid);
            if (g == null) {
                g = new Group(t.pid);
                groups.put(t.pid, g);
            }
            g.open.add(t);
        }
        for (Group g : groups.values()) {
            g.open.sort((a, b) -> Long.compare(a.created, b.created));
            long first = g.first();
            for (SocketTimeline t : live) {
                if (t.pid == g.pid && t.closed < 0 && (t.created < 0 || t.state() == SocketState.LISTENING)) {
                    g.before++;
                }
            }
            long[] ring = closedCreations.get(g.pid);
            if (ring != null) {
                for (long c : ring) {
                    if (c >= first) {
                        g.closedSince++;
                    }
                }
            }
            for (SocketTimeline t : g.open) {
                long idle = end - t.lastActivity;
                if (idle >= IDLE && t.lastActivity - t.created <= idle) {
                    g.idle++; // abandoned: idle at the end for longer than it was ever in use
                }
                t.rare().growth = g;
            }
        }
    }
}
