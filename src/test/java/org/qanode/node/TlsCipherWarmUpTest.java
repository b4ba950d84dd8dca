package org.qanode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qanode.testing.ProbeJvm;

/**
 * A node with TLS warms the record cipher at start (issue 16): in a JVM with serve's compiler
 * directives, C2 has compiled the JDK's AES-GCM by the time the warm-up returns. {@code -Xbatch}
 * makes each compilation finish before the code that asked for it goes on, so what is compiled
 * by the "settled" line does not depend on how busy the machine is. The same JVM without the call
 * compiles none of it, so the check tells the two apart.
 */
class TlsCipherWarmUpTest {
    @Test
    void everyRecordComesBackIntact() {
        assertThat(TlsCipherWarmUp.run()).isEqualTo(TlsCipherWarmUp.RECORDS);
    }

    @Test
    void c2HasCompiledTheCipherWhenItReturns() throws Exception {
        assertThat(compiledBeforeSettled()).anyMatch(l -> l.matches(".*\\s4\\s+com\\.sun\\.crypto\\.provider\\..*"));
        assertThat(compiledBeforeSettled("--none")).as("a JVM that does not call it")
                .noneMatch(l -> l.contains("com.sun.crypto.provider."));
    }

    private static List<String> compiledBeforeSettled(String... args) throws Exception {
        String out = ProbeJvm.run(List.of("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + Path.of("etc/jit-directives.json").toAbsolutePath(),
                "-Xbatch", "-XX:+PrintCompilation"), TlsCipherProbe.class, args);
        return ProbeJvm.linesBefore(out, "settled");
    }
}
