package org.qanode.audit;

/**
 * The events of the audit trail, each with the DICOM Audit Message it is sent as (PS3.15 A.5.3:
 * Event ID, Event Action Code, Event Type Code). Names are what {@code GET /api/v1/audit?type=}
 * filters on.
 */
public enum AuditEventType {
    /** The node started (A.5.3.1 Application Activity, Application Start). */
    APPLICATION_START(CodedValue.APPLICATION_ACTIVITY, "E", CodedValue.APPLICATION_START),
    /** The node stopped. */
    APPLICATION_STOP(CodedValue.APPLICATION_ACTIVITY, "E", CodedValue.APPLICATION_STOP),
    /** A DICOM association was accepted: the peer passed the node's checks (Security Alert, Node Authentication). */
    ASSOCIATION_ACCEPTED(CodedValue.SECURITY_ALERT, "E", CodedValue.NODE_AUTHENTICATION),
    /** A DICOM association was rejected, with the PS3.8 reason. */
    ASSOCIATION_REJECTED(CodedValue.SECURITY_ALERT, "E", CodedValue.NODE_AUTHENTICATION),
    /**
     * Objects of one study received on one association and new to their state (A.5.3.4 DICOM
     * Instances Transferred, action C: the receiver held no copy).
     */
    INSTANCES_STORED(CodedValue.INSTANCES_TRANSFERRED, "C", null),
    /** Objects received whose identical copy the state already held (action R: no change needed). */
    INSTANCES_DUPLICATE(CodedValue.INSTANCES_TRANSFERRED, "R", null),
    /** Objects received that replaced or repaired the state's copy (action U: held copy updated). */
    INSTANCES_UPDATED(CodedValue.INSTANCES_TRANSFERRED, "U", null),
    /** One C-STORE answered with a failure status; one record per object. */
    INSTANCE_REFUSED(CodedValue.INSTANCES_TRANSFERRED, "C", null),
    /** A state was created (DICOM Instances Accessed, action C). */
    STATE_CREATED(CodedValue.INSTANCES_ACCESSED, "C", null),
    /** A state and its objects were deleted (A.5.3.5 DICOM Study Deleted). */
    STATE_DELETED(CodedValue.STUDY_DELETED, "D", null),
    /** Where unrouted objects go was changed (Security Alert, Software Configuration). */
    RECEIVING_STATE_CHANGED(CodedValue.SECURITY_ALERT, "E", CodedValue.SOFTWARE_CONFIGURATION),
    /** A comparison of two states was asked for: it reads both (DICOM Instances Accessed, R). */
    COMPARISON_REQUESTED(CodedValue.INSTANCES_ACCESSED, "R", null),
    /** A finished comparison's result or report was read. */
    COMPARISON_VIEWED(CodedValue.INSTANCES_ACCESSED, "R", null),
    /** A reviewer accepted or rejected a comparison (its review is updated: action U). */
    COMPARISON_SIGNED_OFF(CodedValue.INSTANCES_ACCESSED, "U", null),
    /** An export from a ROIS was started: its C-FIND (A.5.3.10 Query); the objects arrive as transfers. */
    EXPORT_REQUESTED(CodedValue.QUERY, "E", null),
    /** A user presented credentials: outcome says whether they were right (A.5.3.11 User Authentication). */
    LOGIN(CodedValue.USER_AUTHENTICATION, "E", CodedValue.LOGIN),
    LOGOUT(CodedValue.USER_AUTHENTICATION, "E", CodedValue.LOGOUT),
    /** An account was added, changed or removed (Security Alert, User Security Attributes Changed). */
    ACCOUNT_CHANGED(CodedValue.SECURITY_ALERT, "E", CodedValue.USER_SECURITY_ATTRIBUTES_CHANGED),
    /** The audit trail itself was read (A.5.3.2 Audit Log Used). */
    AUDIT_VIEWED(CodedValue.AUDIT_LOG_USED, "R", null);

    private final CodedValue eventId;
    private final String action;
    private final CodedValue eventType;

    AuditEventType(CodedValue eventId, String action, CodedValue eventType) {
        this.eventId = eventId;
        this.action = action;
        this.eventType = eventType;
    }

    public CodedValue eventId() {
        return eventId;
    }

    /** EventActionCode: C, R, U, D or E. */
    public String action() {
        return action;
    }

    /** EventTypeCode, or null. */
    public CodedValue eventType() {
        return eventType;
    }

    /** Whether the event is about DICOM objects received over an association. */
    boolean transfer() {
        return eventId == CodedValue.INSTANCES_TRANSFERRED;
    }
}
