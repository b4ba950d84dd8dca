package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.api.QatrackStandIn;
import picocli.CommandLine;

/**
 * {@code qanode qa test} from a configuration file, against the QATrack+ stand-in (Redmine's
 * messages are checked against the real one in RedmineRecordTest): one line per system, exit 0
 * or 1, 2 when nothing is configured; the token never printed.
 */
class QaCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Path config(String root, String unit) throws Exception {
        return Files.writeString(dir.resolve("qanode.yml"), """
                qa:
                  qatrack:
                    url: %s
                    mappings:
                      - {baseline: pre, candidate: post, unit: "%s", testList: "%s"}
                """.formatted(root, unit, QatrackStandIn.TEST_LIST));
    }

    @Test
    void reportsEachSystemInOneLine() throws Exception {
        try (QatrackStandIn qatrack = new QatrackStandIn("Authorization")) {
            Run ok = run(new String[] {"QANODE_QA_QATRACK_TOKEN=" + QatrackStandIn.TOKEN}, "qa", "test", "--config",
                    config(qatrack.root(), QatrackStandIn.UNIT).toString());
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).isEqualTo("qatrack: OK, token accepted, TrueBeam 1/qanode upgrade check\n");

            Run wrongUnit = run(new String[] {"QANODE_QA_QATRACK_TOKEN=" + QatrackStandIn.TOKEN}, "qa", "test",
                    "--config", config(qatrack.root(), "Halcyon 2").toString());
            assertThat(wrongUnit.code()).isEqualTo(1);
            assertThat(wrongUnit.err()).isEqualTo("qatrack: FAILED, no test list 'qanode upgrade check' assigned to unit "
                    + "'Halcyon 2' (qa.qatrack.mappings)\n");

            Run wrongToken = run(new String[] {"QANODE_QA_QATRACK_TOKEN=wrong-token-xyz"}, "qa", "test", "--config",
                    config(qatrack.root(), QatrackStandIn.UNIT).toString());
            assertThat(wrongToken.code()).isEqualTo(1);
            assertThat(wrongToken.err()).startsWith("qatrack: FAILED, token refused (HTTP 401").doesNotContain("wrong-token-xyz");
        }
    }

    @Test
    void nothingConfiguredIsAnError() throws Exception {
        Run r = run(new String[0], "qa", "test", "--config", Files.writeString(dir.resolve("empty.yml"), "{}\n").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no QA record system configured");
        assertThat(run(new String[0], "qa", "check").code()).isEqualTo(2);
    }

    private static Run run(String[] env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        java.util.Map<String, String> vars = new java.util.HashMap<>();
        for (String e : env) {
            vars.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        ConfigOptions.environment = () -> vars;
        try {
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            ConfigOptions.environment = System::getenv;
        }
    }
}
