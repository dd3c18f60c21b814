package wsclose.os;

import java.util.List;

/**
 * One socket as a live snapshot sees it (Windows: one AFD FILE_OBJECT; Linux: one struct file / inode),
 * with every reference that holds it open. Both platforms fill the same record so {@code wsclose handles}
 * prints the same columns everywhere (live-mode.md §C.1). Numbers are -1 when unknown; a column that
 * needs a privilege the caller lacks stays unknown and {@link HandlesSnapshot#limitations()} says why.
 *
 * @param id        stable identity within a boot: Linux "ino:113451", Windows "obj:0xffff..." or "grp:N"
 * @param inode     Linux socket inode, 0 when not Linux
 * @param cookie    Linux SO_COOKIE / sock_diag cookie, or Windows AFD endpoint address; 0 when unknown
 * @param object    Windows FILE_OBJECT address, 0 when unknown or hidden
 * @param family    "inet", "inet6", "unix", ...
 * @param type      "stream", "dgram", ...
 * @param state     TCP state name ("ESTABLISHED", "LISTEN", ...), or "" when not TCP
 * @param owners    every (pid, fd/handle) naming the socket
 * @param refcount  references holding the socket open: owners plus {@code inFlight}; -1 when unknown
 * @param inFlight  references no process table shows (Linux: SCM_RIGHTS messages in flight), -1 unknown
 * @param sendQueue bytes queued to send (unacked + unsent), -1 unknown
 * @param recvQueue bytes received and not yet read, -1 unknown
 * @param unacked   bytes sent and not acknowledged, -1 unknown
 * @param notSent   bytes queued and not yet sent, -1 unknown
 * @param linger    SO_LINGER, null when unknown
 * @param risks     plain-words warnings, e.g. "closing now would discard 2,803,712 bytes (SO_LINGER {1,0})"
 */
public record SocketSnapshot(String id, long inode, long cookie, long object, String family, String type, String state,
                             String local, String remote, List<Owner> owners, int refcount, int inFlight,
                             long sendQueue, long recvQueue, long unacked, long notSent, Linger linger,
                             List<String> risks) {

    public SocketSnapshot {
        owners = List.copyOf(owners);
        risks = List.copyOf(risks);
    }

    /** A process reference: pid, fd (Linux) or handle value (Windows), and the process's image name. */
    public record Owner(int pid, long handle, String process) {
    }

    /** SO_LINGER: {@code onOff} true with {@code seconds} 0 is the abortive close. */
    public record Linger(boolean onOff, int seconds) {
        public boolean abortive() {
            return onOff && seconds == 0;
        }
    }
}
