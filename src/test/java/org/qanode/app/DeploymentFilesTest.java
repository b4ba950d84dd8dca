package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.api.HttpApi;
import org.qanode.api.HttpSettings;
import org.qanode.metrics.NodeMetrics;
import org.qanode.node.CompareSettings;
import org.qanode.node.Node;
import org.qanode.store.StateStore;
import org.qanode.testing.ExternalTools;
import org.qanode.webhook.RetryPolicy;

/**
 * The files that install the node: the systemd unit stays hardened (issue 12: exposure 3.0 or
 * lower by systemd's own rating) and the container's health check works with the shells the
 * image has. Neither systemd nor a Docker engine runs here, so the unit is rated offline and
 * the health check command is run as the image would run it, against a real node.
 */
class DeploymentFilesTest {
    private static final Path UNIT = Path.of("etc/qanode.service");
    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");

    @TempDir
    Path dir;

    @Test
    void systemdUnitIsRatedThreeOrLower() throws Exception {
        Path analyze = ExternalTools.requireExecutable("systemd-analyze", "systemd");
        Process p = new ProcessBuilder(analyze.toString(), "security", "--offline=true", UNIT.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("Overall exposure level for \\S+: ([0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(out).isLessThanOrEqualTo(3.0);
    }

    @Test
    void unitKeepsWhatTheJvmNeeds() throws IOException {
        String unit = Files.readString(UNIT);
        // the JIT writes and then runs machine code: this option would stop the JVM at start
        assertThat(unit).doesNotContainPattern("(?m)^MemoryDenyWriteExecute=(true|yes)");
        assertThat(unit).containsPattern("(?m)^UMask=0027$");
        assertThat(unit).containsPattern("(?m)^KillSignal=SIGTERM$");
    }

    @Test
    void containerHealthCheckAnswersOnlyWhileTheNodeIsUp() throws Exception {
        ExternalTools.requireExecutable("bash", "bash");
        List<String> command = healthCheckCommand();
        assertThat(command.get(0)).as("the image's sh is dash, which has no /dev/tcp").isNotEqualTo("sh");
        Path data = dir.resolve("var");
        int port;
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            Node node = Node.start(store, new Node.Options(java.util.Map.of(), "inbox", List.of(),
                    new RetryPolicy(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                            java.time.Duration.ofSeconds(1)),
                    new CompareSettings("upgrade", Path.of("conf/profiles"), 1, 1, 1)), new NodeMetrics(), null);
            try (HttpApi api = HttpApi.start(node, new HttpSettings("127.0.0.1", 0, null, 1 << 20, null))) {
                port = api.port();
                assertThat(run(command, port)).isZero();
            } finally {
                node.close();
            }
        }
        assertThat(run(command, port)).as("no node listening").isNotZero();
    }

    /** The HEALTHCHECK's exec-form command, as Docker would run it. */
    private static List<String> healthCheckCommand() throws IOException {
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (line.startsWith("HEALTHCHECK")) {
                String json = line.substring(line.indexOf("CMD") + 3).trim();
                List<String> out = new ArrayList<>();
                new ObjectMapper().readTree(json).forEach(n -> out.add(n.asText()));
                return out;
            }
        }
        throw new AssertionError("no HEALTHCHECK in " + DOCKERFILE);
    }

    private static int run(List<String> command, int port) throws Exception {
        List<String> c = new ArrayList<>(command);
        c.set(c.size() - 1, c.get(c.size() - 1).replace("/8080", "/" + port));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
