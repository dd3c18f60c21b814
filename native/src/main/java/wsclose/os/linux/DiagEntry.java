package wsclose.os.linux;

/**
 * One socket from a sock_diag dump (inet_diag_msg plus the tcp_info attribute), or from a /proc/net table
 * when the socket lives in another network namespace. Addresses are "ip:port" text ("[::1]:80" for IPv6).
 *
 * @param family    2 AF_INET or 10 AF_INET6 (1 AF_UNIX for /proc/net/unix rows)
 * @param protocol  6 TCP, 17 UDP, 0 unix
 * @param state     Linux TCP state number (1 ESTABLISHED ... 10 LISTEN), as the kernel reports it
 * @param rqueue    unread receive bytes (LISTEN: accept-queue length), live-mode.md §B.3
 * @param wqueue    send queue, unacked + unsent (LISTEN: backlog limit)
 * @param cookie    socket cookie (sock_diag only; 0 from /proc/net)
 * @param tcp       tcp_info fields, null when the kernel sent none
 */
record DiagEntry(int family, int protocol, int state, String local, String remote, long rqueue, long wqueue, int uid,
                 long inode, long cookie, TcpInfo tcp) {

    /** The fields of {@code struct tcp_info} wsclose shows; -1 when the kernel's struct is too short for one. */
    record TcpInfo(int state, long unacked, long bytesAcked, long bytesReceived, long notSent, long bytesSent) {
    }

    boolean tcp4or6() {
        return protocol == 6 && (family == 2 || family == 10);
    }
}
