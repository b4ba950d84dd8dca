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
 */
@JsonPropertyOrder({"id", "trigger", "status", "state", "baseline", "startedAt", "finishedAt", "export", "comparison", "summary",
        "alerts", "warnings", "infos", "pruned", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepRecord(String id, String trigger, String status, String state, String baseline, String startedAt,
                          String finishedAt, ExportStatus export, String comparison, Summary summary, int alerts, int warnings, int infos,
                          List<String> pruned, String error) {
    public static final String RUNNING = "RUNNING";

    public SweepRecord {
        pruned = pruned == null ? List.of() : List.copyOf(pruned);
    }

    /** A run whose state can be the next baseline: its export was complete. */
    public boolean successful() {
        return ExportStatus.DONE.equals(status);
    }
}
