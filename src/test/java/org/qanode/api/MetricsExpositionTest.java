package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.metrics.ScpMetrics;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.SinkFeeder;
import org.qanode.testing.StateGenerator;

/**
 * The real /metrics of a started node, after objects were stored (one refused), associations
 * accepted and rejected, and a comparison ran, so counters and the histogram have samples:
 * Prometheus' own linter finds nothing in it, and it exposes every metric docs/api.md lists.
 */
class MetricsExpositionTest {
    @TempDir
    static Path dir;
    private static TestNode node;
    private static String metrics;
    private static HttpResponse<String> response;

    /** One node and one scrape for all tests here: starting a node and comparing takes seconds. */
    @BeforeAll
    static void startNodeAndMakeSamples() throws Exception {
        node = TestNode.start(dir, TestNode.options(null, List.of(), 1 << 20));
        Seeds.fill(node.core.sink());
        Dataset bad = StateGenerator.patientObjects(Seeds.SPEC, 1).get(0);
        bad.setString(Tags.SOPInstanceUID, VR.UI, "../../x");
        assertThat(SinkFeeder.send(node.core.sink(), bad, TransferSyntax.IMPLICIT_LE, "ARIA", "QA_PRE")).isEqualTo(0x0117);
        // the SCP's listener, as RunningNode attaches it (TestNode has no DICOM port)
        ScpMetrics scp = new ScpMetrics(node.core.metrics());
        scp.associationAccepted("ARIA", "QA_PRE");
        scp.associationRejected("EVIL", "QA_PRE", "CALLING_AE_TITLE_NOT_RECOGNIZED");

        HttpResponse<String> created = node.send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"post\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode done = node.awaitComparison(TestNode.json(created).path("id").asText());
        assertThat(done.path("status").asText()).isEqualTo("DONE");

        response = node.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        metrics = response.body();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void promtoolFindsNoProblem() throws Exception {
        Path promtool = ExternalTools.requireExecutable("promtool", "prometheus");
        Path input = dir.resolve("metrics.txt");
        Files.writeString(input, metrics, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(input.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(output).as("promtool check metrics").isEmpty();
        assertThat(p.exitValue()).as("promtool exit status, output: " + output).isZero();
    }

    @Test
    void textFormatWithNodeJvmAndProcessMetrics() {
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        List<String> lines = metrics.lines().toList();
        // counter values are doubles in the client's text format: 2.0, not 2
        assertThat(lines).contains("# TYPE qanode_objects_received_total counter",
                "qanode_objects_received_total{sop_class=\"1.2.840.10008.5.1.4.1.1.481.5\"} 4.0",
                "qanode_store_failures_total{status=\"0117\"} 1.0",
                "qanode_associations_accepted_total 1.0",
                "qanode_associations_rejected_total{reason=\"CALLING_AE_TITLE_NOT_RECOGNIZED\"} 1.0",
                "qanode_associations_rejected_total{reason=\"LOCAL_LIMIT_EXCEEDED\"} 0.0",
                "qanode_comparisons_total{status=\"DONE\"} 1.0",
                "qanode_comparisons_total{status=\"FAILED\"} 0.0",
                "qanode_exports_total{status=\"PARTIAL\"} 0.0",
                "qanode_webhook_failures_total 0.0",
                "qanode_cstore_duration_seconds_count 13",
                "qanode_cstore_duration_seconds_bucket{le=\"+Inf\"} 13",
                "qanode_comparisons_waiting 0.0",
                "qanode_store_checkpoint_failing 0.0",
                "# TYPE qanode_build_info gauge",
                "qanode_build_info{java_version=\"" + System.getProperty("java.version") + "\",version=\"dev\"} 1");
        assertThat(metrics).doesNotContain("_total_total");
        assertThat(metrics).containsPattern("(?m)^qanode_data_dir_free_bytes [0-9.E]+$")
                .containsPattern("(?m)^qanode_data_dir_size_bytes [0-9.E]+$")
                .containsPattern("(?m)^qanode_store_objects_per_commit_group [0-9.E]+$")
                .containsPattern("(?m)^qanode_http_requests_total\\{method=\"POST\",status=\"202\"} 1\\.0$")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\"} ")
                .containsPattern("(?m)^process_cpu_seconds_total ")
                .containsPattern("(?m)^jvm_runtime_info\\{");
        double free = value(lines, "qanode_data_dir_free_bytes");
        double size = value(lines, "qanode_data_dir_size_bytes");
        assertThat(free).isPositive().isLessThanOrEqualTo(size);
    }

    /** Every metric of the table in docs/api.md ("## Metrics") is exposed with that type. */
    @Test
    void everyDocumentedMetricIsExposed() throws Exception {
        String doc = Files.readString(Paths.get("docs/api.md"), StandardCharsets.UTF_8);
        String table = doc.substring(doc.indexOf("## Metrics"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| metric")));
        List<String> checked = new ArrayList<>();
        for (String row : table.lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = row.split("\\|");
            String type = cells[2].trim();
            Matcher m = Pattern.compile("`([a-z_]+)`").matcher(cells[1]);
            while (m.find()) {
                assertThat(metrics).as(m.group(1) + " (docs/api.md)").contains("# TYPE " + m.group(1) + " " + type + "\n");
                checked.add(m.group(1));
            }
        }
        assertThat(checked).hasSizeGreaterThan(15).contains("qanode_build_info", "qanode_data_dir_free_bytes");
    }

    private static double value(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name + " ")).map(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing"));
    }
}
