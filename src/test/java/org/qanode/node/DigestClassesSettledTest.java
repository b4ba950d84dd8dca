package org.qanode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up loads every message digest class before the SHA-256 of received objects is
 * compiled (issue 16): the other SHA-2 classes, loaded later when the node sets up TLS for its
 * HTTP clients, would otherwise invalidate that compiled code, and it would be compiled again
 * during the first real objects. Checked in a JVM of its own that logs the classes it loads; the
 * same JVM without the call loads none of them, so the check tells the two apart.
 */
class DigestClassesSettledTest {
    private static List<String> loadedBeforeSettled(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                DigestClassesProbe.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\nsettled");
        return out.substring(0, out.indexOf("\nsettled")).lines().toList();
    }

    @Test
    void everySha2ClassIsLoadedByTheWarmUp() throws Exception {
        List<String> settled = loadedBeforeSettled();
        for (String c : List.of("sun.security.provider.SHA2$SHA256", "sun.security.provider.SHA2$SHA224",
                "sun.security.provider.SHA5$SHA384", "sun.security.provider.SHA5$SHA512", "sun.security.provider.MD5")) {
            assertThat(settled).as(c).anyMatch(l -> l.contains(" " + c + " "));
        }
        assertThat(loadedBeforeSettled("--none")).as("a JVM that does not call it")
                .noneMatch(l -> l.contains(" sun.security.provider.SHA5$SHA512 "))
                .noneMatch(l -> l.contains(" sun.security.provider.SHA2$SHA224 "));
    }
}
