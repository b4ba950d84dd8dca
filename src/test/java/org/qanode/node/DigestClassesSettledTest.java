package org.qanode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qanode.testing.ProbeJvm;

/**
 * The warm-up loads every message digest class before the SHA-256 of received objects is
 * compiled (issue 16): the other SHA-2 classes, loaded later when the node sets up TLS for its
 * HTTP clients, would otherwise invalidate that compiled code, and it would be compiled again
 * during the first real objects. Checked in a JVM of its own that logs the classes it loads; the
 * same JVM without the call loads none of them, so the check tells the two apart.
 */
class DigestClassesSettledTest {
    private static List<String> loadedBeforeSettled(String... args) throws Exception {
        String out = ProbeJvm.run(List.of("-Xshare:off", "-Xlog:class+load=info"), DigestClassesProbe.class, args);
        return ProbeJvm.linesBefore(out, "settled");
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
