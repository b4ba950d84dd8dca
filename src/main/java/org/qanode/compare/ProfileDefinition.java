package org.qanode.compare;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * A comparison profile exactly as written in {@code conf/profiles/NAME.yml}; {@link Profile}
 * is its validated, compiled form. Unknown keys are rejected when loading, so a typo in a
 * profile is an error naming the key rather than a rule silently not applied.
 *
 * @param ignore               elements never compared: keywords, {@code (gggg,eeee)}, masks such as
 *                             {@code (60xx,3000)}, or {@link PathPattern}s ({@code /BeamSequence/*}{@code /BeamName})
 * @param ignorePrivateTags    true: private elements (odd groups) are not compared at all
 * @param tolerance            absolute tolerance for numeric values (DS, IS, FL, FD, ...), default 1e-6
 * @param scaleFactorTolerance relative tolerance of the scale factors ({@link Profile#SCALE_FACTORS}:
 *                             DoseGridScaling, RescaleSlope, ...), which never get the absolute
 *                             {@code tolerance}; default 1e-6
 * @param tolerances           per path overrides, first match wins
 * @param itemKeys             sequence keyword (or tag) to the attribute(s) identifying its items
 * @param pairing              fallback pairing keys per SOP Class, tried in order after SOP Instance UID
 * @param sopClassGroups       named lists of SOP Classes (UIDs, PS3.6 keywords such as
 *                             {@code RTIonPlanStorage}, or other group names) for severity rules
 * @param defaultSeverity      severity when no rule matches, default WARNING
 * @param severities           severity rules, first match wins
 * @param clinicalFlags        clinical flags reported, each with its severity ({@link ClinicalFlagType});
 *                             a flag not listed is not reported
 * @param partialFractionTolerance relative shortfall of the delivered meterset of a beam in a
 *                             fraction (against the planned) above which the fraction is partial
 *                             even though it ended NORMAL; default 0.02
 */
public record ProfileDefinition(
        String name,
        String description,
        List<String> ignore,
        Boolean ignorePrivateTags,
        Double tolerance,
        Double scaleFactorTolerance,
        List<ToleranceRule> tolerances,
        Map<String, List<String>> itemKeys,
        List<PairingRule> pairing,
        Map<String, List<String>> sopClassGroups,
        Severity defaultSeverity,
        List<SeverityRule> severities,
        Map<ClinicalFlagType, Severity> clinicalFlags,
        Double partialFractionTolerance) {

    /**
     * Numbers at paths matching {@code path} are equal when they differ by at most
     * {@code absolute}, or by at most {@code relative} times the larger magnitude. A bound not
     * given is 0: {@code {path: DoseGridScaling, relative: 1.0e-6}} has no absolute slack at all.
     */
    public record ToleranceRule(String path, Double absolute, Double relative) {
    }

    /**
     * Objects of {@code sopClass} unpaired by SOP Instance UID pair when all {@code keys}
     * (tag paths; a bare keyword is top level) have equal, non-empty values on both sides.
     * {@code name} is what {@code pairedBy} reports; default: the keys joined with '+'.
     */
    public record PairingRule(String sopClass, String name, List<String> keys) {
    }

    /**
     * A severity for differences and pairs matching every condition given: SOP Class (one or a
     * list of UIDs, PS3.6 keywords or {@code sopClassGroups} names), pair status (one or a list),
     * path pattern of the difference (rules with a path apply to differences only), and
     * {@code where}: top-level keyword to required value, read from the baseline object (the
     * candidate for ONLY_IN_CANDIDATE).
     */
    public record SeverityRule(
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> sopClass,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<PairStatus> pairStatus,
            String path,
            Map<String, String> where,
            Severity severity) {
    }
}
