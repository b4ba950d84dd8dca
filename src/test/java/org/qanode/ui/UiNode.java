package org.qanode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.qanode.app.ConfigLoader;
import org.qanode.app.RunningNode;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.testing.RtObjects;
import org.qanode.testing.SinkFeeder;
import org.qanode.testing.StateGenerator;

/**
 * A node as {@code qanode serve} composes it (store, node, REST API with the web UI, DICOM
 * listener), on port 0 in a temporary data directory, filled with two states: the baseline by
 * dcmtk {@code storescu} over DICOM, the candidate through the node's sink. The candidate has one
 * plan's RTPlanLabel changed and one record missing; everything else is a benign re-export.
 */
final class UiNode implements AutoCloseable {
    static final StateGenerator.Spec SPEC = new StateGenerator.Spec(2, 1, 2, 4, 4, 2);
    static final String CHANGED_PLAN = RtObjects.planUid(1, 1);
    static final ObjectMapper JSON = new ObjectMapper();

    final RunningNode node;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private UiNode(RunningNode node) {
        this.node = node;
        this.base = node.api().baseUrl();
    }

    static UiNode start(Path dir, String token) throws Exception {
        return start(dir, token, org.qanode.account.SecurityEvents.NONE, Map.of());
    }

    /** With {@code events} told about logins and account changes (what the audit trail hears). */
    static UiNode start(Path dir, String token, org.qanode.account.SecurityEvents events) throws Exception {
        return start(dir, token, events, Map.of());
    }

    /** {@code extra}: more configuration keys (e.g. rois.NAME.*, sweep.*), overriding the defaults here. */
    static UiNode start(Path dir, String token, Map<String, String> extra) throws Exception {
        return start(dir, token, org.qanode.account.SecurityEvents.NONE, extra);
    }

    static UiNode start(Path dir, String token, org.qanode.account.SecurityEvents events, Map<String, String> extra) throws Exception {
        Map<String, String> cli = new HashMap<>(Map.of("storage.dataDir", dir.resolve("var").toString(),
                "dicom.port", "0", "http.port", "0", "dicom.states", "QA_PRE=pre,QA_POST=post", "dicom.warmUpObjects", "0"));
        if (token != null) {
            cli.put("http.token", token);
        }
        cli.putAll(extra);
        return new UiNode(RunningNode.start(ConfigLoader.load(null, Map.of(), cli), events));
    }

    static List<Dataset> baseline() {
        List<Dataset> out = new ArrayList<>();
        for (int p = 1; p <= SPEC.patients(); p++) {
            out.addAll(StateGenerator.patientObjects(SPEC, p));
        }
        return out;
    }

    /** Baseline by storescu to QA_PRE (every file answered Success), candidate through the sink. */
    void fill(Path storescu, Path dir) throws Exception {
        Path folder = dir.resolve("baseline");
        List<Dataset> baseline = baseline();
        for (Dataset ds : baseline) {
            StateGenerator.write(folder.resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm"), ds, TransferSyntax.IMPLICIT_LE);
        }
        ProcessBuilder pb = new ProcessBuilder(storescu.toString(), "-aet", "ARIA", "-aec", "QA_PRE", "+sd",
                "127.0.0.1", Integer.toString(node.dicomPort()), folder.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(node.store().state("pre").orElseThrow().instances()).isEqualTo(baseline.size());

        candidate(baseline);
    }

    private void candidate(List<Dataset> baseline) throws Exception {
        String missing = baseline.get(baseline.size() - 1).getString(Tags.SOPInstanceUID);
        int i = 0;
        for (Dataset ds : baseline) {
            String uid = ds.getString(Tags.SOPInstanceUID);
            if (uid.equals(missing)) {
                continue;
            }
            Dataset c = StateGenerator.benignReexport(ds);
            if (uid.equals(CHANGED_PLAN)) {
                c.setString(Tags.RTPlanLabel, VR.SH, "VMAT1-NEW");
            }
            assertThat(SinkFeeder.send(node.node().sink(), c, StateGenerator.syntax(i++), "ARIA", "QA_POST"))
                    .isEqualTo(DimseStatus.SUCCESS);
        }
    }

    /** Both states through the node's sink (no dcmtk needed): baseline to QA_PRE, candidate as {@link #fill}. */
    void fillBySink() throws Exception {
        List<Dataset> baseline = baseline();
        for (Dataset ds : baseline) {
            assertThat(SinkFeeder.send(node.node().sink(), ds, TransferSyntax.IMPLICIT_LE, "ARIA", "QA_PRE"))
                    .isEqualTo(DimseStatus.SUCCESS);
        }
        candidate(baseline);
    }

    /** Files a result made elsewhere (e.g. by the comparator over folders) as a DONE comparison of the node; its id. */
    static String fileResult(RunningNode n, org.qanode.result.ComparisonResult compared) throws java.io.IOException {
        String id = java.util.UUID.randomUUID().toString();
        org.qanode.result.ComparisonResult result = compared.withId(id, "upgrade");
        org.qanode.node.ComparisonRepository rows = new org.qanode.node.ComparisonRepository(n.store().index());
        rows.insert(id, result.baseline() == null ? "pre" : result.baseline(),
                result.candidate() == null ? "post" : result.candidate(), "upgrade");
        n.node().comparisons().files().write(result);
        org.qanode.compare.Severity worst = null;
        for (org.qanode.compare.PairResult p : result.pairs()) {
            worst = org.qanode.compare.Severity.max(worst, p.severity());
        }
        rows.markDone(id, result.summary(), worst == null ? null : worst.name());
        return id;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode json(String path, String... headers) throws Exception {
        return JSON.readTree(get(path, headers).body());
    }

    @Override
    public void close() {
        node.close();
    }
}
