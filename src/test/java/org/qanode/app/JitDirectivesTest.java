package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qanode.testing.ProbeJvm;

/**
 * The compiler directives {@code bin/qanode} gives {@code serve} ({@code etc/jit-directives.json};
 * docs/performance.md, "Ingest: C1 for the node, C2 for the digest") in a real JVM: the SHA-256
 * digest of every received byte and the comparator reach C2, the rest of the node stays with C1.
 * Without the file the probe's own method would reach C2 too (checked: the second test).
 */
class JitDirectivesTest {
    /** One line of {@code -XX:+PrintCompilation}: time, id, flags, tier, method. */
    private static final Pattern COMPILATION =
            Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*?([0-4])\\s+(\\S+::\\S+)");

    @Test
    void c2CompilesTheDigestTlsCryptographyAndTheComparatorAndNothingElse() throws Exception {
        List<String[]> compiled = probe("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + Path.of("etc/jit-directives.json").toAbsolutePath());

        assertThat(compiled).anyMatch(c -> c[0].equals("4") && c[1].startsWith("sun.security.provider."));
        // TLS: AES-GCM and the handshake's arithmetic (C1 has none of their CPU intrinsics)
        assertThat(compiled).anyMatch(c -> c[0].equals("4") && c[1].startsWith("com.sun.crypto.provider."));
        assertThat(compiled).anyMatch(c -> c[0].equals("4") && c[1].startsWith("java.math.BigInteger::"));
        assertThat(compiled).anyMatch(c -> c[0].equals("4") && c[1].equals("org.qanode.compare.JitProbeLoop::mix"));
        assertThat(compiled).anyMatch(c -> c[0].equals("1") && c[1].equals("org.qanode.app.JitDirectivesProbe::mix"));
        assertThat(compiled).noneMatch(c -> c[0].equals("4") && c[1].startsWith("org.qanode.app."));
    }

    @Test
    void withoutTheDirectivesTheSameMethodReachesC2() throws Exception {
        List<String[]> compiled = probe();

        assertThat(compiled).anyMatch(c -> c[0].equals("4") && c[1].equals("org.qanode.app.JitDirectivesProbe::mix"));
    }

    /** Runs {@link JitDirectivesProbe} and returns each compilation as {tier, method}. */
    private static List<String[]> probe(String... options) throws Exception {
        List<String> jvm = new ArrayList<>(List.of(options));
        // -Xbatch: each compilation finishes before the code that asked for it goes on, so what
        // the probe has compiled by its end does not depend on how busy the machine is
        jvm.addAll(List.of("-Xbatch", "-XX:+PrintCompilation"));
        String out = ProbeJvm.run(jvm, JitDirectivesProbe.class);
        assertThat(out).contains("probe ");
        List<String[]> compiled = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = COMPILATION.matcher(line);
            if (m.find()) {
                compiled.add(new String[] {m.group(1), m.group(2)});
            }
        }
        return compiled;
    }
}
