package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.StoreSender;
import org.qanode.testing.FreePorts;
import org.qanode.testing.OrthancPeer;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * The running node ({@link RunningNode}, as {@code qanode serve} starts it) with Orthanc as the
 * ROIS under {@code rois.ORTHANC}: an export over REST fills its state with exactly Orthanc's
 * instances while another peer stores into the receiving state at the same time; two sweeps over
 * REST with a plan changed in Orthanc in between show exactly that change, listed under
 * /api/v1/comparisons and announced by webhook; overlapping requests get 409, bad bodies 400.
 */
class ServeExportSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StateGenerator.Spec ROIS_SPEC = new StateGenerator.Spec(3, 2, 2, 10, 20, 3);
    private static final StateGenerator.Spec PEER_SPEC = new StateGenerator.Spec(6, 2, 2, 10, 20, 3);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    @Test
    void exportsAndSweepsInsideTheNode() throws Exception {
        int dicomPort = FreePorts.next();
        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                hooks.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try (OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                Map.of("qanode", new Object[] {"QANODE", "127.0.0.1", dicomPort}))) {
            for (int p = 1; p <= ROIS_SPEC.patients(); p++) {
                for (Dataset ds : StateGenerator.patientObjects(ROIS_SPEC, p)) {
                    Path f = dir.resolve("rois").resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm");
                    StateGenerator.write(f, ds, TransferSyntax.EXPLICIT_LE);
                    orthanc.upload(f);
                }
            }
            Path patients = dir.resolve("patients.csv");
            Files.writeString(patients, "Patient ID,Name\n" + RtObjects.patientId(1) + ",P1\n" + RtObjects.patientId(2)
                    + ",P2\n" + RtObjects.patientId(3) + ",P3\n");
            Path yml = dir.resolve("qanode.yml");
            Files.writeString(yml, String.join("\n",
                    "dicom: {aeTitle: QANODE, bind: 127.0.0.1, port: " + dicomPort + ", receivingState: inbox}",
                    "storage: {dataDir: '" + dir.resolve("var") + "'}",
                    "http: {port: 0}",
                    "webhooks: [{url: 'http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook', secret: s}]",
                    "webhookDelivery: {initialDelayMs: 100, maxDelayMs: 400}",
                    "rois:",
                    "  ORTHANC: {aeTitle: ORTHANC, host: 127.0.0.1, port: " + orthanc.dicomPort() + ", timeoutSeconds: 30}",
                    "sweep: {rois: ORTHANC, schedule: '0 2 * * *', patients: '" + patients + "', profile: nightly, keep: 3}",
                    ""));
            QanodeConfig cfg = ConfigLoader.load(yml, Map.of(), Map.of("dicom.warmUpObjects", "0"));
            try (RunningNode node = RunningNode.start(cfg)) {
                base = node.api().baseUrl();

                // bad bodies, unknown ROIS
                assertThat(post("/api/v1/exports", "{\"from\":\"ORTHANC\"").statusCode()).isEqualTo(400);
                assertThat(post("/api/v1/exports", "{\"from\":\"NOPE\",\"state\":\"x\",\"patientIds\":[\"A\"]}")
                        .body()).contains("no ROIS 'NOPE'");
                assertThat(post("/api/v1/exports", "{\"from\":\"ORTHANC\",\"state\":\"x\"}").statusCode()).isEqualTo(400);
                assertThat(post("/api/v1/exports", "{\"from\":\"ORTHANC\",\"state\":\"../x\",\"patientIds\":[\"A\"]}")
                        .statusCode()).isEqualTo(400);
                assertThat(post("/api/v1/exports", "{\"from\":\"ORTHANC\",\"state\":\"x\",\"patientIds\":[\"A*\"]}")
                        .statusCode()).isEqualTo(400);
                assertThat(post("/api/v1/exports", "{\"from\":\"ORTHANC\",\"state\":\"x\",\"colour\":1}").body())
                        .contains("unknown field 'colour'");
                assertThat(post("/api/v1/sweeps", "{\"rois\":\"X\"}").statusCode()).isEqualTo(400);

                // export while a peer stores into the receiving state
                List<Path> peerFiles = new ArrayList<>();
                TreeSet<String> peerUids = new TreeSet<>();
                for (int p = ROIS_SPEC.patients() + 1; p <= PEER_SPEC.patients(); p++) {
                    for (Dataset ds : StateGenerator.patientObjects(PEER_SPEC, p)) {
                        Path f = dir.resolve("peer").resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm");
                        StateGenerator.write(f, ds, TransferSyntax.EXPLICIT_LE);
                        peerFiles.add(f);
                        peerUids.add(ds.getString(Tags.SOPInstanceUID));
                    }
                }
                String body = "{\"from\":\"ORTHANC\",\"state\":\"pre\",\"patientIds\":[\"" + RtObjects.patientId(1)
                        + "\",\"" + RtObjects.patientId(2) + "\",\"" + RtObjects.patientId(3)
                        + "\"],\"modalities\":[\"RTPLAN\",\"RTRECORD\"]}";
                HttpResponse<String> accepted = post("/api/v1/exports", body);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                String id = JSON.readTree(accepted.body()).path("id").asText();
                assertThat(accepted.headers().firstValue("location")).hasValue("/api/v1/exports/" + id);
                CompletableFuture<StoreSender.Summary> peer = CompletableFuture.supplyAsync(() -> {
                    try {
                        List<StoreSender.Item> items = new ArrayList<>();
                        for (Path f : peerFiles) {
                            items.add(StoreSender.probe(f));
                        }
                        return new StoreSender("PEER", "QANODE", AssociationRequestor.Config.defaults(),
                                Duration.ofSeconds(30)).send("127.0.0.1", dicomPort, items);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // the same state again while the first export runs
                HttpResponse<String> again = post("/api/v1/exports", body);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

                List<String> seen = new ArrayList<>();
                JsonNode done = await("/api/v1/exports/" + id, n -> {
                    seen.add(n.path("status").asText());
                    return n.path("status").asText().matches("DONE|PARTIAL|FAILED");
                });
                assertThat(seen).contains("RUNNING");
                assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
                TreeSet<String> orthancUids = orthanc.sopInstanceUids();
                assertThat(done.path("expected").asInt()).isEqualTo(orthancUids.size());
                assertThat(done.path("received").asInt()).isEqualTo(orthancUids.size());
                assertThat(done.path("failed").asInt()).isZero();
                assertThat(done.path("patients").asInt()).isEqualTo(3);
                assertThat(peer.get(60, TimeUnit.SECONDS).failed()).isZero();
                assertThat(uids(node, "pre")).isEqualTo(orthancUids);
                assertThat(uids(node, "inbox")).isEqualTo(peerUids);
                assertThat(JSON.readTree(get("/api/v1/exports").body()).path("items").get(0).path("id").asText())
                        .isEqualTo(id);

                // two sweeps, a plan changed in Orthanc in between
                String first = startSweep();
                assertThat(post("/api/v1/sweeps", null).statusCode()).isEqualTo(409);
                JsonNode s1 = await("/api/v1/sweeps/" + first, n -> !n.path("status").asText().equals("RUNNING"));
                assertThat(s1.path("status").asText()).as(s1.toString()).isEqualTo("DONE");
                assertThat(s1.has("baseline")).isFalse();

                Dataset plan = StateGenerator.patientObjects(ROIS_SPEC, 1).get(0);
                Dataset changed = new Dataset();
                changed.addAll(plan);
                Dataset refBeam = changed.getSequence(Tags.FractionGroupSequence).get(0)
                        .getSequence(Tags.ReferencedBeamSequence).get(0);
                refBeam.setDouble(Tags.BeamMeterset, VR.DS, refBeam.getDouble(Tags.BeamMeterset, 0) + 5);
                Path planFile = dir.resolve("changed-plan.dcm");
                StateGenerator.write(planFile, changed, TransferSyntax.EXPLICIT_LE);
                orthanc.upload(planFile);

                String second = startSweep();
                JsonNode s2 = await("/api/v1/sweeps/" + second, n -> !n.path("status").asText().equals("RUNNING"));
                assertThat(s2.path("status").asText()).as(s2.toString()).isEqualTo("DONE");
                assertThat(s2.path("baseline").asText()).isEqualTo(first);
                assertThat(s2.path("alerts").asInt()).isEqualTo(1);
                assertThat(s2.path("infos").asInt()).isZero();
                String comparisonId = s2.path("comparison").asText();
                JsonNode comparison = JSON.readTree(get("/api/v1/comparisons/" + comparisonId).body());
                assertThat(comparison.path("baseline").asText()).isEqualTo(first);
                assertThat(comparison.path("candidate").asText()).isEqualTo(second);
                List<JsonNode> notIdentical = new ArrayList<>();
                comparison.path("pairs").forEach(p -> {
                    if (!p.path("status").asText().equals("IDENTICAL")) {
                        notIdentical.add(p);
                    }
                });
                assertThat(notIdentical).hasSize(1);
                JsonNode pair = notIdentical.get(0);
                assertThat(pair.path("status").asText()).isEqualTo("DIFFERENT");
                assertThat(pair.path("sopInstanceUid").asText()).isEqualTo(plan.getString(Tags.SOPInstanceUID));
                assertThat(pair.path("differences")).hasSize(1);
                assertThat(pair.path("differences").get(0).path("path").asText())
                        .isEqualTo("/FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset");
                JsonNode history = JSON.readTree(get("/api/v1/sweeps").body());
                assertThat(history.path("items").get(0).path("id").asText()).isEqualTo(second);
                assertThat(history.path("nextRun").asText()).isNotEmpty();

                // the webhook of the second sweep's comparison, with the profile's severity
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                JsonNode event = null;
                while (event == null && System.nanoTime() < deadline) {
                    for (String h : hooks) {
                        JsonNode n = JSON.readTree(h);
                        if (n.path("event").asText().equals("comparison.finished")
                                && n.path("id").asText().equals(comparisonId)) {
                            event = n;
                        }
                    }
                    Thread.sleep(50);
                }
                assertThat(event).as("comparison.finished for " + comparisonId + " in " + hooks).isNotNull();
                assertThat(event.path("severity").asText()).isEqualTo("ALERT");
                assertThat(event.path("candidate").asText()).isEqualTo(second);
                assertThat(hooks.stream().anyMatch(h -> h.contains("\"sweep.finished\"") && h.contains(second)))
                        .isTrue();

                String metrics = get("/metrics").body();
                assertThat(metrics).contains("qanode_exports_total{status=\"DONE\"} 3");
                assertThat(metrics).contains("qanode_sweeps_total{status=\"DONE\"} 2");
            }
        } finally {
            receiver.stop(0);
        }
    }

    private String startSweep() throws Exception {
        HttpResponse<String> r = post("/api/v1/sweeps", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static TreeSet<String> uids(RunningNode node, String state) {
        TreeSet<String> out = new TreeSet<>();
        node.store().currentInstances(state).forEach(r -> out.add(r.sopInstanceUid()));
        return out;
    }

    private JsonNode await(String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
            JsonNode n = JSON.readTree(r.body());
            if (done.test(n)) {
                return n;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(path + " did not finish");
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"); // every POST, bodiless too (415 otherwise)
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
