package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code qanode selftest}: exit 0 and one line on the shipped profile; exit 1 and one line per miss on a weakened one. */
class SelftestCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    @Test
    void passesWithTheUpgradeProfile() {
        Run r = run("--profiles-dir", "conf/profiles");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).singleElement().asString()
                .startsWith("selftest OK: all 7 seeded changes found at their tag paths, nothing else reported (profile upgrade, ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aSiteProfileThatIgnoresBeamMetersetFailsLoudly() throws Exception {
        String yml = Files.readString(Path.of("conf/profiles/upgrade.yml"))
                .replace("  - InstanceCreationDate\n", "  - InstanceCreationDate\n  - BeamMeterset\n");
        Files.writeString(dir.resolve("upgrade.yml"), yml);
        Run r = run("--profiles-dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err().lines().toList().get(0)).startsWith("selftest FAILED: 1 seeded change(s) missed, 0 unexpected");
        assertThat(r.err().lines().toList().get(1)).startsWith(
                "MISSED beam MU: CHANGED /FractionGroupSequence/1/ReferencedBeamSequence/1/BeamMeterset in 2.25.");
    }

    @Test
    void anUnknownProfileIsAnError() {
        Run r = run("--profiles-dir", dir.toString(), "--profile", "nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("qanode selftest: no profile 'nope'");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "selftest";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine cl = Main.commandLine(all);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }
}
