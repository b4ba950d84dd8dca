package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.UIDs;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;
import org.qanode.testing.OrthancPeer;
import org.qanode.testing.PeerProcesses;
import org.qanode.testing.Samples;
import org.qanode.testing.TestCertificates;
import picocli.CommandLine;

/**
 * DICOM TLS (PS3.15 B.1, profiles B.10-B.12) and HTTPS against real peers, with certificates
 * made by openssl at test time: dcmtk's echoscu and storescu to our TLS port, our SCU to dcmtk's
 * storescp and to Orthanc over TLS, and what must be refused: TLS 1.1, a suite the profile
 * excludes, an untrusted or missing client certificate, plain DICOM on the TLS port. A renewed
 * certificate is picked up without dropping an open association.
 */
class DicomTlsTest {
    @TempDir
    Path dir;
    private TestCertificates pki;
    private RunningNode node;
    private Path config;
    private Process storescp;

    @BeforeEach
    void start() throws Exception {
        ConfigOptions.environment = Map::of;
        pki = TestCertificates.create(dir.resolve("pki"));
        config = Files.writeString(dir.resolve("qanode.yml"), """
                dicom:
                  aeTitle: QANODE
                  port: 0
                  tls:
                    port: 0
                    certificate: %s
                    privateKey: %s
                    trustedCertificates: %s
                http:
                  port: 0
                  tls: {certificate: %s, privateKey: %s}
                storage: {dataDir: %s}
                """.formatted(pki.nodeCertificate, pki.nodeKey, pki.caCertificate, pki.nodeCertificate, pki.nodeKey,
                dir.resolve("var")));
        node = RunningNode.start(ConfigLoader.load(config, Map.of(), Map.of("dicom.warmUpObjects", "0")));
    }

    @AfterEach
    void stop() throws Exception {
        ConfigOptions.environment = System::getenv;
        PeerProcesses.stop(storescp);
        if (node != null) {
            node.close();
        }
    }

    @Test
    void dcmtkEchoAndStoreOverTlsWithATrustedCertificate() throws Exception {
        ExternalTools.requireExecutable("echoscu", "dcmtk");
        int tls = node.dicomTlsPort();
        assertThat(tls).isPositive().isNotEqualTo(node.dicomPort());
        Dcmtk.Result echo = Dcmtk.run("echoscu", "+tls", pki.peerKey.toString(), pki.peerCertificate.toString(),
                "+cf", pki.caCertificate.toString(), "-aet", "PEER", "-aec", "QANODE", "127.0.0.1", Integer.toString(tls));
        assertThat(echo.exitCode()).as(echo.stderr() + echo.stdout()).isZero();

        Path plan = firstFile(Samples.get("rtplan"));
        Dcmtk.Result store = Dcmtk.run("storescu", "+tls", pki.peerKey.toString(), pki.peerCertificate.toString(),
                "+cf", pki.caCertificate.toString(), "-aet", "PEER", "-aec", "QANODE", "127.0.0.1", Integer.toString(tls),
                plan.toString());
        assertThat(store.exitCode()).as(store.stderr() + store.stdout()).isZero();
        assertThat(store.stderr() + store.stdout()).doesNotContainIgnoringCase("error");
        assertThat(countFiles(dir.resolve("var"), ".dcm")).isEqualTo(1);

        // the plain port stays open beside it (dicom.tls.only: false)
        assertThat(Dcmtk.run("echoscu", "-aec", "QANODE", "127.0.0.1", Integer.toString(node.dicomPort())).exitCode())
                .isZero();
    }

