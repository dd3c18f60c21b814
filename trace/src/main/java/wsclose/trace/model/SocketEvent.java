package wsclose.trace.model;

/**
 * One socket-relevant fact, normalized from whichever source saw it (AFD, TCPIP, Winsock-Sockets,
 * kernel handle and process events, or a live Linux trace). The flat shape keeps every stage after the
 * decoders independent of where a fact came from (style-study.md §6, {@code SocketEvent}).
 *
 * <p>Identity fields are 0 (or -1 for pid, tid and handle) when the source does not carry them.
 *
 * <p>How a live source speaks to the model (Linux tracefs; the same kinds serve Windows snapshots):
 * <ul>
 * <li>{@code endpoint} is the socket's identity: the AFD endpoint on Windows, the inode on Linux.</li>
 * <li>OBSERVED (snapshot, one per holder): endpoint, pid, handle = fd, local, remote, value = TCP state in
 *     MIB_TCP_STATE numbering (1 CLOSED, 2 LISTEN, 5 ESTABLISHED ... 12 DELETE_TCB), name = process image name;
 *     handle -1 for a socket no process holds (Linux: SCM_RIGHTS in flight).</li>
 * <li>API_SETOPT with name "SO_LINGER", value = l_onoff &lt;&lt; 16 | l_linger (a snapshot reports the current setting
 *     this way too).</li>
 * <li>socket()/accept(): CREATE (endpoint, pid, tid, addresses) then API_CREATE / API_ACCEPT (handle = fd).</li>
 * <li>dup/dup2/dup3/F_DUPFD, fork inheritance, SCM_RIGHTS receipt: API_DUP with pid = the new holder,
 *     handle = the new value, value = the value copied, endpoint when known, name = "dup2", "fork", ...</li>
 * <li>close: API_CLOSE phase ENTER at the call (handle), then API_CLOSE (phase EXIT or NONE) with status = errno
 *     (0 ok, 9 EBADF). send/recv/read/write on sockets: API_SEND / API_RECV completions with bytes and status;
 *     shutdown: API_SHUTDOWN, value = how (0 receive, 1 send, 2 both).</li>
 * <li>TCP: TCP_STATE (value = new MIB state, name = "ESTABLISHED->FIN_WAIT1"), TCP_RST_SENT, TCP_RST_RECEIVED,
 *     FREE when the kernel destroys the socket; endpoint set when the source can map it, else tcb + addresses.</li>
 * <li>QUEUE_SAMPLE: bytes = unread receive queue, value = send queue (unsent + unacked), as last sampled; on Linux
 *     name = {@link #ACKS_TRACED} when every later segment the socket receives arrives as TCP_CUM_ACK (tcp:tcp_probe:
 *     value = snd_una and seq = snd_nxt before that segment's ACK is processed); seq = how long (100 ns units) the read
 *     of the queues took, from {@code time} (a sock_diag dump reads the sockets one after another), or -1 for an
 *     instant: a segment, read or send of the socket logged in that window may or may not be in the figures.</li>
 * <li>PROCESS_START / PROCESS_END with pid and name: exit closes every handle the process still held.</li>
 * <li>TCP sequence numbers (Windows TCPIP, etl-format.md §B.2, §C.6 item 3): TCP_SEND_POSTED bytes = NumBytes,
 *     seq = SndNxt; TCP_TRANSMIT (TcpDataTransferSend) bytes = NumBytes, seq = SeqNo, value = SndUna;
 *     TCP_CUM_ACK (TcpDataTransferCumAck) value = SndUna, seq = SeqNo; TCP_ACKED (TcpSendAcked, 25H2+)
 *     bytes = NumBytes; TCP_STATE seq = SndNxt. All 32-bit, wrapping.</li>
 * </ul>
 *
 * <p>Header pid and tid: decoders fill {@code pid} only where it names the owner (AFD request starts and
 * creation, Winsock-Sockets calls, process and handle events, a TCPIP payload ProcessId); completions and
 * indications logged in another context carry pid -1 and their tid only for display (§C.7).
 *
 *
 * <p>Not a record: {@code SocketDecoder.decodeShared} refills one instance per input event, so the analyze path
 * allocates nothing per event (issue: analyze at the reader's speed). Whoever keeps an event past the call that
 * handed it over keeps a {@link #copy()}; everything else treats it as immutable.
 *
 * @param time     FILETIME (100 ns since 1601, UTC)
 * @param process  EPROCESS address (Windows kernel sources), 0 when unknown
 * @param endpoint AFD endpoint address, or on Linux the socket cookie/inode: the socket's identity
 * @param handle   SOCKET / handle / fd value, -1 when unknown
 * @param object   FILE_OBJECT address behind the handle, 0 when unknown
 * @param tcb      TCP control block (TCPIP Tcb, classic connid), 0 when unknown
 * @param status   NTSTATUS, Winsock error or errno of the operation; 0 for success
 * @param bytes    bytes involved, -1 when not applicable
 * @param value    kind-specific: abort reason, linger setting, TCP state, target pid of a duplicate, ...
 * @param local    local address "ip:port", or null
 * @param remote   remote address "ip:port", or null
 * @param name     kind-specific text: the image name of a process event, the option name, ...
 * @param seq      a TCP sequence number the event carries (32-bit), or -1
 */
