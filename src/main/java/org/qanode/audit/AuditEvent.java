package org.qanode.audit;

import java.time.Instant;
import java.util.List;

/**
 * One security-relevant event: one row of the index and one DICOM Audit Message.
 *
 * @param actor         who did it: the user name ({@code local} or {@code token} as
 *                      {@code api.WebSessions} names them without accounts), the calling AE title for
 *                      DICOM, {@code qanode} for the node itself
 * @param remoteAddress the peer's IP address (the calling host for DICOM), or null
 * @param calledAeTitle for DICOM events, the AE title the peer called; else null
 * @param objectKind    what the event is about: {@code state}, {@code comparison}, {@code study},
 *                      {@code export}, {@code account}, {@code node}; null when nothing
 * @param objectId      its name or id (state name, comparison id, Study Instance UID, ...)
 * @param patientId     Patient ID (0010,0020) where PS3.15 asks for the patient; never the name
 * @param instances     the SOP instances of a transfer record (PS3.15 A.5.3.4), else empty
 * @param description   free text: the reason of a refusal, a decision, counts; no PHI beyond IDs
 */
public record AuditEvent(Instant at, AuditEventType type, AuditOutcome outcome, String actor, String remoteAddress,
        String calledAeTitle, String objectKind, String objectId, String patientId, List<Instance> instances,
        String description) {

    /** The node itself as actor. */
    public static final String NODE_ACTOR = "qanode";

    /** One SOP instance of a transfer. */
    public record Instance(String sopClassUid, String sopInstanceUid) {
    }

    public AuditEvent {
        instances = instances == null ? List.of() : List.copyOf(instances);
        actor = actor == null || actor.isBlank() ? "unknown" : actor;
    }

    /** An event now, about nothing yet. */
    public static AuditEvent of(AuditEventType type, AuditOutcome outcome, String actor, String remoteAddress) {
        return new AuditEvent(Instant.now(), type, outcome, actor, remoteAddress, null, null, null, null, List.of(),
                null);
    }

    /**
     * A login attempt (PS3.15 A.5.3.11 User Authentication): for the accounts' login listener.
     *
     * @param user the name given (also on failure: who was tried)
     */
    public static AuditEvent login(String user, String remoteAddress, boolean success, String detail) {
        return of(AuditEventType.LOGIN, success ? AuditOutcome.SUCCESS : AuditOutcome.MINOR_FAILURE, user,
                remoteAddress).describe(detail);
    }

    /** An account added, changed or removed by {@code admin} (Security Alert, User Security Attributes Changed). */
    public static AuditEvent accountChanged(String admin, String remoteAddress, String account, String change) {
        return of(AuditEventType.ACCOUNT_CHANGED, AuditOutcome.SUCCESS, admin, remoteAddress).about("account", account)
                .describe(change);
    }

    public AuditEvent about(String kind, String id) {
        return new AuditEvent(at, type, outcome, actor, remoteAddress, calledAeTitle, kind, id, patientId, instances,
                description);
    }

    public AuditEvent patient(String id) {
        return new AuditEvent(at, type, outcome, actor, remoteAddress, calledAeTitle, objectKind, objectId, id,
                instances, description);
    }

    public AuditEvent called(String aeTitle) {
        return new AuditEvent(at, type, outcome, actor, remoteAddress, aeTitle, objectKind, objectId, patientId,
                instances, description);
    }

    public AuditEvent instances(List<Instance> list) {
        return new AuditEvent(at, type, outcome, actor, remoteAddress, calledAeTitle, objectKind, objectId, patientId,
                list, description);
    }

    /** The same event at another time (a replay, a test). */
    public AuditEvent at(Instant time) {
        return new AuditEvent(time, type, outcome, actor, remoteAddress, calledAeTitle, objectKind, objectId, patientId,
                instances, description);
    }

    public AuditEvent describe(String text) {
        return new AuditEvent(at, type, outcome, actor, remoteAddress, calledAeTitle, objectKind, objectId, patientId,
                instances, text);
    }

    /** The record as stored and listed: with its id and the time as the index has it. */
    public record Stored(long id, AuditEvent event) {
    }
}