    @Test
    void refusedUntrustedOrMissingCertificateOldTlsExcludedSuitePlainDicom() throws Exception {
        ExternalTools.requireExecutable("echoscu", "dcmtk");
        String tls = Integer.toString(node.dicomTlsPort());
        Dcmtk.Result rogue = Dcmtk.run("echoscu", "+tls", pki.rogueKey.toString(), pki.rogueCertificate.toString(),
                "+cf", pki.caCertificate.toString(), "-aec", "QANODE", "127.0.0.1", tls);
        assertThat(rogue.exitCode()).as("untrusted client certificate").isNotZero();
        Dcmtk.Result anonymous = Dcmtk.run("echoscu", "+tla", "+cf", pki.caCertificate.toString(), "-aec", "QANODE",
                "127.0.0.1", tls);
        assertThat(anonymous.exitCode()).as("no client certificate").isNotZero();
        Dcmtk.Result plain = Dcmtk.run("echoscu", "-to", "10", "-ta", "10", "-aec", "QANODE", "127.0.0.1", tls);
        assertThat(plain.exitCode()).as("plain DICOM on the TLS port").isNotZero();

        ExternalTools.requireExecutable("openssl", "openssl");
        // SECLEVEL=0 so that openssl itself is willing to offer TLS 1.1: the refusal must be ours
        String[] client = {"-connect", "127.0.0.1:" + tls, "-cert", pki.peerCertificate.toString(), "-key",
                pki.peerKey.toString(), "-CAfile", pki.caCertificate.toString()};
        Dcmtk.Result tls11 = sClient(client, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertThat(tls11.exitCode()).as(tls11.stdout()).isNotZero();
        assertThat(tls11.stdout()).doesNotContain("Protocol  : TLSv1.1");
        Dcmtk.Result cbc = sClient(client, "-tls1_2", "-cipher", "AES128-SHA");
        assertThat(cbc.exitCode()).as("TLS_RSA_WITH_AES_128_CBC_SHA is not in bcp195-rfc8996").isNotZero();
        Dcmtk.Result tls12 = sClient(client, "-tls1_2");
        assertThat(tls12.stdout()).contains("TLSv1.2").contains("ECDHE-RSA-AES256-GCM-SHA384");

        // after all that the node still serves a good peer
        Dcmtk.Result good = Dcmtk.run("echoscu", "+tls", pki.peerKey.toString(), pki.peerCertificate.toString(),
                "+cf", pki.caCertificate.toString(), "-aec", "QANODE", "127.0.0.1", tls);
        assertThat(good.exitCode()).isZero();
    }

    @Test
    void qanodeSendAndEchoOverTlsToDcmtkStorescp() throws Exception {
        ExternalTools.requireExecutable("storescp", "dcmtk");
        int port = PeerProcesses.freePort();
        Path out = Files.createDirectories(dir.resolve("storescp"));
        storescp = PeerProcesses.start(List.of("storescp", "+tls", pki.peerKey.toString(), pki.peerCertificate.toString(),
                "+cf", pki.caCertificate.toString(), "-aet", "STORESCP", "-od", out.toString(), Integer.toString(port)),
                dir.resolve("storescp.log"));
        PeerProcesses.awaitListening(storescp, port, 10_000);

        Run echo = run(new EchoCommand(), "--config", config.toString(), "--tls", "STORESCP@127.0.0.1:" + port);
        assertThat(echo.code()).as(echo.err()).isZero();
        assertThat(echo.out()).startsWith("C-ECHO STORESCP@127.0.0.1:" + port + ": Success");

        Path plan = firstFile(Samples.get("rtplan"));
        Run send = run(new SendCommand(), "--config", config.toString(), "--tls", "STORESCP@127.0.0.1:" + port,
                plan.toString());
        assertThat(send.code()).as(send.err()).isZero();
        assertThat(send.out()).startsWith("sent 1, failed 0");
        assertThat(countFiles(out, "")).isEqualTo(1);

        // without --tls the same peer is a failed handshake, said in one line
        Run plain = run(new EchoCommand(), "--config", config.toString(), "--timeout", "5", "STORESCP@127.0.0.1:" + port);
        assertThat(plain.code()).isEqualTo(1);
    }

    @Test
    void orthancOverTlsBothWays() throws Exception {
        int ourTls = node.dicomTlsPort();
        ObjectNode modalities = JsonNodeFactory.instance.objectNode();
        modalities.putObject("QANODE").put("AET", "QANODE").put("Host", "127.0.0.1").put("Port", ourTls)
                .put("UseDicomTls", true);
        try (OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC", Map.of(), false, Map.of(
                "DicomTlsEnabled", true,
                "DicomTlsCertificate", pki.peerCertificate.toString(),
                "DicomTlsPrivateKey", pki.peerKey.toString(),
                "DicomTlsTrustedCertificates", pki.caCertificate.toString(),
                "DicomTlsRemoteCertificateRequired", true,
                "DicomModalities", modalities))) {
            Run echo = run(new EchoCommand(), "--config", config.toString(), "--tls",
                    "ORTHANC@127.0.0.1:" + orthanc.dicomPort());
            assertThat(echo.code()).as(echo.err() + orthanc.log()).isZero();
            // Orthanc's C-ECHO to us, over TLS to our TLS port
            assertThat(orthanc.post("/modalities/QANODE/echo", "{}")).as(orthanc.log()).isEqualTo(200);
        }
    }

    @Test
    void httpsWithHsts() throws Exception {
        ExternalTools.requireExecutable("curl", "curl");
        int port = java.net.URI.create(node.api().baseUrl()).getPort();
        assertThat(node.api().baseUrl()).startsWith("https://");
        Dcmtk.Result r = Dcmtk.run("curl", "-sS", "--cacert", pki.caCertificate.toString(), "-D", "-", "-o", "/dev/null",
                "https://127.0.0.1:" + port + "/api/v1/health");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("HTTP/1.1 200").containsIgnoringCase("strict-transport-security: max-age=31536000");
        Dcmtk.Result plain = Dcmtk.run("curl", "-sS", "--max-time", "5", "http://127.0.0.1:" + port + "/api/v1/health");
        assertThat(plain.exitCode()).as("plain HTTP to the HTTPS port").isNotZero();
    }

    @Test
    void aRenewedCertificateServesNewConnectionsAndOpenAssociationsGoOn() throws Exception {
        ExternalTools.requireExecutable("openssl", "openssl");
        String[] client = {"-connect", "127.0.0.1:" + node.dicomTlsPort(), "-cert", pki.peerCertificate.toString(),
                "-key", pki.peerKey.toString(), "-CAfile", pki.caCertificate.toString()};
        assertThat(sClient(client).stdout()).contains("CN = qanode test node");
        QanodeConfig cfg = ConfigLoader.load(config, Map.of(), Map.of());
        var scu = PeerOptions.requestorConfig(10, 65536)
                .withTls(NodeTls.dicom(cfg.dicom(), false));
        List<PresentationContextRq> verification = List.of(new PresentationContextRq(1, StoreScpConfig.VERIFICATION,
                List.of(UIDs.ImplicitVRLittleEndian)));
        try (DimseClient open = DimseClient.open("127.0.0.1", node.dicomTlsPort(), "PEER", "QANODE", verification, scu)) {
            assertThat(open.echo(Duration.ofSeconds(10))).isZero();
            pki.renewNode("qanode renewed node");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String seen = "";
            while (System.nanoTime() < deadline && !seen.contains("CN = qanode renewed node")) {
                Thread.sleep(500);
                seen = sClient(client).stdout();
            }
            assertThat(seen).contains("CN = qanode renewed node");
            assertThat(open.echo(Duration.ofSeconds(10))).as("the association opened before the renewal").isZero();
        }
    }

    private static Dcmtk.Result sClient(String[] common, String... more) {
        List<String> cmd = new java.util.ArrayList<>(List.of("timeout", "20", "openssl", "s_client", "-brief"));
        cmd.addAll(List.of(common));
        cmd.addAll(List.of(more));
        // -brief prints the negotiated protocol, suite and peer subject; stdin is closed, so it ends
        Dcmtk.Result r = Dcmtk.run(cmd);
        return new Dcmtk.Result(r.exitCode(), r.stdout() + r.stderr(), "");
    }

    private static Path firstFile(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
    }

    private static long countFiles(Path root, String suffix) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.toString().contains("index")).count();
        }
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
