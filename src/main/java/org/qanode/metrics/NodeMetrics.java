package org.qanode.metrics;

import java.util.function.LongSupplier;

/**
 * The node's metrics by name, as /metrics exposes them. Names follow Prometheus conventions
 * ({@code _total} counters, base units: seconds and bytes); labels have small, fixed value sets
 * (reasons, SOP Class UIDs, statuses, severities), never patient data.
 */
public final class NodeMetrics {
    /** C-STORE latency buckets in seconds: a plan over a LAN takes milliseconds, a slow disk seconds. */
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final MetricsRegistry registry = new MetricsRegistry();
    private final MetricsRegistry.Counter associationsAccepted = registry.counter("qanode_associations_accepted_total",
            "DICOM associations accepted");
    private final MetricsRegistry.Counter associationsRejected = registry.counter("qanode_associations_rejected_total",
            "DICOM associations rejected, by reason", "reason");
    private final MetricsRegistry.Counter objectsReceived = registry.counter("qanode_objects_received_total",
            "objects stored (C-STORE answered Success or Warning), by SOP Class UID", "sop_class");
    private final MetricsRegistry.Counter bytesReceived = registry.counter("qanode_bytes_received_total",
            "data set bytes of stored objects, by SOP Class UID", "sop_class");
    private final MetricsRegistry.Counter storeFailures = registry.counter("qanode_store_failures_total",
            "C-STORE operations answered with a failure status, by status (hex)", "status");
    private final MetricsRegistry.Histogram storeLatency = registry.histogram("qanode_cstore_duration_seconds",
            "time from C-STORE command to the status being decided", LATENCY_BUCKETS);
    private final MetricsRegistry.Counter comparisons = registry.counter("qanode_comparisons_total",
            "comparisons finished, by status", "status");
    private final MetricsRegistry.Counter differences = registry.counter("qanode_differences_total",
            "differences found by finished comparisons, by severity (none: the profile assigns none)", "severity");
    private final MetricsRegistry.Counter webhookDeliveries = registry.counter("qanode_webhook_deliveries_total",
            "webhook deliveries answered 2xx");
    private final MetricsRegistry.Counter webhookFailures = registry.counter("qanode_webhook_failures_total",
            "webhook delivery attempts that failed (error or non-2xx); each is retried");
    private final MetricsRegistry.Counter exports = registry.counter("qanode_exports_total",
            "exports finished, by outcome (DONE, PARTIAL, FAILED)", "status");
    private final MetricsRegistry.Counter sweeps = registry.counter("qanode_sweeps_total",
            "sweep runs finished, by outcome (DONE, PARTIAL, FAILED)", "status");
    private final MetricsRegistry.Counter httpRequests = registry.counter("qanode_http_requests_total",
            "REST requests answered, by method and status", "method", "status");

    public void associationAccepted() {
        associationsAccepted.inc();
    }

    public void associationRejected(String reason) {
        associationsRejected.inc(reason);
    }

    public void objectStored(String sopClassUid, long bytes, long nanos) {
        objectsReceived.inc(sopClassUid);
        bytesReceived.add(bytes, sopClassUid);
        storeLatency.observe(nanos / 1e9);
    }

    public void storeFailed(int status, long nanos) {
        storeFailures.inc(String.format("%04X", status));
        storeLatency.observe(nanos / 1e9);
    }

    public void comparisonFinished(String status) {
        comparisons.inc(status);
    }

    public void differences(String severity, long n) {
        differences.add(n, severity);
    }

    public void exportFinished(String status) {
        exports.inc(status);
    }

    public void sweepFinished(String status) {
        sweeps.inc(status);
    }

    public void webhookDelivered() {
        webhookDeliveries.inc();
    }

    public void webhookFailed() {
        webhookFailures.inc();
    }

    public void httpRequest(String method, int status) {
        httpRequests.inc(method, Integer.toString(status));
    }

    /** A value read at scrape time, e.g. queue depth. */
    public void gauge(String name, String help, LongSupplier value) {
        registry.gauge(name, help, value);
    }

    public String scrape() {
        return registry.scrape();
    }
}
