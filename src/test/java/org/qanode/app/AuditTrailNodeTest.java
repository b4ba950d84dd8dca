package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.audit.AuditEvent;
import org.qanode.audit.AuditEventType;
import org.qanode.audit.AuditOutcome;
import org.qanode.audit.AuditQuery;
import org.qanode.dicom.UIDs;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseResponse;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.Rsyslog;
import org.qanode.testing.Samples;
import org.qanode.testing.TestCertificates;

/**
 * The audit trail of a running node, driven the way a department would: dcmtk's storescu and
 * echoscu over DICOM, the REST API and the UI's login over HTTP, each event type ARCHITECTURE.md
 * lists ending as one record in the index (read back at {@code GET /api/v1/audit}) and as a DICOM
 * Audit Message at a real rsyslog, valid against PS3.15 A.5.1.
 */
class AuditTrailNodeTest {
    private static final String TOKEN = "s3cret-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CT_A = "ct/dicompyler_ct0.dcm";                       // study ...1241703565.35, patient 123456
    private static final String PLAN_A = "rtplan/dicompyler_rtplan_imrt_dmlc_breast.dcm"; // the same study
    private static final String CT_B = "ct/topas_philips_ct1.dcm";                    // another study, patient Geant4
    private static final String STUDY_A = "2.16.840.1.113662.2.12.0.3057.1241703565.35";

    @TempDir
    Path dir;
    private RunningNode node;
    private Rsyslog rsyslog;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() throws Exception {
        ConfigOptions.environment = Map::of;
        TestCertificates pki = TestCertificates.create(dir.resolve("pki"));
        rsyslog = Rsyslog.start(dir.resolve("rsyslog"), pki.caCertificate, pki.peerCertificate, pki.peerKey, 0);
        Path config = Files.writeString(dir.resolve("qanode.yml"), """
                dicom: {aeTitle: QANODE, port: 0}
                http: {port: 0, token: %s}
                storage: {dataDir: %s}
                audit:
                  sourceId: QANODE_TEST_SITE
                  syslog: {host: 127.0.0.1, port: %d, protocol: udp}
                """.formatted(TOKEN, dir.resolve("var"), rsyslog.udpPort));
        node = RunningNode.start(ConfigLoader.load(config, Map.of(), Map.of("dicom.warmUpObjects", "0")));
        base = node.api().baseUrl();
    }

    @AfterEach
    void stop() throws Exception {
        ConfigOptions.environment = System::getenv;
        if (node != null) {
            node.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void everyEventOfTheContractIsOneRecordAndOneValidMessage() throws Exception {
        ExternalTools.requireExecutable("storescu", "dcmtk");
        await(AuditEventType.APPLICATION_START, l -> l.size() == 1);

        // DICOM: three objects of two studies on one association -> one record per study (PS3.15 A.5.3.4)
        storescu("QA_PRE", CT_A, PLAN_A, CT_B);
        List<AuditEvent> stored = await(AuditEventType.INSTANCES_STORED, l -> l.size() == 2);
        AuditEvent studyA = stored.stream().filter(e -> STUDY_A.equals(e.objectId())).findFirst().orElseThrow();
        assertThat(studyA.instances()).hasSize(2).extracting(AuditEvent.Instance::sopClassUid)
                .containsExactlyInAnyOrder(UIDs.CTImageStorage, UIDs.RTPlanStorage);
        assertThat(studyA.patientId()).isEqualTo("123456");
        assertThat(studyA.actor()).isEqualTo("STORESCU");
        assertThat(studyA.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(studyA.calledAeTitle()).isEqualTo("QA_PRE");
        assertThat(studyA.description()).contains("state pre");
        assertThat(stored).filteredOn(e -> !STUDY_A.equals(e.objectId())).singleElement()
                .satisfies(e -> assertThat(e.patientId()).isEqualTo("Geant4"))
                .satisfies(e -> assertThat(e.instances()).hasSize(1));
        await(AuditEventType.ASSOCIATION_ACCEPTED, l -> l.size() == 1);

        // the same objects again: identical copies held, action R
        storescu("QA_PRE", CT_A, PLAN_A, CT_B);
        assertThat(await(AuditEventType.INSTANCES_DUPLICATE, l -> l.size() == 2))
                .extracting(e -> e.instances().size()).containsExactlyInAnyOrder(2, 1);
        storescu("QA_POST", CT_A);

        // an association for a called AE title the node does not answer to
        Dcmtk.Result echo = Dcmtk.run("echoscu", "-aet", "INTRUDER", "-aec", "NOBODY", "127.0.0.1",
                Integer.toString(node.dicomPort()));
        assertThat(echo.exitCode()).isNotZero();
        assertThat(await(AuditEventType.ASSOCIATION_REJECTED, l -> l.size() == 1).get(0))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("INTRUDER"))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.MINOR_FAILURE))
                .satisfies(e -> assertThat(e.description()).contains("CALLED_AE_TITLE_NOT_RECOGNIZED"));

        // a C-STORE refused (SOP class not that of its presentation context): one record of its own
        try (DimseClient c = DimseClient.open("127.0.0.1", node.dicomPort(), "BADSCU", "QA_PRE",
                List.of(new PresentationContextRq(1, UIDs.CTImageStorage, List.of(UIDs.ExplicitVRLittleEndian))),
                AssociationRequestor.Config.defaults())) {
            DimseResponse r = c.store(1, UIDs.RTPlanStorage, "1.2.826.0.1.3680043.8.498.77",
                    new ByteArrayInputStream(new byte[8]), Duration.ofSeconds(20));
            assertThat(r.status()).isEqualTo(DimseStatus.SOP_CLASS_NOT_SUPPORTED);
            c.release();
        }
        assertThat(await(AuditEventType.INSTANCE_REFUSED, l -> l.size() == 1).get(0))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("BADSCU"))
                .satisfies(e -> assertThat(e.instances()).extracting(AuditEvent.Instance::sopInstanceUid)
                        .containsExactly("1.2.826.0.1.3680043.8.498.77"))
                .satisfies(e -> assertThat(e.description()).contains("0122"));

