package wsclose.os.windows;

/**
 * What wsclose asks StartTrace for (live-mode.md §A.3.3). One session does everything: it is real-time, it may
 * also write an .etl file, and it carries kernel process events as a SystemTraceProvider session.
 *
 * <p>Why one session for {@code --save}: a session may log to a sequential file and deliver to a real-time
 * consumer at once (MS-PLA StreamMode "plaBoth"; "Logging Mode Constants" forbids only APPEND with REAL_TIME),
 * and the file then holds exactly the buffers the live view saw, with the same loss counters. A second session
 * would double the buffers, enable every provider twice and could disagree with the live view.
 *
 * <p>Why EVENT_TRACE_SYSTEM_LOGGER_MODE: since Windows 8 a private session can receive SystemTraceProvider
 * kernel events (here EVENT_TRACE_FLAG_PROCESS) without being the NT Kernel Logger, and up to 8 such sessions
 * coexist ("Configuring and Starting a SystemTraceProvider Session"). Process start/end events turn AFD's
 * EPROCESS pointers into pids (etl-format.md §B.5.4).
 *
 * @param logFile       absolute path of the .etl to write as well, or null for real-time only
 * @param systemLogger  receive kernel process events (EVENT_TRACE_SYSTEM_LOGGER_MODE + EVENT_TRACE_FLAG_PROCESS)
 * @param bufferKb      EVENT_TRACE_PROPERTIES.BufferSize in KB
 * @param flushSeconds  FlushTimer: real-time events arrive at the latest this long after they were logged
 */
record SessionSpec(String name, String logFile, boolean systemLogger, int bufferKb, int minBuffers, int maxBuffers,
                   int flushSeconds) {

    static SessionSpec of(String name, String logFile) {
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new SessionSpec(name, logFile, true, 64, 2 * cpus, Math.max(64, 4 * cpus), 1);
    }

    int logFileMode() {
        return WinConst.EVENT_TRACE_REAL_TIME_MODE
                | (logFile != null ? WinConst.EVENT_TRACE_FILE_MODE_SEQUENTIAL : 0)
                | (systemLogger ? WinConst.EVENT_TRACE_SYSTEM_LOGGER_MODE : 0);
    }

    int enableFlags() {
        return systemLogger ? WinConst.EVENT_TRACE_FLAG_PROCESS : 0;
    }

    SessionSpec withoutSystemLogger() {
        return new SessionSpec(name, logFile, false, bufferKb, minBuffers, maxBuffers, flushSeconds);
    }
}
