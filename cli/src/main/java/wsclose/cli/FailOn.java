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

    public int exitCode(Report r) {
        return level != null && r.hasFindingsAtOrAbove(level) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
