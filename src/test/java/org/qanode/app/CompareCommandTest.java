package org.qanode.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.report.JsonReport;
import org.qanode.testing.Samples;
import picocli.CommandLine;

class CompareCommandTest {
    @TempDir
    Path tmp;

    private int run(String... args) {
        return new CommandLine(new CompareCommand()).execute(args);
    }

    @Test
    void exitCodeOneAndJsonReportWhenSomethingDiffers() throws Exception {
        Path out = tmp.resolve("r.json");
        int rc = run(Samples.get("pairs/export-2018-04-04").toString(), Samples.get("pairs/export-2018-04-05").toString(),
                "--format", "json", "--out", out.toString(), "--profile", "upgrade");
        assertThat(rc).isEqualTo(1);
        JsonNode root = JsonReport.MAPPER.readTree(out.toFile());
        assertThat(root.get("status").asText()).isEqualTo("DONE");
        assertThat(root.get("profile").asText()).isEqualTo("upgrade");
        assertThat(root.get("summary").get("paired").asInt()).isEqualTo(4);
    }

    @Test
    void exitCodeZeroWhenIdentical() throws Exception {
        Path out = tmp.resolve("r.html");
        String dir = Samples.get("pairs/export-2018-04-05").toString();
        assertThat(run(dir, dir, "--format", "html", "--out", out.toString())).isEqualTo(0);
        assertThat(Files.readString(out)).contains("Identical objects (4)");
    }

    /** The format names of the REST API's ?format= (ComparisonLifecycleTest), each written where --out says. */
    @Test
    void everyReportFormatOfTheRestApiByTheSameName() throws Exception {
        String a = Samples.get("pairs/export-2018-04-04").toString();
        String b = Samples.get("pairs/export-2018-04-05").toString();
        for (String format : new String[] {"json", "csv", "html", "text", "rt-csv", "pdf"}) {
            Path out = tmp.resolve("r." + format);
            assertThat(run(a, b, "--format", format, "--out", out.toString())).as(format).isEqualTo(1);
            byte[] bytes = Files.readAllBytes(out);
            String head = new String(bytes, 0, Math.min(bytes.length, 120), java.nio.charset.StandardCharsets.UTF_8);
            switch (format) {
                case "json" -> assertThat(head).startsWith("{");
                case "csv" -> assertThat(head).startsWith("patientId,sopInstanceUid,");
                case "html" -> assertThat(head).startsWith("<!DOCTYPE html>");
                case "text" -> assertThat(head).startsWith("DIFFERENT, ");
                case "rt-csv" -> assertThat(head).startsWith("patientId,planUid,planLabel,planStatus,beamNumber,beamName,"
                        + "beamStatus,parameter,unit,");
                default -> assertThat(head).startsWith("%PDF-");
            }
        }
    }

    @Test
    void exitCodeTwoOnErrors() {
        String dir = Samples.get("pairs/export-2018-04-05").toString();
        assertThat(run(dir, tmp.resolve("missing").toString())).isEqualTo(2);
        assertThat(run(dir, dir, "--profile", "no-such-profile")).isEqualTo(2);
        assertThat(run(dir, dir, "--format", "xml")).isEqualTo(2);
    }

    @Test
    void statesOfTheLocalStoreAreSidesToo() throws Exception {
        Path data = tmp.resolve("var");
        try (org.qanode.store.StateStore store = org.qanode.store.StateStore.open(data,
                org.qanode.store.StateStore.defaultIndexUrl(data))) {
            for (String[] side : new String[][] {{"pre", "export-2018-04-04"}, {"post", "export-2018-04-05"}}) {
                try (var files = Files.list(Samples.get("pairs/" + side[1]))) {
                    for (Path f : files.sorted().toList()) {
                        send(store, side[0], f);
                    }
                }
            }
        }
        Path out = tmp.resolve("states.json");
        int rc = run("pre", "post", "--data-dir", data.toString(), "--format", "json", "--out", out.toString());
        assertThat(rc).isEqualTo(1);
        JsonNode root = JsonReport.MAPPER.readTree(out.toFile());
        assertThat(root.get("baseline").asText()).isEqualTo("pre");
        assertThat(root.get("summary").get("paired").asInt()).isEqualTo(4);
        assertThat(run("pre", "nosuchstate", "--data-dir", data.toString())).isEqualTo(2);
        assertThat(run("pre", "post", "--data-dir", tmp.resolve("nothing-here").toString())).isEqualTo(2);
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
    }

    /** One sample into {@code state}, as the SCP would feed it; must be answered Success. */
    private static void send(org.qanode.store.StateStore store, String state, Path sample) throws Exception {
        assertThat(org.qanode.testing.SinkFeeder.sendFile(new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle()), sample, "ROIS", state))
                .isEqualTo(org.qanode.net.dimse.DimseStatus.SUCCESS);
    }

    @Test
    void profilesDirectoryOverridesTheBundledProfiles() throws Exception {
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(profiles.resolve("upgrade.yml"), """
                name: upgrade
                ignore: [InstanceCreationDate, InstanceCreationTime, RTPlanTime, "**/ReferencedSOPInstanceUID"]
                """);
        assertThat(run(Samples.get("pairs/export-2018-04-04").toString(), Samples.get("pairs/export-2018-04-05").toString(),
                "--profiles-dir", profiles.toString(), "--out", tmp.resolve("t.txt").toString())).isEqualTo(0);
    }
}
