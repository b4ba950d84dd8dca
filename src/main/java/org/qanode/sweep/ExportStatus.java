package org.qanode.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A snapshot of one export, as {@code GET /api/v1/exports/{id}} returns it.
 *
 * @param status    QUEUED, RUNNING, DONE, PARTIAL or FAILED
 * @param expected  instances C-FIND found at IMAGE level in the selected series
 * @param received  objects stored into the state for this export so far (at the end: of the
 *                  expected ones, those present in the state)
 * @param failed    sub-operations the ROIS reported failed (at the end: expected instances still missing)
 * @param missing   SOP Instance UIDs found by C-FIND but not in the state at the end
 * @param error     why the export is FAILED or PARTIAL, in words an operator can act on
 */
@JsonPropertyOrder({"id", "status", "from", "state", "expected", "received", "failed", "retries", "patients",
        "studies", "series", "error", "missing", "startedAt", "finishedAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportStatus(String id, String status, String from, String state, int expected, int received,
                           int failed, int retries, int patients, int studies, int series, String error,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> missing, String startedAt,
                           String finishedAt) {
    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String PARTIAL = "PARTIAL";
    public static final String FAILED = "FAILED";

    public ExportStatus {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public boolean finished() {
        return DONE.equals(status) || PARTIAL.equals(status) || FAILED.equals(status);
    }
}
