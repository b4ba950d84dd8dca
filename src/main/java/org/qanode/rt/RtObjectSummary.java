package org.qanode.rt;

/** The summary of one RT object: a plan or a treatment record of any kind. */
public sealed interface RtObjectSummary permits PlanSummary, RecordSummary {
    String sopInstanceUid();

    String sopClassUid();

    String patientId();

    String patientName();
}
