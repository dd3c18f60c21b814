package wsclose.cli;

import wsclose.trace.analysis.Report;
import wsclose.trace.analysis.Severity;

/** {@code --fail-on}: the least severe finding that makes the exit code 1; {@code never} turns that off. */
public enum FailOn {
    error(Severity.ERROR), warning(Severity.WARNING), info(Severity.INFO), never(null);

    private final Severity level;

    FailOn(Severity level) {
        this.level = level;
    }

    /**
     * 1 for findings at or above the level; else 3 when damaged buffers were skipped or read in part (a trace that
     * could not be read whole is not "clean"); else 0. {@code never} is always 0.
     */
    public int exitCode(Report r) {
        if (level == null) {
            return ExitCodes.OK;
        }
        if (r.hasFindingsAtOrAbove(level)) {
            return ExitCodes.FINDINGS;
        }
        return r.stats().buffersDamaged() > 0 ? ExitCodes.INPUT : ExitCodes.OK;
    }
}
