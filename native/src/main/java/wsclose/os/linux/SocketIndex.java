package wsclose.os.linux;

import java.util.HashMap;
import java.util.Map;

/**
 * Which socket (inode) a socket-level tracepoint is about. Those events run in whatever context the kernel is
 * in, so they are never attributed by pid (live-mode.md §B.4 lesson 1), but by the struct sock address
 * ({@code skaddr}, stable for the socket's life), the cookie (tcp_destroy_sock, tcp_receive_reset; equal to
 * sock_diag's idiag_cookie, §B.2) or the address 4-tuple from a sock_diag sample (§C.3).
 */
final class SocketIndex {
    private final Map<Long, Long> bySk = new HashMap<>();
    private final Map<Long, Long> skOf = new HashMap<>();
    private final Map<Long, Long> byCookie = new HashMap<>();
    private final Map<String, Long> byTuple = new HashMap<>();
    private final Map<Long, java.util.List<String>> tuplesOf = new HashMap<>();

    long bySk(long sk) {
        Long i = sk == 0 ? null : bySk.get(sk);
        return i == null ? -1 : i;
    }

    long byCookie(long cookie) {
        Long i = cookie == 0 ? null : byCookie.get(cookie);
        return i == null ? -1 : i;
    }

    long byTuple(String key) {
        Long i = key == null ? null : byTuple.get(key);
        return i == null ? -1 : i;
    }

    boolean hasSk(long inode) {
        return skOf.containsKey(inode);
    }

    void bindSk(long sk, long inode) {
        if (sk == 0 || bySk.containsKey(sk)) {
            return;
        }
        bySk.put(sk, inode);
        skOf.putIfAbsent(inode, sk);
    }

    void learn(DiagEntry d) {
        if (d.inode() == 0) {
            return;
        }
        if (d.cookie() != 0) {
            byCookie.put(d.cookie(), d.inode());
        }
        tuple(key(d.family(), d.local(), d.remote()), d.inode());
        if (d.family() == 10) {
            tuple(portKey(port(d.local()), port(d.remote())), d.inode());
        }
    }

    private void tuple(String key, long inode) {
        Long old = byTuple.put(key, inode);
        if (old == null || old != inode) {
            tuplesOf.computeIfAbsent(inode, k -> new java.util.ArrayList<>(2)).add(key);
        }
    }

    /** The socket known as {@code made} is {@code real} (Translator.rename): every key that named it names the inode. */
    void rename(long made, long real) {
        bySk.replaceAll((k, v) -> v == made ? real : v);
        byCookie.replaceAll((k, v) -> v == made ? real : v);
        byTuple.replaceAll((k, v) -> v == made ? real : v);
        Long sk = skOf.remove(made);
        if (sk != null) {
            skOf.putIfAbsent(real, sk);
        }
        java.util.List<String> keys = tuplesOf.remove(made);
        if (keys != null) {
            tuplesOf.computeIfAbsent(real, k -> new java.util.ArrayList<>(2)).addAll(keys);
        }
    }

    /** The socket is destroyed: its struct sock address and cookie may name another socket from now on. */
    void forget(long inode, long sk, long cookie) {
        Long mine = skOf.remove(inode);
        if (mine != null) {
            bySk.remove(mine, inode);
        }
        if (sk != 0) {
            bySk.remove(sk);
        }
        if (cookie != 0) {
            byCookie.remove(cookie, inode);
        }
        java.util.List<String> keys = tuplesOf.remove(inode);
        if (keys != null) {
            for (String k : keys) {
                byTuple.remove(k, inode);
            }
        }
    }

    int size() {
        return bySk.size() + byCookie.size() + byTuple.size();
    }

    static String key(int family, String local, String remote) {
        return family + "|" + local + "|" + remote;
    }

    /** IPv6 tracepoints carry no addresses in fields mode (arrays print as <INVALID-SIZE>): ports only. */
    static String portKey(long sport, long dport) {
        return "6|" + sport + "|" + dport;
    }

    static int port(String addr) {
        return Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
    }
}
