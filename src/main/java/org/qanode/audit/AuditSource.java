package org.qanode.audit;

/**
 * Who reports: the AuditSourceIdentification of every message (PS3.15 A.5.2.5) and the node as
 * an active participant.
 *
 * @param sourceId   AuditSourceID: the node's AE title unless {@code audit.sourceId} says otherwise
 * @param aeTitle    the node's AE title, its UserID as a participant (PS3.15 A.5.2.1: AE titles as UserID)
 * @param hostName   the machine, for NetworkAccessPointID and the syslog HOSTNAME
 * @param processId  AlternativeUserID (PS3.15 A.5.2.2: the process ID) and the syslog PROCID
 */
public record AuditSource(String sourceId, String aeTitle, String hostName, String processId) {

    /** This process on this machine. */
    public static AuditSource local(String sourceId, String aeTitle) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return new AuditSource(sourceId == null || sourceId.isBlank() ? aeTitle : sourceId, aeTitle, host,
                Long.toString(ProcessHandle.current().pid()));
    }
}
