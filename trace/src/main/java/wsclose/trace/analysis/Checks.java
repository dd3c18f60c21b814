package wsclose.trace.analysis;

import java.util.List;

/** Every check wsclose runs, one per finding kind (the order reports list their notes in). */
final class Checks {
    private Checks() {
    }

    static List<Check> all() {
        return List.of(new UseAfterCloseCheck(), new AbortedPendingOpCheck(), new LostSendDataCheck(),
                new UnreadDataResetCheck(), new LingerTimeoutCheck(), new LeakCheck(), new DoubleCloseCheck(),
                new HandleReuseCheck());
    }
}
