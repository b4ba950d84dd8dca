package org.qanode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe's {@code main} in a JVM of its own, with this test run's class path and the JVM
 * options a test is about (class loading or compilation logs, compiler directives), and returns
 * what it printed, standard error included. Fails the test if it does not end within a minute or
 * exits other than 0.
 */
public final class ProbeJvm {
    private ProbeJvm() {
    }

    public static String run(List<String> jvmOptions, Class<?> probe, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The lines {@code out} has before its line starting with {@code marker} (which must be there). */
    public static List<String> linesBefore(String out, String marker) {
        assertThat(out).contains("\n" + marker);
        return out.substring(0, out.indexOf("\n" + marker)).lines().toList();
    }
}
