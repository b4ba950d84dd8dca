package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.audit.AuditEvent;
import org.qanode.audit.AuditEventType;
import org.qanode.audit.AuditQuery;
import org.qanode.node.TlsCipherWarmUp;
import org.qanode.testing.LogCapture;
import org.qanode.testing.TestCertificates;

/**
 * {@code dicom.warmUpObjects} at {@code serve}'s start (issue 16): the synthetic objects go
 * through the ingest path before the DICOM port opens and leave no trace in what the node shows:
 * one line in the log (the per-association and per-object lines held back), nothing in the index
 * (states, association log, audit trail), nothing in /metrics, no folder in the data directory.
 * A warm-up that fails is one warning and the node starts anyway.
 */
class WarmUpAtStartTest {
    @TempDir
    Path dir;
    // at INFO, where the warm-up's association lines would be there to hide
    @RegisterExtension
    final LogCapture log = LogCapture.of("org.qanode", Level.INFO);

    private Map<String, String> cli(String objects) {
        return new HashMap<>(Map.of("storage.dataDir", dir.resolve("var").toString(), "dicom.port", "0",
                "http.port", "0", "dicom.warmUpObjects", objects));
    }

    private List<String> lines() {
        return log.events().stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void theWarmUpLeavesOneLineAndNoTraceInTheNode() throws Exception {
        try (RunningNode node = RunningNode.start(ConfigLoader.load(null, Map.of(), cli("24")))) {
            List<String> warmUp = lines().stream().filter(l -> l.contains("warm-up")).toList();
            assertThat(warmUp).hasSize(2);
            assertThat(warmUp.get(0)).isEqualTo("INFO org.qanode.app.RunningNode ingest warm-up: 24 synthetic objects "
                    + "through a private copy of the ingest path before the DICOM port opens (dicom.warmUpObjects; at most 30 s)");
            assertThat(warmUp.get(1)).matches("INFO org.qanode.app.RunningNode ingest warm-up done: 24 objects in [0-9.]+ s, "
                    + "all discarded");
            assertThat(lines().indexOf(warmUp.get(1))).as("done before the DICOM port opens")
                    .isLessThan(indexOfFirst("DICOM SCP QANODE listening on")).isNotNegative();
            assertThat(lines()).as("no association or object of the warm-up in the log")
                    .noneMatch(l -> l.contains("WARM-UP") || l.contains("org.qanode.net.") || l.contains("StoreScp")
                            || l.contains("CommitPipeline"));
            assertThat(lines()).as("the node's own store start-up line is still there")
                    .anyMatch(l -> l.contains("state store at " + dir.resolve("var")));

            assertThat(node.store().listStates()).isEmpty();
            assertThat(regularFiles(warmUpDir())).as("the warm-up's files, kept empty while the node runs")
                    .hasSizeGreaterThanOrEqualTo(24).allSatisfy(f -> assertThat(f).isEmptyFile());
            String metrics = new String(node.node().metrics().scrape(), StandardCharsets.UTF_8);
            assertThat(metrics).contains("qanode_associations_accepted_total 0")
                    .doesNotContain("qanode_objects_received_total{")
                    .doesNotContain("qanode_bytes_received_total{");

            List<AuditEvent> audit = awaitStartEvent(node);
            assertThat(audit).extracting(AuditEvent::type).containsExactly(AuditEventType.APPLICATION_START);
        }
        assertThat(warmUpDir()).as("removed when the node stops").doesNotExist();
    }

    private Path warmUpDir() {
        return dir.resolve("var").resolve(RunningNode.WARM_UP_DIR);
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aFailingWarmUpIsOneWarningAndTheNodeStarts() throws Exception {
        Map<String, String> cli = cli("8");
        // a free-space watermark no volume meets: the warm-up's objects are refused (A700), as a real one would be
        cli.put("storage.minFreeBytes", Long.toString(Long.MAX_VALUE));
        try (RunningNode node = RunningNode.start(ConfigLoader.load(null, Map.of(), cli))) {
            assertThat(node.dicomPort()).isPositive();
            assertThat(lines()).filteredOn(l -> l.contains("warm-up stopped")).singleElement().asString()
                    .startsWith("WARN org.qanode.app.RunningNode ingest warm-up stopped after 0 of 8 synthetic objects in ")
                    .contains("a synthetic dose was refused: Out of Resources (A700)")
                    .endsWith("; the node starts without it");
            assertThat(regularFiles(warmUpDir())).allSatisfy(f -> assertThat(f).isEmptyFile());
        }
        assertThat(warmUpDir()).doesNotExist();
    }

    @Test
    void aNodeWithTlsWarmsItsRecordCipherToo() throws Exception {
        TestCertificates pki = TestCertificates.create(dir.resolve("pki"));
        Path config = Files.writeString(dir.resolve("qanode.yml"), """
                dicom:
                  port: 0
                  tls: {port: 0, certificate: %s, privateKey: %s, trustedCertificates: %s}
                """.formatted(pki.nodeCertificate, pki.nodeKey, pki.caCertificate));
        try (RunningNode node = RunningNode.start(ConfigLoader.load(config, Map.of(), cli("8")))) {
            assertThat(lines()).filteredOn(l -> l.contains("ingest warm-up: ")).singleElement().asString()
                    .endsWith("(dicom.warmUpObjects; at most 30 s), and TLS's record cipher");
            assertThat(lines()).filteredOn(l -> l.contains("ingest warm-up done: ")).singleElement().asString()
                    .endsWith("all discarded; TLS's record cipher: " + TlsCipherWarmUp.RECORDS + " records sealed and opened");
            assertThat(node.dicomPort()).isPositive();
        }
    }

    @Test
    void noneWithZero() throws Exception {
        try (RunningNode node = RunningNode.start(ConfigLoader.load(null, Map.of(), cli("0")))) {
            assertThat(lines()).noneMatch(l -> l.contains("warm-up"));
        }
    }

    private int indexOfFirst(String text) {
        List<String> all = lines();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in " + all);
    }

    /** APPLICATION_START is recorded last at start, through the trail's queue. */
    private static List<AuditEvent> awaitStartEvent(RunningNode node) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<AuditEvent> all = node.node().audit().find(new AuditQuery(null, null, null, null, null, null, null, 100))
                    .items().stream().map(AuditEvent.Stored::event).toList();
            if (all.stream().anyMatch(e -> e.type() == AuditEventType.APPLICATION_START) || System.nanoTime() > deadline) {
                return all;
            }
            Thread.sleep(20);
        }
    }
}
