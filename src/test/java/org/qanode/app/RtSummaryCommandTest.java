package org.qanode.app;

import org.qanode.net.dimse.DimseStatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.store.StateStore;
import org.qanode.testing.Samples;
import picocli.CommandLine;

/** {@code qanode rt-summary} on a file, a folder and a state of a real store. */
class RtSummaryCommandTest {
    private static final String FIF = "rtplan/pps_aria13_fif_static_mlc.dcm";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    @Test
    void fileAsText() {
        Run r = run(Samples.get(FIF).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("patient 08022012 phantom 25x25x10",
                "plan Plano1_FiF 1.2.246.352.71.5.671195124554.1163471.20180227163514 (RT Plan Storage, UNAPPROVED)",
                "fractions delivered/planned no records (1 planned); total dose delivered/planned (Gy) no records/2.000",
                "beam 1 Campo 1: STATIC PHOTON 6 MV, 200.00 MU, 4 control points, gantry 0.0 to 0.0 deg NONE, "
                        + "collimator 0.0 deg, couch 0.0 deg, Trilogy");
    }

    @Test
    void folderAsJsonListsEveryPlanAndSkipsOtherObjects() throws Exception {
        Run r = run(Samples.get("pairs/export-2018-04-04").toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.get("plans").asInt()).isEqualTo(4);
        assertThat(s.at("/patients/0/plans/0/baseline/label").asText()).isEqualTo("2LT SCLAV");
        assertThat(s.at("/patients/0/plans/0/status").isMissingNode()).isTrue();
        Run ct = run(Samples.get("ct").toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(ct.out()).get("plans").asInt()).isZero();
    }

    @Test
    void stateOfTheStore() throws Exception {
        Path data = dir.resolve("var");
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            send(store, "pre", Samples.get(FIF));
            send(store, "pre", Samples.get("ct/dicompyler_ct0.dcm"));
        }
        Run r = run("--state", "pre", "--data-dir", data.toString(), "--format", "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("08022012,1.2.246.352.71.5.671195124554.1163471.20180227163514,Plano1_FiF,,1,Campo 1,,meterset,MU,200,,");
        Run missing = run("--state", "nope", "--data-dir", data.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no state 'nope'");
    }

    @Test
    void missingTargetIsAnError() {
        Run r = run(dir.resolve("absent").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("qanode rt-summary: no such file or folder");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "rt-summary";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** One sample into {@code state}, as the SCP would feed it; must be answered Success. */
    private static void send(org.qanode.store.StateStore store, String state, Path sample) throws Exception {
        assertThat(org.qanode.testing.SinkFeeder.sendFile(new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle()), sample, "ROIS", state))
                .isEqualTo(org.qanode.net.dimse.DimseStatus.SUCCESS);
    }
}
