package org.qanode.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/**
 * End to end with real processes: {@code qanode serve} as its own JVM (production logback),
 * dcmtk {@code storescu} sending a baseline to QA_PRE and a modified candidate to QA_POST, a
 * comparison over REST, the webhook, then kill -9 and SIGTERM in the middle of a transfer.
 */
class ServeProcessTest {
    private static final Pattern READY = Pattern.compile("qanode ready: DICOM \\S+ on port (\\d+), REST API on (\\S+),");

    @TempDir
    Path dir;
    private Path storescu;
    private Process node;
    private int dicomPort;
    private String base;
    private Path log;
    private WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void tools() throws IOException {
        storescu = ExternalTools.requireExecutable("storescu", "dcmtk");
        receiver = new WebhookReceiver();
        Files.writeString(dir.resolve("qanode.yml"), """
                dicom: {port: 0, states: {QA_PRE: pre, QA_POST: post}, shutdownGraceSeconds: 2, warmUpObjects: 100}
                http: {port: 0}
                storage: {dataDir: "%s"}
                webhooks:
                  - {url: "%s", secret: e2e}
                webhookDelivery: {initialDelayMs: 100, maxDelayMs: 500}
                """.formatted(dir.resolve("var").toString().replace("\\", "/"), receiver.url()));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.destroyForcibly();
        }
        receiver.close();
    }

    private void startNode() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        log = dir.resolve("node-" + System.nanoTime() + ".log");
        node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dlogback.configurationFile=" + Path.of("etc/logback.xml").toAbsolutePath(),
                "-cp", cp, "org.qanode.app.Main", "serve", "--config", dir.resolve("qanode.yml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log));
            if (m.find()) {
                dicomPort = Integer.parseInt(m.group(1));
                base = m.group(2);
                return;
            }
            if (!node.isAlive()) {
                throw new AssertionError("qanode serve exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("qanode serve not ready: " + Files.readString(log));
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode json(String path) throws Exception {
        return ApiJson.MAPPER.readTree(call("GET", path, null).body());
    }

    /** storescu's output; every file it sent and had answered Success is in {@code succeeded}. */
    private String storescu(String calledAe, Path folder, List<String> succeeded) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(storescu.toString(), "-v", "-aet", "ARIA", "-aec", calledAe, "+sd", "+r",
                "127.0.0.1", Integer.toString(dicomPort), folder.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        String sending = null;
        for (String line : out.split("\n")) {
            if (line.contains("Sending file: ")) {
                sending = line.substring(line.indexOf("Sending file: ") + 14).strip();
            } else if (line.contains("Received Store Response (Success)") && sending != null) {
                succeeded.add(Path.of(sending).getFileName().toString().replace(".dcm", ""));
            }
        }
        return out;
    }

    private static void writeAll(Path folder, List<Dataset> objects) {
        for (Dataset ds : objects) {
            StateGenerator.write(folder.resolve(ds.getString(Tags.SOPInstanceUID) + ".dcm"), ds, TransferSyntax.EXPLICIT_LE);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private JsonNode awaitDone(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode n = json("/api/v1/comparisons/" + id);
            if (n.path("status").asText().matches("DONE|FAILED")) {
                return n;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("comparison " + id + " not finished");
    }

    private Set<String> uids(String state) throws Exception {
        Set<String> out = new HashSet<>();
        json("/api/v1/states/" + state + "/instances?limit=10000").path("items")
                .forEach(i -> out.add(i.path("sopInstanceUid").asText()));
        return out;
    }

    @Test
    void storescuToComparisonWebhookAndKill9() throws Exception {
        writeAll(dir.resolve("baseline"), Seeds.baseline());
        writeAll(dir.resolve("candidate"), Seeds.candidate());
        startNode();
        List<String> ok = new ArrayList<>();
        storescu("QA_PRE", dir.resolve("baseline"), ok);
        storescu("QA_POST", dir.resolve("candidate"), ok);
        assertThat(ok).hasSize(12);

        String id = ApiJson.MAPPER.readTree(call("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"post\"}")
                .body()).path("id").asText();
        JsonNode result = awaitDone(id);
        List<String> found = new ArrayList<>();
        for (JsonNode p : result.path("pairs")) {
            String status = p.path("status").asText();
            if (status.equals("DIFFERENT")) {
                p.path("differences").forEach(d -> found.add(p.path("sopInstanceUid").asText() + " " + d.path("path").asText()
                        + " " + d.path("baseline").asText() + " -> " + d.path("candidate").asText()));
            } else if (!status.equals("IDENTICAL")) {
                found.add(p.path("sopInstanceUid").asText() + " " + status);
            }
        }
        assertThat(found).containsExactlyInAnyOrder(Seeds.CHANGED_PLAN + " /RTPlanLabel VMAT1 -> VMAT1-NEW",
                Seeds.MISSING_RECORD + " ONLY_IN_BASELINE", Seeds.NEW_RECORD + " ONLY_IN_CANDIDATE");
        HttpResponse<String> html = call("GET", "/api/v1/comparisons/" + id + "?format=html", null);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("VMAT1-NEW");
        await("webhooks", () -> receiver.accepted().stream().anyMatch(d -> d.body().contains(id)));
        assertThat(receiver.accepted().stream().filter(d -> d.body().contains("state.firstObject"))).hasSize(2);
        String metrics = call("GET", "/metrics", null).body();
        assertThat(metrics).contains("qanode_associations_accepted_total 2")
                .contains("qanode_objects_received_total{sop_class=\"1.2.840.10008.5.1.4.1.1.481.5\"} 4");
        // the node warmed its ingest path at start (dicom.warmUpObjects) and nothing of it shows: the counts
        // above, the two states, the two firstObject webhooks; in the log one line, no association of it
        String lines = Files.readString(log);
        assertThat(lines).containsPattern("ingest warm-up done: 100 objects in [0-9.]+ s, all discarded")
                .doesNotContain("WARM-UP@").doesNotContain("warm-up stopped");
        assertThat(json("/api/v1/states").toString()).doesNotContain("warm-up");
        // its files stay, empty, while the node runs (not freed just before the first real objects)
        Path warmUp = dir.resolve("var").resolve("warm-up");
        try (var files = Files.walk(warmUp)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSizeGreaterThanOrEqualTo(100)
                    .allSatisfy(f -> assertThat(f).isEmptyFile());
        }

        // a pending delivery, then kill -9
        receiver.failing = true;
        String second = ApiJson.MAPPER.readTree(call("POST", "/api/v1/comparisons",
                "{\"baseline\":\"post\",\"candidate\":\"pre\"}").body()).path("id").asText();
        awaitDone(second);
        await("failed attempt", () -> receiver.deliveries.stream().anyMatch(d -> d.body().contains(second)));
        node.destroyForcibly().waitFor();
        receiver.failing = false;
        Path leftover = Files.writeString(warmUp.resolve("left-by-kill-9.dcm"), "bytes");

        startNode();
        assertThat(leftover).as("the warm-up folder a killed node left is deleted at the next start").doesNotExist();
        assertThat(uids("pre")).hasSize(6);
        assertThat(uids("post")).hasSize(6);
        assertThat(json("/api/v1/comparisons/" + id)).isEqualTo(result);
        await("pending webhook after kill -9", () -> receiver.accepted().stream().anyMatch(d -> d.body().contains(second)));
    }

    @Test
    void sigtermDuringTransferLosesNothingAnsweredSuccess() throws Exception {
        int records = 600;
        List<String> ok = sendAndStop(7, records, 20, () -> {
            node.destroy(); // SIGTERM: the shutdown hook stops the node
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).isIn(0, 143);
            assertThat(dir.resolve("var").resolve("warm-up")).as("removed by the stop").doesNotExist();
        });
        assertThat(ok).isNotEmpty().hasSizeLessThan(records + 1);
        everySuccessIsBackAfterARestart(ok);
    }

    /**
     * Issue 16: kill -9 while objects stream in, after the commit journal went through a
     * checkpoint (1,024 objects) and started a new cycle in the same file, the earlier cycle's
     * records still behind the new ones.
     */
    @Test
    void kill9DuringTransferLosesNothingAnsweredSuccess() throws Exception {
        int records = 1400;
        List<String> ok = sendAndStop(8, records, 1100, () -> {
            node.destroyForcibly();
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        });
        assertThat(ok).hasSizeGreaterThanOrEqualTo(1100).hasSizeLessThan(records + 1);
        everySuccessIsBackAfterARestart(ok);
    }

    /**
     * A plan and {@code records} treatment records sent to state "post"; once {@code storedBefore}
     * are stored, {@code stop} ends the node. Returns the UIDs storescu heard Success for.
     */
    private List<String> sendAndStop(int patient, int records, long storedBefore, ThrowingRunnable stop)
            throws Exception {
        List<Dataset> many = new ArrayList<>();
        Dataset plan = RtObjects.vmatPlan(patient, 1, 2, 20, 20);
        many.add(plan);
        for (int f = 1; f <= records; f++) {
            many.add(RtObjects.beamsRecord(plan, patient, 1, f));
        }
        writeAll(dir.resolve("many"), many);
        startNode();
        List<String> ok = new ArrayList<>();
        Thread sender = new Thread(() -> {
            try {
                storescu("QA_POST", dir.resolve("many"), ok);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        await(storedBefore + " objects stored", () -> {
            try {
                return json("/api/v1/states/post").path("instances").asLong() >= storedBefore;
            } catch (Exception e) {
                return false;
            }
        });
        stop.run();
        sender.join(120_000);
        return ok;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** After a restart: every object answered Success is there, intact, and every indexed one has its file. */
    private void everySuccessIsBackAfterARestart(List<String> ok) throws Exception {
        startNode();
        Set<String> stored = uids("post");
        assertThat(stored).containsAll(ok);
        json("/api/v1/states/post/instances?limit=10000").path("items")
                .forEach(i -> assertThat(i.path("integrity").asText()).isEqualTo("OK"));
        // Every indexed object has its file. A file may exist without a row: an object whose rename
        // was done when the process ended before its index commit; it was never answered Success,
        // and `store verify` reports it as unindexed (--repair indexes it). Never the other way.
        try (var files = Files.list(dir.resolve("var/states/post"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm")).count()).isGreaterThanOrEqualTo(stored.size());
        }
    }

    /**
     * Issue 11: on SIGTERM H2's own shutdown hook closed the index at once, so objects still
     * arriving within dicom.shutdownGraceSeconds were refused with A700 (pooled connections in
     * use kept failing with "Database is already closed"). A stream of objects is arriving when
     * SIGTERM comes: every object the node answers must be answered Success (what the grace
     * period does not cover is aborted, never refused), and be there after a restart.
     */
    @Test
    void sigtermGivesTransfersInProgressTheirGracePeriodNotA700() throws Exception {
        Files.writeString(dir.resolve("qanode.yml"), """
                dicom: {port: 0, states: {QA_PRE: pre, QA_POST: post}, shutdownGraceSeconds: 60}
                http: {port: 0}
                storage: {dataDir: "%s"}
                """.formatted(dir.resolve("var").toString().replace("\\", "/")));
        List<Dataset> many = new ArrayList<>();
        Dataset plan = RtObjects.vmatPlan(8, 1, 2, 20, 20);
        many.add(plan);
        for (int f = 1; f <= 400; f++) {
            many.add(RtObjects.beamsRecord(plan, 8, 1, f));
        }
        writeAll(dir.resolve("stream"), many);
        startNode();
        List<String> ok = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        Thread sender = new Thread(() -> {
            try {
                output.append(storescu("QA_POST", dir.resolve("stream"), ok));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        await("some objects stored", () -> {
            try {
                return json("/api/v1/states/post").path("instances").asLong() >= 20;
            } catch (Exception e) {
                return false;
            }
        });
        node.destroy(); // SIGTERM while objects arrive
        sender.join(120_000);
        assertThat(node.waitFor(90, TimeUnit.SECONDS)).isTrue();
        List<String> refused = output.toString().lines()
                .filter(l -> l.contains("Received Store Response") && !l.contains("(Success)")).toList();
        assertThat(refused).as("responses other than Success after SIGTERM").isEmpty();
        assertThat(ok).hasSizeGreaterThanOrEqualTo(20);

        startNode();
        assertThat(uids("post")).containsAll(ok);
    }
}
