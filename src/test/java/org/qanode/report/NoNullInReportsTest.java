package org.qanode.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.FolderSource;
import org.qanode.compare.PairStatus;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.RtObjects;
import org.qanode.testing.Samples;
import org.qanode.testing.StateGenerator;

/**
 * A physicist never reads "null" (issue 13): not for a missing patient ID, SOP class or UID, not
 * for the missing side of an ADDED or REMOVED element, not for a file that is not DICOM.
 */
class NoNullInReportsTest {
    @TempDir
    Path tmp;

    @Test
    void noReportWritesNull() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Dataset plan = RtObjects.vmatPlan(1, 1, 1, 3, 4);
        StateGenerator.write(a.resolve("plan.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        Dataset changed = new Dataset();
        changed.addAll(plan);
        changed.remove(Tags.RTPlanDescription);
        changed.setString(Tags.ReviewerName, VR.PN, "Smith^Jane");
        changed.getSequence(Tags.BeamSequence).get(0).getSequence(Tags.ControlPointSequence).remove(2);
        StateGenerator.write(b.resolve("plan.dcm"), changed, TransferSyntax.EXPLICIT_LE);
        // an object without patient ID, only in the candidate
        Dataset anonymous = RtObjects.vmatPlan(2, 1, 1, 3, 4);
        anonymous.remove(Tags.PatientID);
        anonymous.remove(Tags.PatientName);
        StateGenerator.write(b.resolve("anonymous.dcm"), anonymous, TransferSyntax.EXPLICIT_LE);
        // unreadable, without any identity
        Files.copy(Samples.get("other/pydicom_rtplan_truncated.dcm"), b.resolve("cut.dcm"));
        Files.write(a.resolve("header-only.dcm"), java.util.Arrays.copyOf(
                Files.readAllBytes(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm")), 150));
        Files.writeString(b.resolve("README.txt"), "# qanode export\n");

        ComparisonResult r = new ComparisonRunner(new ProfileLoader(null).load("upgrade"), 1)
                .compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
        assertThat(r.pairs()).extracting(p -> p.status()).contains(PairStatus.DIFFERENT, PairStatus.ONLY_IN_CANDIDATE,
                PairStatus.UNREADABLE);
        assertThat(r.pairs()).anySatisfy(p -> assertThat(p.patientId()).isNull());
        for (ReportFormat f : ReportFormat.values()) {
            if (f.renderer().binary()) {
                continue; // PDF: noFormatWritesNullForAnyPairStatus reads its text back
            }
            StringWriter w = new StringWriter();
            f.renderer().render(r, w);
            String text = w.toString();
            if (f == ReportFormat.JSON) {
                continue; // JSON null is the contract's missing side, not a word
            }
            assertThat(text).as(f.name()).doesNotContainIgnoringCase("null");
        }
        StringWriter w = new StringWriter();
        ReportFormat.TEXT.renderer().render(r, w);
        assertThat(w.toString()).contains("(absent)").contains("(no patient ID)")
                .contains("README.txt is not a DICOM file")
                // a plan on one side only shows that side's values, not an empty side and an arrow
                .contains("    fractions delivered/planned no records (21 planned); total dose delivered/planned (Gy) not stated")
                .doesNotContain("  -> ");
    }

    /** Every format, PDF included (its text read back by PDFBox), for a comparison with every pair status. */
    @Test
    void noFormatWritesNullForAnyPairStatus() throws Exception {
        ComparisonResult r = ReportScenario.compare(tmp);
        assertThat(r.pairs()).extracting(p -> p.status()).contains(PairStatus.values());
        for (ReportFormat f : ReportFormat.values()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            f.renderer().write(r, bytes);
            String text;
            if (f == ReportFormat.PDF) {
                try (var doc = org.apache.pdfbox.Loader.loadPDF(bytes.toByteArray())) {
                    text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                }
                assertThat(text).contains("DIFFERENT, ALERT");
            } else {
                text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(text).as(f.name()).isNotBlank();
            if (f != ReportFormat.JSON) {
                assertThat(text).as(f.name()).doesNotContainIgnoringCase("null");
            }
        }
    }
}
