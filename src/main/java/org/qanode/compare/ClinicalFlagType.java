package org.qanode.compare;

/**
 * The clinical flags a profile can switch on (issue 13, "nightly clinical flags"): what a weekly
 * chart check looks for in the treatment records and plans, beyond the integrity of the objects.
 * The profile only names them and gives each its severity ({@code clinicalFlags:}); the RT layer
 * ({@code rt.ClinicalFlags}) finds them. Names are the profile's and the result JSON's vocabulary.
 */
public enum ClinicalFlagType {
    /** More fractions delivered in a fraction group than its Number of Fractions Planned (300A,0078). */
    FRACTIONS_BEYOND_PLANNED,
    /** A beam session recorded with Treatment Verification Status (3008,002C) VERIFIED_OVR. */
    TREATMENT_OVERRIDE,
    /** A beam session whose Referenced Beam Number is not in the plan's fraction group. */
    BEAM_NOT_IN_PLAN,
    /** A beam of a fraction not completed: no NORMAL termination, or delivered meterset short of planned. */
    PARTIAL_FRACTION,
    /** A plan APPROVED in the baseline whose content differs in the candidate. */
    APPROVED_PLAN_CHANGED,
    /** A plan whose Approval Status (300E,0002) differs between baseline and candidate. */
    APPROVAL_STATUS_CHANGED
}
