package org.qanode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's metrics on the Prometheus client: names, labels and values as /metrics writes them. */
class NodeMetricsTest {

    private static List<String> lines(NodeMetrics m) {
        return new String(m.scrape(), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void countersKeepTheirNamesWithOneTotalSuffix() {
        NodeMetrics m = new NodeMetrics();
        m.webhookFailed();
        m.webhookFailed();
        m.objectStored("1.2.840.10008.5.1.4.1.1.481.5", 1000, 2_000_000);
        m.storeFailed(0xA700, 5_000_000);
        m.differences("ALERT", 3);
        m.httpRequest("GET", 200);
        assertThat(lines(m)).contains("# TYPE qanode_webhook_failures_total counter",
                "qanode_webhook_failures_total 2.0",
                "qanode_webhook_deliveries_total 0.0",
                "qanode_objects_received_total{sop_class=\"1.2.840.10008.5.1.4.1.1.481.5\"} 1.0",
                "qanode_bytes_received_total{sop_class=\"1.2.840.10008.5.1.4.1.1.481.5\"} 1000.0",
                "qanode_store_failures_total{status=\"A700\"} 1.0",
                "qanode_differences_total{severity=\"ALERT\"} 3.0",
                "qanode_http_requests_total{method=\"GET\",status=\"200\"} 1.0",
                "# TYPE qanode_cstore_duration_seconds histogram",
                "qanode_cstore_duration_seconds_bucket{le=\"0.001\"} 0",
                "qanode_cstore_duration_seconds_bucket{le=\"0.0025\"} 1",
                "qanode_cstore_duration_seconds_bucket{le=\"0.005\"} 2",
                "qanode_cstore_duration_seconds_bucket{le=\"10.0\"} 2",
                "qanode_cstore_duration_seconds_bucket{le=\"+Inf\"} 2",
                "qanode_cstore_duration_seconds_count 2");
        assertThat(new String(m.scrape(), StandardCharsets.UTF_8)).doesNotContain("_total_total");
    }

    @Test
    void eachNodeCountsForItselfButBothShowTheJvm() {
        NodeMetrics a = new NodeMetrics();
        NodeMetrics b = new NodeMetrics();
        a.associationAccepted();
        a.gauge("qanode_comparisons_waiting", "comparisons queued", () -> 3);
        b.gauge("qanode_comparisons_waiting", "comparisons queued", () -> 5);
        assertThat(lines(a)).contains("qanode_associations_accepted_total 1.0", "qanode_comparisons_waiting 3.0");
        assertThat(lines(b)).contains("qanode_associations_accepted_total 0.0", "qanode_comparisons_waiting 5.0");
        assertThat(lines(a).stream().filter(l -> l.startsWith("process_cpu_seconds_total "))).hasSize(1);
        assertThat(lines(b).stream().filter(l -> l.startsWith("jvm_threads_current "))).hasSize(1);
    }

    @Test
    void knownLabelValuesExistAtZeroAndNullLabelsAreEmpty() {
        NodeMetrics m = new NodeMetrics();
        m.knownLabelValues(List.of("CALLED_AE_TITLE_NOT_RECOGNIZED"), List.of("DONE", "FAILED"), List.of("PARTIAL"));
        m.comparisonFinished(null);
        assertThat(lines(m)).contains(
                "qanode_associations_rejected_total{reason=\"CALLED_AE_TITLE_NOT_RECOGNIZED\"} 0.0",
                "qanode_comparisons_total{status=\"DONE\"} 0.0",
                "qanode_comparisons_total{status=\"\"} 1.0",
                "qanode_exports_total{status=\"PARTIAL\"} 0.0",
                "qanode_sweeps_total{status=\"PARTIAL\"} 0.0");
    }

    @Test
    void buildInfoAndContentType() {
        NodeMetrics m = new NodeMetrics();
        assertThat(m.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(NodeMetrics.version()).isEqualTo("dev"); // test classes: no jar manifest
        assertThat(lines(m)).contains("# TYPE qanode_build_info gauge",
                "qanode_build_info{java_version=\"" + System.getProperty("java.version") + "\",version=\"dev\"} 1");
    }
}
