package wsclose.trace.model;


/**
 * pid, EPROCESS address and image name of the processes in the trace, from kernel Process events
 * (etl-format.md §B.5.4): AFD names a socket's process only by its EPROCESS address.
 */
final class Processes {
    record Proc(int pid, long eprocess, String name, long start, long end) {
    }

    private final LongMap<Proc> byEprocess = new LongMap<>(); // looked up per AFD event: unboxed
    private final LongMap<Proc> byPid = new LongMap<>();

    void start(SocketEvent e) {
        Proc p = new Proc(e.pid(), e.process(), e.name(), e.time(), -1);
        if (e.process() != 0) {
            byEprocess.put(e.process(), p);
        }
        if (e.pid() >= 0) {
            byPid.put(e.pid(), p);
        }
    }

    void end(SocketEvent e) {
        Proc p = byPid.get(e.pid());
        if (p != null) {
            Proc ended = new Proc(p.pid(), p.eprocess(), p.name(), p.start(), e.time());
            byPid.put(p.pid(), ended);
            if (p.eprocess() != 0) {
                byEprocess.put(p.eprocess(), ended);
            }
        }
    }

    /**
     * An EPROCESS seen with a trustworthy pid (an AFD request start) when no process event named it: later
     * events of that process map through it (NETBLAME's EPROCESS to pid map, etl-format.md §C.7).
     */
    void learn(long eprocess, int pid) {
        if (eprocess != 0 && pid >= 0 && byEprocess.get(eprocess) == null) {
            Proc known = byPid.get(pid);
            byEprocess.put(eprocess, new Proc(pid, eprocess, known == null ? null : known.name(), -1, -1));
        }
    }

    Proc byEprocess(long eprocess) {
        return byEprocess.get(eprocess);
    }

    Proc byPid(int pid) {
        return byPid.get(pid);
    }

    String name(int pid) {
        Proc p = byPid.get(pid);
        return p == null ? null : p.name();
    }
}