public final class SocketEvent {
    private long time;
    private SocketEventKind kind;
    private Source source;
    private Phase phase;
    private int pid;
    private int tid;
    private long process;
    private long endpoint;
    private long handle;
    private long object;
    private long tcb;
    private long status;
    private long bytes;
    private long value;
    private String local;
    private String remote;
    /**
     * The addresses' texts when only asked for: made on the first local() or remote(), by the thread that reads the
     * event (the model's, when the decoder runs ahead), not by the decoder (issue: analyze at the reader's speed).
     */
    private LazyText localLater;
    private LazyText remoteLater;
    /**
     * An IPv4 address kept as its {@link Ip4} key instead of a lazy text, 0 when there is none: what
     * {@link #keepTexts} keeps of a SOCKADDR_IN, so that an event in a batch carries no copied bytes (two objects
     * and an array copy per address fewer on the decoding thread, and fewer cache lines handed to the model's).
     */
    private long localKey;
    private long remoteKey;
    private String name;
    private long seq;

    public SocketEvent(long time, SocketEventKind kind, Source source, Phase phase, int pid, int tid, long process,
                       long endpoint, long handle, long object, long tcb, long status, long bytes, long value,
                       String local, String remote, String name, long seq) {
        set(time, kind, source, phase, pid, tid, process, endpoint, handle, object, tcb, status, bytes, value, local,
                remote, name, seq);
    }

    private void set(long time, SocketEventKind kind, Source source, Phase phase, int pid, int tid, long process,
                     long endpoint, long handle, long object, long tcb, long status, long bytes, long value,
                     String local, String remote, String name, long seq) {
        this.time = time;
        this.kind = kind;
        this.source = source;
        this.phase = phase;
        this.pid = pid;
        this.tid = tid;
        this.process = process;
        this.endpoint = endpoint;
        this.handle = handle;
        this.object = object;
        this.tcb = tcb;
        this.status = status;
        this.bytes = bytes;
        this.value = value;
        this.local = local;
        this.remote = remote;
        this.localLater = null;
        this.remoteLater = null;
        this.localKey = 0;
        this.remoteKey = 0;
        this.name = name;
        this.seq = seq;
    }

    public long time() { return time; }
    public SocketEventKind kind() { return kind; }
    public Source source() { return source; }
    public Phase phase() { return phase; }
    public int pid() { return pid; }
    public int tid() { return tid; }
    public long process() { return process; }
    public long endpoint() { return endpoint; }
    public long handle() { return handle; }
    public long object() { return object; }
    public long tcb() { return tcb; }
    public long status() { return status; }
    public long bytes() { return bytes; }
    public long value() { return value; }
    public String local() {
        if (localLater != null) {
            local = localLater.text();
            localLater = null;
        } else if (local == null && localKey != 0) {
            local = Ip4.text(localKey);
        }
        return local;
    }
    public String remote() {
        if (remoteLater != null) {
            remote = remoteLater.text();
            remoteLater = null;
        } else if (remote == null && remoteKey != 0) {
            remote = Ip4.text(remoteKey);
        }
        return remote;
    }
    public String name() { return name; }
    public long seq() { return seq; }

    /**
     * The local address as an {@link Ip4} key, or 0 when there is none or it is not IPv4 (then {@link #local()} is
     * its text). A SOCKADDR's bytes give the key without making the text; a text gives it when it is an IPv4
     * address exactly as formatted, so the same address compares equal from either.
     */
    public long localIp4() {
        if (localKey != 0) {
            return localKey;
        }
        long k = localLater == null ? 0 : localLater.ip4();
        return k != 0 ? k : parse(local()); // local() keeps the text it makes
    }

