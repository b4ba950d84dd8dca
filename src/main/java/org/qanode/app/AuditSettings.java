package org.qanode.app;

import org.qanode.audit.SyslogSettings;

/**
 * The {@code audit} section: the AuditSourceID and where DICOM Audit Messages go.
 *
 * @param sourceId   null: the node's AE title
 * @param syslogHost null: no syslog, records go to the index only
 */
public record AuditSettings(String sourceId, String syslogHost, int syslogPort, SyslogSettings.Protocol protocol) {

    public boolean syslog() {
        return syslogHost != null && !syslogHost.isBlank();
    }
}
