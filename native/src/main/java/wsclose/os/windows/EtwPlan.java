package wsclose.os.windows;

import java.util.List;
import java.util.Set;

/**
 * Everything {@link EtwSession} needs to know, decided up front by {@link SessionPlanner} so it can be tested.
 *
 * @param filterPids   the EVENT_FILTER_TYPE_PID filter for providers that take one; empty for none (over 8 pids)
 * @param selectedPids the pids the user asked about. The callback keeps their events (and their children's)
 *                     even when the kernel filter could not be used
 * @param everything   no selection at all: the callback keeps every event
 * @param followParent keep the events of processes this pid starts (wsclose itself for "-- COMMAND"); -1 none
 * @param notes        what the user should know about this session, e.g. a provider the OS lacks
 */
record EtwPlan(SessionSpec spec, List<ProviderPlan> providers, int[] filterPids, Set<Integer> selectedPids,
               boolean everything, int followParent, List<String> notes) {
    EtwPlan {
        providers = List.copyOf(providers);
        filterPids = filterPids.clone();
        selectedPids = Set.copyOf(selectedPids);
        notes = List.copyOf(notes);
    }
}
