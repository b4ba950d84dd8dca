package org.qanode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.tls.TlsContexts;
import org.qanode.net.tls.TlsProfile;
import org.qanode.net.tls.TlsSettings;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StateStore;
import org.qanode.testing.Rsyslog;
import org.qanode.testing.TestCertificates;

/**
 * Every audit record reaches a real rsyslog (Debian's, started by the test with its own
 * configuration) over UDP (RFC 5426), TCP with octet counting (RFC 6587) and TLS (RFC 5425,
 * mutual: rsyslog checks our client certificate, we check its), as RFC 5424 messages carrying a
 * DICOM Audit Message valid against PS3.15 A.5.1.
 */
class SyslogRsyslogTest {
    @TempDir
    Path dir;
    private TestCertificates pki;
    private Rsyslog rsyslog;
    private IndexDatabase index;
    private TlsContexts tls;

    @BeforeEach
    void start() throws Exception {
        pki = TestCertificates.create(dir.resolve("pki"));
        // rsyslog serves with the peer certificate (SAN 127.0.0.1); we present the node's
        rsyslog = Rsyslog.start(dir.resolve("rsyslog"), pki.caCertificate, pki.peerCertificate, pki.peerKey, 0);
        index = IndexDatabase.open(StateStore.defaultIndexUrl(dir.resolve("var")));
        tls = TlsContexts.load("dicom.tls", new TlsSettings(pki.nodeCertificate, pki.nodeKey, pki.caCertificate, true,
                TlsProfile.DEFAULT), true);
    }

    @AfterEach
    void stop() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
        if (tls != null) {
            tls.close();
        }
        if (index != null) {
            index.close();
        }
    }

    @Test
    void udp() throws Exception {
        sendAllAndValidate(SyslogSettings.Protocol.UDP, rsyslog.udpPort, "udp");
    }

    @Test
    void tcpWithOctetCounting() throws Exception {
        sendAllAndValidate(SyslogSettings.Protocol.TCP, rsyslog.tcpPort, "tcp");
    }

    @Test
    void tlsWithClientCertificate() throws Exception {
        sendAllAndValidate(SyslogSettings.Protocol.TLS, rsyslog.tlsPort, "tls");
    }

    private void sendAllAndValidate(SyslogSettings.Protocol protocol, int port, String input) throws Exception {
        List<AuditEvent> events = AuditSamples.all();
        try (AuditTrail trail = AuditTrail.start(index, new AuditSource("QANODE", "QANODE", "qa-host", "4242"),
                new SyslogSettings("127.0.0.1", port, protocol, protocol == SyslogSettings.Protocol.TLS ? tls : null))) {
            events.forEach(trail::record);
            assertThat(trail.awaitIdle(Duration.ofSeconds(30))).as("all sent; failures " + trail.syslogFailures()).isTrue();
            assertThat(trail.syslogSent()).isEqualTo(events.size());
        }
        List<String> lines = rsyslog.await(input, l -> l.size() >= events.size(), 20_000);
        assertThat(lines).as("rsyslog says: " + rsyslog.output()).hasSize(events.size());
        for (String line : lines) {
            // RFC 5424 header after PRI: version, time, host, app, procid, msgid, no structured data
            assertThat(line).startsWith("1 2026-12-02T15:00:00.123Z qa-host qanode 4242 IHE+RFC-3881 - ");
        }
        AuditSchema.assertValid(dir.resolve("xml-" + input), lines.stream().map(AuditSchema::xmlOf).toList());
        assertThat(String.join("\n", lines)).contains("originalText=\"DICOM Instances Transferred\"")
                .contains("originalText=\"User Authentication\"").contains("originalText=\"Application Activity\"");
    }
}
