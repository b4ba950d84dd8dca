/**
 * The audit trail (issue 12): every security-relevant event of ARCHITECTURE.md "Security on a
 * clinical network" as one {@link org.qanode.audit.AuditEvent}, recorded in the index (migration
 * 007, read at {@code GET /api/v1/audit}) and sent as a DICOM Audit Message (PS3.15 A.5) over
 * syslog (RFC 5424 over UDP RFC 5426, TCP RFC 6587 octet counting, TLS RFC 5425). Recording
 * never waits: {@link org.qanode.audit.AuditTrail#record} queues, a full queue drops and counts.
 */
package org.qanode.audit;
