package org.qanode.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.DoubleSupplier;

/**
 * The node's metrics by name, as /metrics exposes them, on the Prometheus Java client. Names
 * follow Prometheus conventions (counters are named without {@code _total} here: the client
 * appends it; base units: seconds and bytes); labels have small, fixed value sets (reasons,
 * SOP Class UIDs, statuses, severities), never patient data.
 *
 * <p>Each instance has its own registry, so several nodes in one JVM (the tests) do not share
 * counters. JVM and process metrics describe the process, not a node: they live in one registry
 * per JVM and are added to every node's scrape.
 */
public final class NodeMetrics {
    /** C-STORE latency buckets in seconds: a plan over a LAN takes milliseconds, a slow disk seconds. */
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** JVM and process metrics, registered once per JVM (each registration adds GC listeners). */
    private static final PrometheusRegistry PROCESS = processRegistry();

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter associationsAccepted = counter("qanode_associations_accepted",
            "DICOM associations accepted");
    private final Counter associationsRejected = counter("qanode_associations_rejected",
            "DICOM associations rejected, by reason", "reason");
    private final Counter objectsReceived = counter("qanode_objects_received",
            "objects stored (C-STORE answered Success or Warning), by SOP Class UID", "sop_class");
    private final Counter bytesReceived = counter("qanode_bytes_received",
            "data set bytes of stored objects, by SOP Class UID", "sop_class");
    private final Counter storeFailures = counter("qanode_store_failures",
            "C-STORE operations answered with a failure status, by status (hex)", "status");
    private final Histogram storeLatency = Histogram.builder().name("qanode_cstore_duration_seconds")
            .help("time from C-STORE command to the status being decided")
            .classicUpperBounds(LATENCY_BUCKETS).classicOnly().withoutExemplars().register(registry);
    private final Counter comparisons = counter("qanode_comparisons",
            "comparisons finished, by status", "status");
    private final Counter differences = counter("qanode_differences",
            "differences found by finished comparisons, by severity (none: the profile assigns none)", "severity");
    private final Counter webhookDeliveries = counter("qanode_webhook_deliveries",
            "webhook deliveries answered 2xx");
    private final Counter webhookFailures = counter("qanode_webhook_failures",
            "webhook delivery attempts that failed (error or non-2xx); each is retried");
    private final Counter qaRecordDeliveries = counter("qanode_qa_record_deliveries",
            "QA record deliveries done (Redmine issue or note, QATrack+ test list instance), by system", "system");
    private final Counter qaRecordFailures = counter("qanode_qa_record_failures",
            "QA record delivery attempts that failed, by system; each is retried", "system");
    private final Counter exports = counter("qanode_exports",
            "exports finished, by outcome (DONE, PARTIAL, FAILED)", "status");
    private final Counter sweeps = counter("qanode_sweeps",
            "sweep runs finished, by outcome (DONE, PARTIAL, FAILED)", "status");
    private final Counter httpRequests = counter("qanode_http_requests",
            "REST requests answered, by method and status", "method", "status");

    public NodeMetrics() {
        Info build = Info.builder().name("qanode_build_info")
                .help("the running qanode: version (of the jar, dev when run from classes) and Java version")
                .labelNames("version", "java_version").register(registry);
        build.setLabelValues(version(), System.getProperty("java.version"));
    }

    private Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).withoutExemplars().register(registry);
    }

    private static PrometheusRegistry processRegistry() {
        PrometheusRegistry r = new PrometheusRegistry();
        JvmMetrics.builder().register(r);
        return r;
    }

    /** Implementation-Version of the jar's manifest; "dev" when run from classes (IDE, tests). */
    static String version() {
        String v = NodeMetrics.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /**
     * Creates at 0 the series whose label values are known in advance, so that they are exposed
     * (and {@code rate()} and alerts see them) before the first event.
     *
     * @param rejectionReasons   PS3.8 rejection reasons by name
     * @param comparisonStatuses final statuses of a comparison
     * @param jobStatuses        final statuses of an export or a sweep
     */
    public void knownLabelValues(Collection<String> rejectionReasons, Collection<String> comparisonStatuses,
            Collection<String> jobStatuses) {
        rejectionReasons.forEach(associationsRejected::initLabelValues);
        comparisonStatuses.forEach(comparisons::initLabelValues);
        jobStatuses.forEach(s -> {
            exports.initLabelValues(s);
            sweeps.initLabelValues(s);
        });
    }

    public void associationAccepted() {
        associationsAccepted.inc();
    }

    public void associationRejected(String reason) {
        associationsRejected.labelValues(label(reason)).inc();
    }

    public void objectStored(String sopClassUid, long bytes, long nanos) {
        objectsReceived.labelValues(label(sopClassUid)).inc();
        bytesReceived.labelValues(label(sopClassUid)).inc(bytes);
        storeLatency.observe(nanos / 1e9);
    }

    public void storeFailed(int status, long nanos) {
        storeFailures.labelValues(String.format("%04X", status)).inc();
        storeLatency.observe(nanos / 1e9);
    }

    public void comparisonFinished(String status) {
        comparisons.labelValues(label(status)).inc();
    }

    public void differences(String severity, long n) {
        differences.labelValues(label(severity)).inc(n);
    }

    public void exportFinished(String status) {
        exports.labelValues(label(status)).inc();
    }

    public void sweepFinished(String status) {
        sweeps.labelValues(label(status)).inc();
    }

    public void webhookDelivered() {
        webhookDeliveries.inc();
    }

    public void webhookFailed() {
        webhookFailures.inc();
    }

    public void qaRecordDelivered(String system) {
        qaRecordDeliveries.labelValues(label(system)).inc();
    }

    public void qaRecordFailed(String system) {
        qaRecordFailures.labelValues(label(system)).inc();
    }

    /** Shows the QA record counters at 0 for each configured system before its first delivery. */
    public void knownQaRecordSystems(Collection<String> systems) {
        systems.forEach(s -> {
            qaRecordDeliveries.initLabelValues(s);
            qaRecordFailures.initLabelValues(s);
        });
    }

    public void httpRequest(String method, int status) {
        httpRequests.labelValues(label(method), Integer.toString(status)).inc();
    }

    /** A value read at scrape time, e.g. queue depth or free disk space; NaN when it cannot be read. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public String contentType() {
        return TEXT.getContentType();
    }

    /** This node's metrics and the JVM's, in the Prometheus text format, sorted by name. */
    public byte[] scrape() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        for (MetricSnapshot s : registry.scrape()) {
            all.metricSnapshot(s);
        }
        for (MetricSnapshot s : PROCESS.scrape()) {
            all.metricSnapshot(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            TEXT.write(out, all.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** The client refuses null label values; the old registry wrote them as empty strings. */
    private static String label(String value) {
        return value == null ? "" : value;
    }
}
