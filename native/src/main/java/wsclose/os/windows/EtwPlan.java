package wsclose.os.windows;

import java.util.List;
import java.util.Set;

/**
 * Everything {@link EtwSession} needs to know, decided up front by {@link SessionPlanner} so it can be tested.
 *
 * @param filterPids   the EVENT_FILTER_TYPE_PID filter for providers that take one; empty for none (over 8 pids)
 * @param selectedPids the pids the user asked about; empty for every process. The callback keeps their events
 *                     even when the kernel filter could not be used
 * @param notes        what the user should know about this session, e.g. a provider the OS lacks
 */
record EtwPlan(SessionSpec spec, List<ProviderPlan> providers, int[] filterPids, Set<Integer> selectedPids,
               List<String> notes) {
    EtwPlan {
        providers = List.copyOf(providers);
        filterPids = filterPids.clone();
        selectedPids = Set.copyOf(selectedPids);
        notes = List.copyOf(notes);
    }
}
