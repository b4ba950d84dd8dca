package org.qanode.app;

import org.qanode.net.dimse.DimseStatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.store.StateStore;
import org.qanode.testing.Samples;
import picocli.CommandLine;

/** {@code qanode store} against a real store in a temporary data directory. */
class StoreCommandTest {
    @TempDir
    Path dir;
    Path data;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void fill() throws Exception {
        data = dir.resolve("var");
        try (StateStore store = StateStore.open(data, StateStore.defaultIndexUrl(data))) {
            send(store, "pre", Samples.get("rtplan/pps_aria13_fif_static_mlc.dcm"));
            send(store, "pre", Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"));
            send(store, "post", Samples.get("rtplan/pps_aria13_fif_static_mlc.dcm"));
        }
    }

    @Test
    void listShowsStatesWithCountsBySopClass() {
        Run r = run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?m)^pre\\s+2\\s+0\\s").containsPattern("(?m)^post\\s+1\\s+0\\s")
                .contains("1.2.840.10008.5.1.4.1.1.481.5 RT Plan Storage");
    }

    @Test
    void showListsTheObjectsOfAState() {
        Run r = run("show", "pre");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1.2.246.352.71.5.671195124554.1163471.20180227163514").contains("RTPLAN")
                .contains("2 of 2 objects");
        Run filtered = run("show", "pre", "--patient-id", "no-such-patient");
        assertThat(filtered.out()).contains("0 of 0 objects");
        assertThat(run("show", "nope").code()).isEqualTo(1);
    }

    @Test
    void verifyFindsACorruptedFileAndRepairFlagsIt() throws Exception {
        assertThat(run("verify").code()).isZero();
        Path file;
        try (Stream<Path> s = Files.list(data.resolve("states/post"))) {
            file = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(file);
        b[b.length - 1] ^= 1;
        Files.write(file, b);
        Run verify = run("verify", "post");
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains("CORRUPTED").contains("post: 1 files checked, 1 problems");
        Run repair = run("verify", "--repair");
        assertThat(repair.code()).isEqualTo(1);
        assertThat(repair.out()).contains("pre: 2 files checked, 0 problems").contains("repaired where possible");
        assertThat(run("show", "post").out()).contains("CORRUPTED");
    }

    @Test
    void deleteRemovesAState() {
        Run r = run("delete", "pre");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("deleted state pre");
        assertThat(data.resolve("states/pre")).doesNotExist();
        assertThat(run("list").out()).doesNotContain("pre ");
        assertThat(run("delete", "pre").code()).isEqualTo(1);
        assertThat(run("delete", "../etc").code()).isEqualTo(2);
    }

    @Test
    void anUnreachableIndexIsOneLineAndExitCodeOne() {
        Run r = run("--index", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("qanode store: ");
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new StoreCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--data-dir", data.toString())).toArray(String[]::new);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** One sample into {@code state}, as the SCP would feed it; must be answered Success. */
    private static void send(org.qanode.store.StateStore store, String state, Path sample) throws Exception {
        assertThat(org.qanode.testing.SinkFeeder.sendFile(new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle()), sample, "ROIS", state))
                .isEqualTo(org.qanode.net.dimse.DimseStatus.SUCCESS);
    }

}
