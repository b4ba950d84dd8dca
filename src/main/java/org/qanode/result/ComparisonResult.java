package org.qanode.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.qanode.compare.Comparison;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.Severity;
import org.qanode.compare.Summary;
import org.qanode.rt.ClinicalFlag;
import org.qanode.rt.RtSummary;

/**
 * A comparison of two states, serialised by Jackson exactly as ARCHITECTURE.md shows.
 * Additions: {@code error} (FAILED only), {@code warnings} (run-level, e.g. duplicate SOP
 * Instance UIDs in one state), both left out when empty; {@code rtSummary}, the clinical view of
 * the RT plans and records (docs/rt-summary.md), left out when switched off; {@code signoff}
 * (the latest review decision) and {@code annotations} (differences marked as expected), which
 * the node adds when it serves a result and never stores in the result file. Times are ISO-8601
 * UTC strings. {@code flags}: the clinical flags the profile reports (issue 13; docs/compare.md),
 * left out when there are none. A DONE result also carries {@link #verdict()} and {@link #severity()}
 * (ARCHITECTURE.md, "Web UI and sign-off"), derived from the pairs, never stored twice.
 *
 * @param status QUEUED, RUNNING, DONE or FAILED
 */
@JsonPropertyOrder({"id", "status", "error", "verdict", "severity", "baseline", "candidate", "profile", "startedAt",
        "finishedAt", "summary", "warnings", "flags", "rtSummary", "pairs", "signoff", "annotations"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = {"verdict", "severity"}, allowGetters = true)
public record ComparisonResult(
        String id,
        String status,
        String error,
        String baseline,
        String candidate,
        String profile,
        String startedAt,
        String finishedAt,
        Summary summary,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        RtSummary rtSummary,
        List<PairResult> pairs,
        Signoff signoff,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Annotation> annotations,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClinicalFlag> flags) {

    public ComparisonResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        flags = flags == null ? List.of() : List.copyOf(flags);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** A result without clinical flags. */
    public ComparisonResult(String id, String status, String error, String baseline, String candidate, String profile,
                            String startedAt, String finishedAt, Summary summary, List<String> warnings,
                            RtSummary rtSummary, List<PairResult> pairs, Signoff signoff, List<Annotation> annotations) {
        this(id, status, error, baseline, candidate, profile, startedAt, finishedAt, summary, warnings, rtSummary,
                pairs, signoff, annotations, List.of());
    }

    /** A result without review (sign-off, annotations). */
    public ComparisonResult(String id, String status, String error, String baseline, String candidate, String profile,
                            String startedAt, String finishedAt, Summary summary, List<String> warnings,
                            RtSummary rtSummary, List<PairResult> pairs) {
        this(id, status, error, baseline, candidate, profile, startedAt, finishedAt, summary, warnings, rtSummary,
                pairs, null, null);
    }

    /** A result without an RT summary. */
    public ComparisonResult(String id, String status, String error, String baseline, String candidate, String profile,
                            String startedAt, String finishedAt, Summary summary, List<String> warnings,
                            List<PairResult> pairs) {
        this(id, status, error, baseline, candidate, profile, startedAt, finishedAt, summary, warnings, null, pairs);
    }

    /** A finished comparison as the node reports it: {@code DONE}, with its id and RT summary (may be null). */
    public static ComparisonResult done(String id, Comparison c, RtSummary rtSummary) {
        return done(id, c, rtSummary, List.of());
    }

    /** A finished comparison with the clinical flags its profile reports (issue 13). */
    public static ComparisonResult done(String id, Comparison c, RtSummary rtSummary, List<ClinicalFlag> flags) {
        return new ComparisonResult(id, "DONE", null, c.baseline(), c.candidate(), c.profile(), c.startedAt(),
                c.finishedAt(), c.summary(), c.warnings(), rtSummary, c.pairs(), null, null, flags);
    }

    /** The same result without its RT summary (the clinical flags stay). */
    public ComparisonResult withoutRtSummary() {
        return new ComparisonResult(id, status, error, baseline, candidate, profile, startedAt, finishedAt,
                summary, warnings, null, pairs, signoff, annotations, flags);
    }

    /** The same result under another id and profile name (as the node recorded the request). */
    public ComparisonResult withId(String newId, String profileName) {
        return new ComparisonResult(newId, status, error, baseline, candidate, profileName, startedAt, finishedAt,
                summary, warnings, rtSummary, pairs, signoff, annotations, flags);
    }

    /** The same result with the review the node holds for it (null / empty: none). */
    public ComparisonResult withReview(Signoff newSignoff, List<Annotation> newAnnotations) {
        return new ComparisonResult(id, status, error, baseline, candidate, profile, startedAt, finishedAt,
                summary, warnings, rtSummary, pairs, newSignoff, newAnnotations, flags);
    }

    public static final String IDENTICAL = "IDENTICAL";
    public static final String DIFFERENT = "DIFFERENT";

    /** IDENTICAL if every pair is IDENTICAL, else DIFFERENT; null until the comparison is DONE. */
    @JsonProperty("verdict")
    public String verdict() {
        if (!"DONE".equals(status)) {
            return null;
        }
        for (PairResult p : pairs) {
            if (p.status() != PairStatus.IDENTICAL) {
                return DIFFERENT;
            }
        }
        return IDENTICAL;
    }

    /**
     * The worst severity of the pairs and the clinical flags, {@link Severity#NONE} when every
     * pair is IDENTICAL (then there is no flag either: flags come from new or changed objects);
     * null until the comparison is DONE.
     */
    @JsonProperty("severity")
    public Severity severity() {
        if (!"DONE".equals(status)) {
            return null;
        }
        Severity worst = Severity.NONE;
        for (PairResult p : pairs) {
            if (p.status() != PairStatus.IDENTICAL) {
                // a pair that is not identical always matters: at least INFO, even if unrated
                worst = Severity.max(worst, p.severity() == null ? Severity.INFO : p.severity());
            }
        }
        for (ClinicalFlag f : flags) {
            worst = Severity.max(worst, f.severity());
        }
        return worst;
    }

    /** True when every object has an identical counterpart. */
    public boolean noDifferences() {
        return summary != null && summary.allIdentical();
    }
}
