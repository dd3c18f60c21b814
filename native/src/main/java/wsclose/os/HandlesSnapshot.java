package wsclose.os;

import java.util.List;

/**
 * What one {@code wsclose handles} run saw.
 *
 * @param time        FILETIME (100 ns since 1601, UTC) of the snapshot
 * @param platform    "linux" or "windows"
 * @param limitations what could not be read and why, e.g. "SO_LINGER: needs root or ptrace rights"
 * @param warnings    problems met on the way (a process that exited during the scan, a probe timeout)
 */
public record HandlesSnapshot(long time, String platform, List<SocketSnapshot> sockets, List<String> limitations,
                              List<String> warnings) {
    public HandlesSnapshot {
        sockets = List.copyOf(sockets);
        limitations = List.copyOf(limitations);
        warnings = List.copyOf(warnings);
    }
}
