package wsclose.os;

import java.io.IOException;

/** Takes a snapshot of the sockets of live processes (Windows handle table, Linux procfs + sock_diag). */
public interface HandleSource {
    HandlesSnapshot snapshot(ProcessSelector which) throws IOException;
}