    /** The remote address as an {@link Ip4} key, or 0 (see {@link #localIp4()}). */
    public long remoteIp4() {
        if (remoteKey != 0) {
            return remoteKey;
        }
        long k = remoteLater == null ? 0 : remoteLater.ip4();
        return k != 0 ? k : parse(remote());
    }

    private static long parse(String text) {
        return text == null ? 0 : Ip4.parse(text);
    }

    /**
     * A text made when first asked for, from bytes that stay valid while the event is being handed over: most
     * consumers never read the remote address of a send or receive, and formatting it per event cost more than
     * the model's work on it (issue: analyze at the reader's speed).
     */
    @FunctionalInterface
    public interface LazyText {
        String text();

        /**
         * The same text to be made later, from bytes of its own ({@code spare}'s, when it is one this method
         * made before), so that it stays valid after the input event; null when it cannot be kept that way.
         */
        default LazyText keep(LazyText spare) {
            return null;
        }

        /** The {@link Ip4} key of the address this text would show, without making it; 0 when it is no IPv4 address. */
        default long ip4() {
            return 0;
        }
    }

    /** What {@link #keepTexts} kept the lazy texts in last: refilled the next time, so keeping allocates nothing. */
    private LazyText keptLocal;
    private LazyText kept;

    /**
     * Makes this event's lazy texts independent of the input event they read, for an event built straight into its
     * slot of a batch that another thread reads later ({@code DecodeAhead}): an IPv4 address becomes its key (the
     * text is made from it, the same as from the bytes: Sockaddrs.format), other addresses keep their bytes where
     * the text can be kept that way ({@link LazyText#keep}), else the text is made now.
     */
    public void keepTexts() {
        if (localLater != null) {
            localKey = localLater.ip4();
            LazyText l = localKey != 0 ? null : localLater.keep(keptLocal);
            if (l != null) {
                keptLocal = l;
            } else if (localKey == 0) {
                local = localLater.text(); // neither a key nor bytes: made now
            }
            localLater = l;
        }
        if (remoteLater != null) {
            remoteKey = remoteLater.ip4();
            LazyText r = remoteKey != 0 ? null : remoteLater.keep(kept);
            if (r != null) {
                kept = r;
            } else if (remoteKey == 0) {
                remote = remoteLater.text();
            }
            remoteLater = r;
        }
    }

    /** An event with nothing known yet, to be filled by a builder ({@link Builder#retarget}). */
    public static SocketEvent blank() {
        return new SocketEvent(0, SocketEventKind.CREATE, Source.AFD, Phase.NONE, -1, -1, 0, 0, -1, 0, 0, 0, -1, 0, null, null,
                null, -1);
    }

