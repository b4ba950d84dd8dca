package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.api.HttpSettings;
import org.qanode.net.tls.TlsSettings;
import org.qanode.testing.LogCapture;

/**
 * The secure default: HTTP on a non-loopback address needs HTTPS and accounts (or the token)
 * unless {@code http.allowInsecure: true}; one line either way.
 */
class SecureDefaultTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = LogCapture.of(SecureDefault.class, Level.INFO);
    private RunningNode node;


    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    private Map<String, String> cli(String bind) {
        return new HashMap<>(Map.of("storage.dataDir", dir.resolve("var").toString(), "dicom.port", "0",
                "http.port", "0", "http.bind", bind, "dicom.warmUpObjects", "0"));
    }

    private List<String> lines() {
        return log.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void aNodeOnAllAddressesWithoutTlsAndAccountsRefusesToStart() throws Exception {
        assertThatThrownBy(() -> RunningNode.start(ConfigLoader.load(null, Map.of(), cli("0.0.0.0"))))
                .isInstanceOf(IOException.class)
                .hasMessage("refusing to serve HTTP on 0.0.0.0:0 (http.bind is not loopback) without HTTPS (http.tls) and "
                        + "accounts (qanode user add) or http.token; set http.allowInsecure: true to serve it anyway");
        // the node did not keep the data directory
        assertThat(NodeLock.running(dir.resolve("var"))).isEmpty();
    }

    @Test
    void allowInsecureServesAndSaysSoInOneLine() throws Exception {
        Map<String, String> cli = cli("0.0.0.0");
        cli.put("http.allowInsecure", "true");
        cli.put("http.token", "some-t0ken");
        node = RunningNode.start(ConfigLoader.load(null, Map.of(), cli));
        assertThat(lines()).containsExactly("WARN HTTP on 0.0.0.0:0 is INSECURE, served only because http.allowInsecure is true: "
                + "no HTTPS (http.tls)");
    }

    @Test
    void loopbackAndTheSecureCaseSayHowAccessIsProtected() throws Exception {
        TlsSettings tls = TlsSettings.serverOnly(Path.of("node.crt"), Path.of("node.key"));
        SecureDefault.check(new HttpSettings("10.1.2.3", 8443, null, 1024, null, 10, 60, tls), true);
        SecureDefault.check(new HttpSettings("127.0.0.1", 8080, null, 1024, null, 10, 60, null), false);
        assertThatThrownBy(() -> SecureDefault.check(new HttpSettings("10.1.2.3", 8443, null, 1024, null, 10, 60, tls), false))
                .hasMessageContaining("without accounts (qanode user add) or http.token;");
        assertThat(lines()).containsExactly("INFO HTTP on 10.1.2.3:8443 reachable from other hosts: HTTPS, accounts",
                "INFO HTTP on 127.0.0.1:8080 (loopback only): plain HTTP, no authentication");
        assertThat(log.events()).allMatch(e -> e.getLevel().isGreaterOrEqual(Level.INFO));
    }
}
