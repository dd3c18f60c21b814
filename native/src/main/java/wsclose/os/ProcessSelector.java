package wsclose.os;

import java.util.Set;

/** Which processes a live command looks at: the given pids, processes with this name, or all when both are empty. */
public record ProcessSelector(Set<Integer> pids, String processName) {
    public ProcessSelector {
        pids = Set.copyOf(pids);
    }

    public static ProcessSelector all() {
        return new ProcessSelector(Set.of(), null);
    }

    public boolean isAll() {
        return pids.isEmpty() && (processName == null || processName.isEmpty());
    }

    public boolean matches(int pid, String name) {
        if (isAll()) {
            return true;
        }
        return pids.contains(pid) || processName != null && processName.equalsIgnoreCase(name);
    }
}
