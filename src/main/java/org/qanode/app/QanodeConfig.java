package org.qanode.app;

import java.util.List;
import java.util.Map;
import org.qanode.node.CompareSettings;
import org.qanode.api.HttpSettings;
import org.qanode.qarecord.QaRecordSettings;
import org.qanode.webhook.RetryPolicy;
import org.qanode.webhook.WebhookTarget;
import org.qanode.sweep.RoisConfig;
import org.qanode.sweep.SweepSettings;

/**
 * The node's configuration after loading and validation ({@link ConfigLoader}): immutable,
 * so nothing can change a setting behind the running servers' backs. The only setting that
 * changes at run time, the receiving state, lives in the index instead.
 */
public record QanodeConfig(DicomSettings dicom, StorageSettings storage, HttpSettings http,
        List<WebhookTarget> webhooks, RetryPolicy webhookDelivery, CompareSettings compare,
        Map<String, RoisConfig> rois, SweepSettings sweep, AuditSettings audit, QaRecordSettings qaRecord) {

    /** Without audit and QA-record settings: the trail goes to the index only, the source named by the AE title. */
    public QanodeConfig(DicomSettings dicom, StorageSettings storage, HttpSettings http,
            List<WebhookTarget> webhooks, RetryPolicy webhookDelivery, CompareSettings compare,
            Map<String, RoisConfig> rois, SweepSettings sweep) {
        this(dicom, storage, http, webhooks, webhookDelivery, compare, rois, sweep,
                new AuditSettings(null, null, 514, org.qanode.audit.SyslogSettings.Protocol.UDP), QaRecordSettings.NONE);
    }

    /** {@code rois}: query/retrieve peers by name; {@code sweep}: null when not configured; {@code qaRecord}: section qa. */
    public QanodeConfig {
        webhooks = List.copyOf(webhooks);
        qaRecord = qaRecord == null ? QaRecordSettings.NONE : qaRecord;
        rois = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rois));
    }
}
