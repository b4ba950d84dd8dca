package org.qanode.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qanode.dicom.UIDs;

/** One representative event of every type, as the node records them (UIDs made up, no PHI). */
final class AuditSamples {
    private AuditSamples() {
    }

    static List<AuditEvent> all() {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditEventType t : AuditEventType.values()) {
            out.add(of(t));
        }
        return out;
    }

    static AuditEvent of(AuditEventType t) {
        AuditEvent base = new AuditEvent(Instant.parse("2026-12-02T15:00:00.123Z"), t, AuditOutcome.SUCCESS, "local",
                "127.0.0.1", null, null, null, null, List.of(), null);
        return switch (t) {
            case APPLICATION_START, APPLICATION_STOP -> base.about("node", "QANODE").describe("qanode started");
            case ASSOCIATION_ACCEPTED -> base.called("QA_PRE").describe("association 1 from STORESCU");
            case ASSOCIATION_REJECTED -> new AuditEvent(base.at(), t, AuditOutcome.MINOR_FAILURE, "INTRUDER",
                    "10.0.0.9", "NOBODY", null, null, null, List.of(), "rejected (CALLED_AE_TITLE_NOT_RECOGNIZED)");
            case INSTANCES_STORED, INSTANCES_DUPLICATE, INSTANCES_UPDATED -> base.called("QA_PRE")
                    .about("study", "1.2.826.0.1.3680043.8.498.1")
                    .patient("PAT-001")
                    .instances(List.of(new AuditEvent.Instance(UIDs.RTPlanStorage, "1.2.826.0.1.3680043.8.498.2"),
                            new AuditEvent.Instance(UIDs.RTPlanStorage, "1.2.826.0.1.3680043.8.498.3"),
                            new AuditEvent.Instance(UIDs.CTImageStorage, "1.2.826.0.1.3680043.8.498.4")))
                    .describe("3 instance(s) into state pre");
            case INSTANCE_REFUSED -> new AuditEvent(base.at(), t, AuditOutcome.SERIOUS_FAILURE, "STORESCU", "127.0.0.1",
                    "QA_PRE", null, null, null,
                    List.of(new AuditEvent.Instance(UIDs.RTPlanStorage, "1.2.826.0.1.3680043.8.498.5")),
                    "C-STORE refused with status A700 (Out of Resources) <&> \"quoted\"");
            case STATE_CREATED, STATE_DELETED, RECEIVING_STATE_CHANGED -> base.about("state", "pre-16.1");
            case COMPARISON_REQUESTED, COMPARISON_VIEWED, COMPARISON_SIGNED_OFF ->
                    base.about("comparison", "0f8fad5b-d9cb-469f-a165-70867728950e").describe("decision ACCEPTED");
            case EXPORT_REQUESTED -> base.about("export", "ARIA")
                    .describe("{\"from\":\"ARIA\",\"state\":\"pre\",\"patientIds\":[\"PAT-001\"]}");
            case LOGIN -> AuditEvent.login("alice", "10.1.2.3", false, "wrong password").at(base.at());
            case LOGOUT -> base;
            case ACCOUNT_CHANGED -> AuditEvent.accountChanged("admin", "127.0.0.1", "alice", "added, role physicist")
                    .at(base.at());
            case AUDIT_VIEWED -> base.about("uri", "/api/v1/audit");
        };
    }
}
