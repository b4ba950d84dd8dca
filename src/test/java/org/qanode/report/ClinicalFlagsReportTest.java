package org.qanode.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.FolderSource;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.CourseGenerator;

/** Issue 13: the clinical flags are one short section of the text, HTML and CSV reports, and absent without flags. */
class ClinicalFlagsReportTest {
    @TempDir
    Path dir;

    private ComparisonResult nightly(String name, List<Dataset> baseline, List<Dataset> candidate) throws IOException {
        Path a = CourseGenerator.write(Files.createDirectories(dir.resolve(name + "/a")), baseline);
        Path b = CourseGenerator.write(Files.createDirectories(dir.resolve(name + "/b")), candidate);
        return new ComparisonRunner(new ProfileLoader(null).load("nightly"), 2).compare(new FolderSource(a), new FolderSource(b));
    }

    private static String render(String format, ComparisonResult r) throws IOException {
        StringWriter w = new StringWriter();
        ReportFormat.of(format).renderer().render(r, w);
        return w.toString();
    }

    @Test
    void eachReportHasTheFlagsSection() throws IOException {
        CourseGenerator c = new CourseGenerator(21).fractionsPlanned(1, 1).treat(1, 1);
        c.fraction(1, 2).override(2);
        List<Dataset> records = c.records();
        List<Dataset> before = new ArrayList<>(List.of(c.plan(), records.get(0)));
        List<Dataset> after = new ArrayList<>(before);
        after.add(records.get(1));
        ComparisonResult r = nightly("flags", before, after);
        assertThat(r.flags()).hasSize(2);

        String text = render("text", r);
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("DIFFERENT, ALERT");
        assertThat(text).contains("Clinical flags (2):\n"
                + "  ALERT   FRACTIONS_BEYOND_PLANNED patient QA000021 plan 3D+BOOST (" + c.planUid() + ") record "
                + r.flags().get(0).record() + ": fraction group 1 of plan 3D+BOOST: 2 fraction(s) delivered (highest number 2), 1 planned\n"
                + "  WARNING TREATMENT_OVERRIDE patient QA000021");
        assertThat(text.indexOf("Clinical flags")).isLessThan(text.indexOf("RT summary"));

        String html = render("html", r);
        assertThat(html).contains("<section id=\"clinical-flags\"><h2>Clinical flags (2)</h2>")
                .contains("<tr data-flag=\"FRACTIONS_BEYOND_PLANNED\" data-severity=\"ALERT\">")
                .contains("<tr data-flag=\"TREATMENT_OVERRIDE\" data-severity=\"WARNING\">")
                .contains("data-severity=\"ALERT\">DIFFERENT, ALERT</p>");
        assertThat(html.indexOf("id=\"verdict\"")).isLessThan(html.indexOf("id=\"clinical-flags\""));

        List<String> csv = render("csv", r).lines().toList();
        assertThat(csv.get(0)).isEqualTo(CsvReport.HEADER);
        assertThat(csv).filteredOn(l -> l.contains(",CLINICAL_FLAG,")).containsExactly(
                "QA000021," + r.flags().get(0).record() + ",clinical flag,CLINICAL_FLAG,,,,FRACTIONS_BEYOND_PLANNED,,,ALERT,"
                        + "\"fraction group 1 of plan 3D+BOOST: 2 fraction(s) delivered (highest number 2), 1 planned\"",
                "QA000021," + r.flags().get(1).record() + ",clinical flag,CLINICAL_FLAG,,,,TREATMENT_OVERRIDE,,,WARNING,"
                        + "beam 2 (PA) of fraction 2 treated on 20260102 with an override (VERIFIED_OVR)");
    }

    @Test
    void noFlagNoSection() throws IOException {
        CourseGenerator c = new CourseGenerator(22).treat(1, 2);
        ComparisonResult r = nightly("clean", List.of(c.plan(), c.records().get(0)), with(c));
        assertThat(r.flags()).isEmpty();
        assertThat(render("text", r)).doesNotContain("Clinical flags");
        assertThat(render("html", r)).doesNotContain("clinical-flags");
        assertThat(render("csv", r)).doesNotContain("CLINICAL_FLAG");
    }

    private static List<Dataset> with(CourseGenerator c) {
        List<Dataset> all = new ArrayList<>(c.records());
        all.add(0, c.plan());
        return all;
    }
}
