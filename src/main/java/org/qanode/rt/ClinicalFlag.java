package org.qanode.rt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.qanode.compare.ClinicalFlagType;
import org.qanode.compare.Severity;

/**
 * One clinical finding of a comparison (issue 13, "nightly clinical flags"), in the result's
 * {@code flags} list: what a weekly chart check would stop at, with the severity the profile
 * gives it and enough identification (patient, plan, record, beam, fraction) to open the chart.
 *
 * @param plan   SOP Instance UID of the plan concerned (the record's referenced plan)
 * @param record SOP Instance UID of the treatment record that shows it, null for plan flags
 * @param detail one sentence, e.g. "fraction group 1: 29 fractions delivered, 28 planned"
 */
@JsonPropertyOrder({"flag", "severity", "patientId", "plan", "planLabel", "record", "beam", "fraction", "detail"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClinicalFlag(@JsonProperty("flag") ClinicalFlagType type, Severity severity, String patientId,
                           String plan, String planLabel, String record, Integer beam, Integer fraction,
                           String detail) {
}