        // HTTP: logins, wrong and right; states; receiving state; comparison; sign-off; export
        assertThat(send("GET", "/api/v1/states", null, "wrong-token").statusCode()).isEqualTo(401);
        assertThat(await(AuditEventType.LOGIN, l -> l.size() == 1).get(0).outcome()).isEqualTo(AuditOutcome.MINOR_FAILURE);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=&password=" + TOKEN + "&next=/ui/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(await(AuditEventType.LOGIN, l -> l.size() == 2).get(0))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS))
                .satisfies(e -> assertThat(e.remoteAddress()).isEqualTo("127.0.0.1"));
        http.send(HttpRequest.newBuilder(URI.create(base + "/ui/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/json").header("X-Requested-With", "fetch")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        await(AuditEventType.LOGOUT, l -> l.size() == 1);

        // accounts (wired by RunningNode through audit.AuditedSecurityEvents): an account added by the
        // token's admin, then its login by name, each one record naming who
        assertThat(send("POST", "/api/v1/accounts", "{\"name\":\"phil\",\"role\":\"physicist\",\"password\":\"correct horse battery\"}",
                TOKEN).statusCode()).isEqualTo(201);
        assertThat(await(AuditEventType.ACCOUNT_CHANGED, l -> l.size() == 1).get(0))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("token"))
                .satisfies(e -> assertThat(e.objectId()).isEqualTo("phil"))
                .satisfies(e -> assertThat(e.description()).contains("physicist"));
        HttpResponse<String> phil = http.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=phil&password=correct+horse+battery&next=/ui/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(phil.headers().firstValue("Set-Cookie")).isPresent();
        assertThat(await(AuditEventType.LOGIN, l -> l.size() == 3).get(0))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("phil"))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));

        assertThat(send("POST", "/api/v1/states", "{\"name\":\"extra\"}", TOKEN).statusCode()).isEqualTo(201);
        assertThat(send("DELETE", "/api/v1/states/extra", null, TOKEN).statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/api/v1/receiving-state", "{\"state\":\"inbox2\"}", TOKEN).statusCode()).isEqualTo(200);
        assertThat(await(AuditEventType.STATE_CREATED, l -> l.size() == 1).get(0))
                .satisfies(e -> assertThat(e.objectId()).isEqualTo("extra"))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("token"));
        assertThat(await(AuditEventType.STATE_DELETED, l -> l.size() == 1).get(0).objectId()).isEqualTo("extra");
        assertThat(await(AuditEventType.RECEIVING_STATE_CHANGED, l -> l.size() == 1).get(0).objectId())
                .isEqualTo("inbox2");

        HttpResponse<String> cmp = send("POST", "/api/v1/comparisons", "{\"baseline\":\"pre\",\"candidate\":\"post\"}",
                TOKEN);
        assertThat(cmp.statusCode()).isEqualTo(202);
        String id = JSON.readTree(cmp.body()).get("id").asText();
        assertThat(await(AuditEventType.COMPARISON_REQUESTED, l -> l.size() == 1).get(0))
                .satisfies(e -> assertThat(e.objectId()).isEqualTo(id))
                .satisfies(e -> assertThat(e.description()).contains("baseline pre").contains("candidate post"));
        JsonNode result;
        long deadline = System.currentTimeMillis() + 60_000;
        do {
            Thread.sleep(100);
            result = JSON.readTree(send("GET", "/api/v1/comparisons/" + id, null, TOKEN).body());
        } while (!"DONE".equals(result.path("status").asText()) && System.currentTimeMillis() < deadline);
        assertThat(result.path("status").asText()).isEqualTo("DONE");
        assertThat(send("GET", "/api/v1/comparisons/" + id + "?format=html", null, TOKEN).statusCode()).isEqualTo(200);
        // polls before DONE read nothing of the patient: only the finished JSON and the report count
        assertThat(await(AuditEventType.COMPARISON_VIEWED, l -> l.size() == 2)).hasSize(2)
                .allSatisfy(e -> assertThat(e.objectId()).isEqualTo(id));
        assertThat(send("POST", "/api/v1/comparisons/" + id + "/signoff",
                "{\"decision\":\"ACCEPTED\",\"comment\":\"as planned\"}", TOKEN).statusCode()).isEqualTo(201);
        assertThat(await(AuditEventType.COMPARISON_SIGNED_OFF, l -> l.size() == 1).get(0).description())
                .contains("ACCEPTED");

        // an export from a ROIS the node does not know: refused, and recorded as tried
        int export = send("POST", "/api/v1/exports", "{\"from\":\"ARIA\",\"state\":\"pre\",\"patientIds\":[\"123456\"]}",
                TOKEN).statusCode();
        assertThat(export).isBetween(400, 499);
        assertThat(await(AuditEventType.EXPORT_REQUESTED, l -> l.size() == 1).get(0))
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.MINOR_FAILURE))
                .satisfies(e -> assertThat(e.objectId()).isEqualTo("ARIA"))
                .satisfies(e -> assertThat(e.description()).contains("123456"));

        // the REST view: filtered, paged, newest first, and itself audited
        // three INSTANCES_STORED records: two studies into pre, one into post
        JsonNode page = JSON.readTree(send("GET", "/api/v1/audit?type=instances_stored&limit=2", null, TOKEN).body());
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("type").asText()).isEqualTo("INSTANCES_STORED");
        assertThat(page.get("items").get(0).get("calledAeTitle").asText()).isEqualTo("QA_POST");
        JsonNode next = JSON.readTree(send("GET", "/api/v1/audit?type=INSTANCES_STORED&limit=2&before="
                + page.get("next").asLong(), null, TOKEN).body());
        assertThat(next.get("items")).hasSize(1);
        assertThat(next.has("next")).as("no next page: " + next).isFalse();
        assertThat(next.get("items").get(0).get("id").asLong()).isLessThan(page.get("items").get(1).get("id").asLong());
        JsonNode byText = JSON.readTree(send("GET", "/api/v1/audit?text=geant4&outcome=SUCCESS", null, TOKEN).body());
        assertThat(byText.get("items")).isNotEmpty().allSatisfy(i -> assertThat(i.get("patientId").asText()).isEqualTo("Geant4"));
        assertThat(send("GET", "/api/v1/audit", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/audit?since=yesterday", null, TOKEN).statusCode()).isEqualTo(400);
        await(AuditEventType.AUDIT_VIEWED, l -> l.size() >= 3);

        // every record went out as a valid DICOM Audit Message (PS3.15 A.5.1) over syslog
        assertThat(node.node().audit().awaitIdle(Duration.ofSeconds(20))).isTrue();
        long records = node.node().audit().find(AuditQuery.latest(AuditQuery.MAX_LIMIT)).items().size();
        List<String> lines = rsyslog.await("udp", l -> l.size() >= records, 20_000);
        assertThat(lines).hasSize((int) records);
        Dcmtk.Result jing = org.qanode.testing.Dcmtk.run(jingCommand(lines));
        assertThat(jing.exitCode()).as(jing.stdout() + jing.stderr()).isZero();
        assertThat(String.join("\n", lines)).contains("AuditSourceID=\"QANODE_TEST_SITE\"")
                .contains("<SOPClass UID=\"" + UIDs.RTPlanStorage + "\" NumberOfInstances=\"1\">");

        // application stop: recorded before the index closes
        node.close();
        node = null;
        try (var c = java.sql.DriverManager.getConnection(org.qanode.store.StateStore.defaultIndexUrl(dir.resolve("var")));
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM audit_events WHERE event_type = 'APPLICATION_STOP'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private List<String> jingCommand(List<String> lines) throws Exception {
        Path jing = ExternalTools.requireExecutable("jing", "jing");
        Path xmlDir = Files.createDirectories(dir.resolve("xml"));
        List<String> command = new java.util.ArrayList<>(List.of(jing.toString(), "-c",
                "src/test/resources/org/qanode/audit/dicom-audit-message.rnc"));
        int i = 0;
        for (String line : lines) {
            int at = line.indexOf("<?xml");
            assertThat(at).as(line).isGreaterThanOrEqualTo(0);
            command.add(Files.writeString(xmlDir.resolve("m" + (i++) + ".xml"), line.substring(at)).toString());
        }
        return command;
    }

    private void storescu(String calledAe, String... samples) {
        List<String> command = new java.util.ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", calledAe,
                "127.0.0.1", Integer.toString(node.dicomPort())));
        for (String s : samples) {
            command.add(Samples.get(s).toString());
        }
        Dcmtk.Result r = Dcmtk.run(command);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null || method.equals("POST") || method.equals("PUT")) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The records of {@code type}, newest first, once {@code done} holds (or after 20 s, as they are). */
    private List<AuditEvent> await(AuditEventType type, Predicate<List<AuditEvent>> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        List<AuditEvent> got;
        do {
            got = node.node().audit().find(new AuditQuery(type, null, null, null, null, null, null, 100)).items()
                    .stream().map(AuditEvent.Stored::event).toList();
            if (done.test(got)) {
                return got;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        assertThat(done.test(got)).as(type + " records: " + got).isTrue();
        return got;
    }
}