    /** An instance of its own, for keeping past the call that handed this one over. */
    public SocketEvent copy() {
        return new SocketEvent(time, kind, source, phase, pid, tid, process, endpoint, handle, object, tcb, status, bytes,
                value, local(), remote(), name, seq);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SocketEvent)) {
            return false;
        }
        SocketEvent e = (SocketEvent) o;
        return time == e.time && kind == e.kind && source == e.source && phase == e.phase && pid == e.pid && tid == e.tid
                && process == e.process && endpoint == e.endpoint && handle == e.handle && object == e.object
                && tcb == e.tcb && status == e.status && bytes == e.bytes && value == e.value && seq == e.seq
                && java.util.Objects.equals(local(), e.local()) && java.util.Objects.equals(remote(), e.remote())
                && java.util.Objects.equals(name, e.name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(time, kind, source, phase, pid, tid, process, endpoint, handle, object, tcb, status,
                bytes, value, local(), remote(), name, seq);
    }

    @Override
    public String toString() {
        return "SocketEvent[time=" + time + ", kind=" + kind + ", source=" + source + ", phase=" + phase + ", pid=" + pid
                + ", tid=" + tid + ", process=" + process + ", endpoint=" + endpoint + ", handle=" + handle + ", object="
                + object + ", tcb=" + tcb + ", status=" + status + ", bytes=" + bytes + ", value=" + value + ", local="
                + local() + ", remote=" + remote() + ", name=" + name + ", seq=" + seq + "]";
    }


    /** The QUEUE_SAMPLE name saying that every later acknowledgement of the socket is traced (tcp:tcp_probe). */
    public static final String ACKS_TRACED = "acks traced";

    /** Where a fact came from; the report lists which were present and which were missing. */
    public enum Source {
        AFD("Microsoft-Windows-Winsock-AFD"),
        TCPIP("Microsoft-Windows-TCPIP"),
        SOCKETS("Microsoft-Windows-Winsock-Sockets"),
        HANDLES("kernel handle events (ObTrace)"),
        PROCESSES("kernel process events"),
        KERNEL_NETWORK("kernel TcpIp/UdpIp or Microsoft-Windows-Kernel-Network"),
        LINUX("Linux tracefs"),
        SNAPSHOT("handle-table snapshot");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** AFD's EnterExit: a request started, completed, or an internal/transport action (etl-format.md §B.1). */
    public enum Phase { ENTER, EXIT, AFD_INTERNAL, TRANSPORT, NONE }

    public static Builder at(long time, SocketEventKind kind, Source source) {
        return new Builder(time, kind, source);
    }

    /**
     * Fluent construction for decoders and tests: unset identity fields stay "unknown". The fields are built in an
     * event of the builder's own ({@link #into}: the decoder's shared event itself, so handing it over copies nothing).
     */
    public static final class Builder {
        private SocketEvent e;

        Builder(long time, SocketEventKind kind, Source source) {
            this.e = blank();
            restart(time, kind, source);
        }

        private Builder(SocketEvent target) {
            this.e = target;
        }

        /** A builder that writes straight into {@code target}: {@link #buildInto} of it then copies nothing. */
        public static Builder into(SocketEvent target) {
            return new Builder(target);
        }

        /**
         * Builds in {@code target} from now on (its next {@link #restart}): the decoder running ahead writes each
         * event straight into its slot of a batch instead of copying a shared one there.
         */
        public Builder retarget(SocketEvent target) {
            this.e = target;
            return this;
        }

        /** The event being built. */
        public SocketEvent event() {
            return e;
        }

        public Builder phase(Phase p) { e.phase = p; return this; }
        public Builder thread(int pid, int tid) { e.pid = pid; e.tid = tid; return this; }
        public Builder pid(int pid) { e.pid = pid; return this; }
        public Builder process(long eprocess) { e.process = eprocess; return this; }
        public Builder endpoint(long x) { e.endpoint = x; return this; }
        public Builder handle(long h) { e.handle = h; return this; }
        public Builder object(long o) { e.object = o; return this; }
        public Builder tcb(long t) { e.tcb = t; return this; }
        public Builder status(long st) { e.status = st; return this; }
        public Builder bytes(long b) { e.bytes = b; return this; }
        public Builder value(long v) { e.value = v; return this; }
        public Builder local(String l) { e.local = l; e.localLater = null; e.localKey = 0; return this; }
        public Builder remote(String r) { e.remote = r; e.remoteLater = null; e.remoteKey = 0; return this; }
        /** The remote address made only if a consumer reads it (see {@link LazyText}); null: unknown. */
        public Builder remoteLater(LazyText r) { e.remote = null; e.remoteLater = r; e.remoteKey = 0; return this; }
        /** The local address made only if a consumer reads it (see {@link LazyText}); null: unknown. */
        public Builder localLater(LazyText l) { e.local = null; e.localLater = l; e.localKey = 0; return this; }
        public Builder name(String n) { e.name = n; return this; }
        public Builder seq(long sq) { e.seq = sq; return this; }

        /**
         * Starts over for another event, every field unknown again: one builder serves a decoder for the whole
         * input (SocketDecoder), so building an event allocates nothing.
         */
        public Builder restart(long time, SocketEventKind kind, Source source) {
            e.set(time, kind, source, Phase.NONE, -1, -1, 0, 0, -1, 0, 0, 0, -1, 0, null, null, null, -1);
            return this;
        }

        /** Writes this builder's event into {@code target} (a reused instance) and returns it. */
        public SocketEvent buildInto(SocketEvent target) {
            if (target != e) {
                target.set(e.time, e.kind, e.source, e.phase, e.pid, e.tid, e.process, e.endpoint, e.handle, e.object, e.tcb,
                        e.status, e.bytes, e.value, e.local, e.remote, e.name, e.seq);
                target.localLater = e.localLater; // valid as long as the shared event: until the next input event
                target.remoteLater = e.remoteLater;
                target.localKey = e.localKey;
                target.remoteKey = e.remoteKey;
            }
            return target;
        }

        public SocketEvent build() {
            return new SocketEvent(e.time, e.kind, e.source, e.phase, e.pid, e.tid, e.process, e.endpoint, e.handle, e.object,
                    e.tcb, e.status, e.bytes, e.value, e.local(), e.remote(), e.name, e.seq);
        }
    }
}
