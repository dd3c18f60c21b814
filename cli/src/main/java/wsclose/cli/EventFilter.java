package wsclose.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import wsclose.trace.etw.EtwEvent;
import wsclose.trace.etw.Guid;
import wsclose.trace.etw.Providers;

/** The {@code events} filters, checked on header fields before any payload is decoded. */
final class EventFilter {
    private final Set<Guid> providers = new HashSet<>();
    private final Set<Integer> ids = new HashSet<>();
    private final Set<Integer> pids = new HashSet<>();
    private final long since;
    private final long until;

    EventFilter(List<String> providerArgs, List<Integer> idArgs, List<Integer> pidArgs, long since, long until,
                java.util.Map<Guid, String> extraNames) {
        for (String p : providerArgs) {
            Guid g = Providers.resolve(p).orElseGet(() -> extraNames.entrySet().stream()
                    .filter(e -> e.getValue().equalsIgnoreCase(p)).map(java.util.Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new UserException(ExitCodes.USAGE,
                            "unknown provider '" + p + "': give a GUID or a known name such as Microsoft-Windows-Winsock-AFD")));
            providers.add(g);
        }
        ids.addAll(idArgs);
        pids.addAll(pidArgs);
        this.since = since;
        this.until = until;
    }

    boolean test(EtwEvent ev) {
        if (!providers.isEmpty() && !providers.contains(ev.provider())) {
            return false;
        }
        if (!ids.isEmpty() && !ids.contains(ev.id())) {
            return false;
        }
        if (!pids.isEmpty() && !(ev.hasIds() && pids.contains(ev.pid()))) {
            return false;
        }
        if (since != Long.MIN_VALUE || until != Long.MAX_VALUE) {
            long t = ev.fileTime();
            return t >= since && t <= until;
        }
        return true;
    }
}
