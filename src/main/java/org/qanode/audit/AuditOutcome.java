package org.qanode.audit;

/** EventOutcomeIndicator of PS3.15 A.5.1 (from RFC 3881): how the event ended. */
public enum AuditOutcome {
    /** Nominal success. */
    SUCCESS("0"),
    /** The request was refused or failed for a reason of the request (wrong token, bad object). */
    MINOR_FAILURE("4"),
    /** Failed for a reason of the node (out of resources, storage failure). */
    SERIOUS_FAILURE("8"),
    /** The node is now unavailable. */
    MAJOR_FAILURE("12");

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    /** The indicator as written in the message. */
    public String code() {
        return code;
    }

    /** The syslog severity (RFC 5424 6.2.1): notice for success, warning for a failure. */
    int syslogSeverity() {
        return this == SUCCESS ? 5 : 4;
    }
}
