package org.qanode.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.qanode.compare.Summary;

/**
 * One sweep run in the history ({@code GET /api/v1/sweeps}).
 *
 * @param status    RUNNING, DONE (exported completely and compared), PARTIAL (export PARTIAL,
 *                  compared anyway) or FAILED (export failed: nothing compared, nothing pruned)
 * @param baseline  the previous successful sweep state compared with, null on the first run
 * @param comparison id of the comparison with the baseline (in the server: GET /api/v1/comparisons/{id})
 * @param alerts    pairs of severity ALERT (a changed approved plan, a lost record)
 * @param infos     pairs of severity INFO (new treatment records)
 * @param severity  the comparison's worst severity, clinical flags included (NONE when identical);
 *                  ALERT when the self-check failed; null when nothing was compared and the check passed
 * @param flags     clinical flags of the comparison (issue 13), counted apart from the pairs
 * @param selfCheck the built-in self-check this run made before comparing (issue 13)
 */
@JsonPropertyOrder({"id", "trigger", "status", "state", "baseline", "startedAt", "finishedAt", "export", "comparison", "summary",
        "severity", "alerts", "warnings", "infos", "flags", "selfCheck", "pruned", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepRecord(String id, String trigger, String status, String state, String baseline, String startedAt,
                          String finishedAt, ExportStatus export, String comparison, Summary summary, int alerts, int warnings, int infos,
                          List<String> pruned, String error, String severity, int flags, SweepSelfCheck selfCheck) {
    public static final String RUNNING = "RUNNING";

    /** A run without severity, flags nor self-check (one begun, or failed before them). */
    public SweepRecord(String id, String trigger, String status, String state, String baseline, String startedAt,
                       String finishedAt, ExportStatus export, String comparison, Summary summary, int alerts,
                       int warnings, int infos, List<String> pruned, String error) {
        this(id, trigger, status, state, baseline, startedAt, finishedAt, export, comparison, summary, alerts, warnings,
                infos, pruned, error, null, 0, null);
    }

    /**
     * The same run with its self-check: a failed check makes the severity ALERT and is the first
     * thing its error says.
     */
    public SweepRecord withSelfCheck(SweepSelfCheck check) {
        boolean failed = check != null && !check.ok();
        String worst = failed ? "ALERT" : severity;
        String why = failed ? check.problems().get(0) + " (this node's comparisons cannot be trusted until it passes)"
                : null;
        String newError = why == null ? error : error == null ? why : why + "; " + error;
        return new SweepRecord(id, trigger, status, state, baseline, startedAt, finishedAt, export, comparison, summary,
                alerts, warnings, infos, pruned, newError, worst, flags, check);
    }

    /** The same run with what its comparison found beyond the pairs: worst severity and clinical flags. */
    public SweepRecord withFindings(String worstSeverity, int clinicalFlags) {
        return new SweepRecord(id, trigger, status, state, baseline, startedAt, finishedAt, export, comparison, summary,
                alerts, warnings, infos, pruned, error, worstSeverity, clinicalFlags, selfCheck);
    }

    /** True when the self-check of this run failed: its comparison cannot be trusted. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean selfCheckFailed() {
        return selfCheck != null && !selfCheck.ok();
    }

    public SweepRecord {
        pruned = pruned == null ? List.of() : List.copyOf(pruned);
    }

    /** A run whose state can be the next baseline: its export was complete. */
    public boolean successful() {
        return ExportStatus.DONE.equals(status);
    }
}
