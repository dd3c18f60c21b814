package wsclose.os.windows;

import wsclose.trace.etw.Guid;

/**
 * One provider the session enables (live-mode.md §A.3.3 step 3).
 *
 * @param required     the session is useless without it (AFD): failing to enable it ends {@code trace}
 * @param pidFilter    gets the EVENT_FILTER_TYPE_PID filter; only providers that log in the caller's context
 * @param captureState also sends EVENT_CONTROL_CODE_CAPTURE_STATE, for rundown of what exists already
 */
record ProviderPlan(String name, Guid guid, int level, long keywords, boolean required, boolean pidFilter,
                    boolean captureState) {
}
