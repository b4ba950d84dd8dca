package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/qanode} chooses per command (docs/performance.md, "Data layer" and
 * "Ingest: C1 for the node, C2 for the digest"): the launcher is run by {@code sh} with a stand-in
 * {@code java} that prints the arguments it was given, so no JVM starts. What the directives file
 * does in a real JVM: {@link JitDirectivesTest}.
 */
class LauncherOptionsTest {
    private static final String SOONER_C1 = "-XX:Tier3InvocationThreshold=20";

    @TempDir
    Path dist;

    private Path fakeJava;

    @BeforeEach
    void distribution() throws IOException {
        Files.createDirectories(dist.resolve("bin"));
        Files.createDirectories(dist.resolve("lib"));
        Files.copy(Path.of("src/dist/bin/qanode"), dist.resolve("bin/qanode"));
        Files.writeString(dist.resolve("lib/qanode.jar"), "");
        fakeJava = dist.resolve("fake-java");
        // prints its arguments; asked to dump a CDS archive, writes one (an empty file)
        Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\";"
                + " case \"$a\" in -XX:SharedArchiveFile=*) f=${a#-XX:SharedArchiveFile=};; -Xshare:dump) d=1;; esac; done\n"
                + "[ -n \"$d\" ] && : >\"$f\"\nexit 0\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void serveCompilesWithC1SoonerAndKeepsC2ForWhatTheDirectivesName() throws Exception {
        Files.createDirectories(dist.resolve("etc"));
        Files.copy(Path.of("etc/jit-directives.json"), dist.resolve("etc/jit-directives.json"));

        List<String> args = run(null, "serve", "--data-dir", "var");

        assertThat(args).contains(SOONER_C1, "-XX:Tier3MinInvocationThreshold=10", "-XX:Tier3CompileThreshold=200",
                "-XX:Tier3BackEdgeThreshold=5000", "-XX:Tier0InvokeNotifyFreqLog=3", "-XX:Tier0BackedgeNotifyFreqLog=7",
                "-XX:Tier4InvocationThreshold=1000", "-XX:Tier4MinInvocationThreshold=120",
                "-XX:Tier4CompileThreshold=3000", "-XX:Tier4BackEdgeThreshold=8000", "-XX:Tier3InvokeNotifyFreqLog=7",
                "-XX:Tier3BackedgeNotifyFreqLog=10", "-XX:+DisplayVMOutputToStderr",
                "-Xmx512m");
        String directives = "-XX:CompilerDirectivesFile=" + dist.toAbsolutePath().resolve("etc/jit-directives.json");
        // a diagnostic option: the JVM refuses it unless unlocked first
        assertThat(args.indexOf("-XX:+UnlockDiagnosticVMOptions")).isNotNegative().isLessThan(args.indexOf(directives));
        assertThat(args).noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.endsWith("SerialGC"));
        assertThat(args.subList(args.indexOf("org.qanode.app.Main") + 1, args.size()))
                .containsExactly("serve", "--data-dir", "var");
    }

    /** An operator who deletes the file gets C2 for everything back, not a JVM that will not start. */
    @Test
    void serveWithoutTheDirectivesFileRunsWithoutDirectives() throws Exception {
        List<String> args = run(null, "serve");

        assertThat(args).contains(SOONER_C1);
        assertThat(args).noneMatch(a -> a.startsWith("-XX:CompilerDirectivesFile") || a.equals("-XX:+UnlockDiagnosticVMOptions")
                || a.startsWith("-XX:Tier4") || a.startsWith("-XX:Tier3InvokeNotify"));
    }

    @Test
    void shortCommandsRunOnC1WithTheSerialCollector() throws Exception {
        List<String> args = run(null, "dump", "x.dcm");

        assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(args).doesNotContain(SOONER_C1);
    }

    @Test
    void optionsFromTheEnvironmentComeLastSoTheyWin() throws Exception {
        List<String> args = run("-Xmx2g -XX:TieredStopAtLevel=1", "serve");

        assertThat(args.indexOf("-XX:TieredStopAtLevel=1")).isGreaterThan(args.indexOf(SOONER_C1));
        assertThat(args).contains("-Xmx2g").doesNotContain("-Xmx512m");
    }

    /**
     * The JVM checks each jar against the archive and, for one replaced since it was dumped, runs
     * without it, silently: jars copied over an older installation must not keep a stale archive
     * in use (issue 16).
     */
    @Test
    void aJarReplacedSinceTheArchiveWasMadeRetiresTheArchive() throws Exception {
        Files.writeString(dist.resolve("lib/qanode.classlist"), "java/lang/Object\n");
        runCds("create", "serve");
        assertThat(dist.resolve("lib/qanode.jsa")).exists();
        assertThat(runCds(null, "serve")).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));

        Files.writeString(dist.resolve("lib/qanode.jar"), "another build");
        assertThat(runCds(null, "serve")).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
    }

    private List<String> run(String javaOpts, String... command) throws Exception {
        return launch(javaOpts, "off", command);
    }

    private List<String> runCds(String cds, String... command) throws Exception {
        return launch(null, cds, command);
    }

    private List<String> launch(String javaOpts, String cds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", dist.resolve("bin/qanode").toString());
        pb.command().addAll(List.of(command));
        pb.environment().put("JAVA", fakeJava.toString());
        if (cds != null) {
            pb.environment().put("QANODE_CDS", cds);
        } else {
            pb.environment().remove("QANODE_CDS");
        }
        if (javaOpts != null) {
            pb.environment().put("QANODE_JAVA_OPTS", javaOpts);
        } else {
            pb.environment().remove("QANODE_JAVA_OPTS");
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
