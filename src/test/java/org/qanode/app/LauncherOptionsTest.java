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
 * "Ingest: the JIT compiler"): the launcher is run by {@code sh} with a stand-in {@code java} that
 * prints the arguments it was given, so no JVM starts.
 */
class LauncherOptionsTest {
    private static final String RAISED_C2 = "-XX:Tier4InvocationThreshold=100000";

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
    void serveRaisesTheC2ThresholdsAndKeepsTheDefaultCollector() throws Exception {
        List<String> args = run(null, "serve", "--data-dir", "var");

        assertThat(args).contains(RAISED_C2, "-XX:Tier4MinInvocationThreshold=20000",
                "-XX:Tier4CompileThreshold=300000", "-XX:Tier4BackEdgeThreshold=800000", "-Xmx512m");
        assertThat(args).noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.endsWith("SerialGC"));
        assertThat(args.subList(args.indexOf("org.qanode.app.Main") + 1, args.size()))
                .containsExactly("serve", "--data-dir", "var");
    }

    @Test
    void shortCommandsRunOnC1WithTheSerialCollector() throws Exception {
        List<String> args = run(null, "dump", "x.dcm");

        assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(args).doesNotContain(RAISED_C2);
    }

    @Test
    void optionsFromTheEnvironmentComeLastSoTheyWin() throws Exception {
        List<String> args = run("-Xmx2g -XX:TieredStopAtLevel=1", "serve");

        assertThat(args.indexOf("-XX:TieredStopAtLevel=1")).isGreaterThan(args.indexOf(RAISED_C2));
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
