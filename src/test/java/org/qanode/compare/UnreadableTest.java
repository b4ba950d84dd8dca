package org.qanode.compare;

import org.qanode.result.ComparisonRunner;
import org.qanode.result.ComparisonResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.testing.Samples;

/**
 * Objects that do not parse are UNREADABLE pairs with a reason a physicist can act on, never
 * skipped; files that are not DICOM at all are not objects, and are named in the run's warnings
 * (issue 13).
 */
class UnreadableTest {
    @TempDir
    Path tmp;

    @Test
    void truncatedPlanIsUnreadableAndNonDicomFileIsNoObject() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.copy(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"), a.resolve("plan.dcm"));
        // same SOP Instance UID, cut short after the header: pairs by UID, then fails to read
        Files.copy(Samples.get("other/pydicom_rtplan_truncated.dcm"), b.resolve("plan.dcm"));
        Files.writeString(b.resolve("notes.txt"), "not DICOM at all");
        // 1847602287 = "# qa" read as an element length: what a README used to be reported as
        Files.writeString(b.resolve("README.txt"), "# qanode export\nThis folder holds the export of 2026-11-22.\n");
        Profile upgrade = new ProfileLoader(null).load("upgrade");
        ComparisonResult r = new ComparisonRunner(upgrade, 2).compare(new FolderSource(a), new FolderSource(b));

        assertThat(r.summary().unreadable()).isEqualTo(1);
        assertThat(r.summary().baselineObjects()).isEqualTo(1);
        assertThat(r.summary().candidateObjects()).isEqualTo(1);
        assertThat(r.pairs()).hasSize(1);
        PairResult plan = r.pairs().get(0);
        assertThat(plan.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(plan.pairedBy()).isEqualTo("SOPInstanceUID");
        assertThat(plan.reason()).startsWith("candidate plan.dcm is cut short: the file ends before its data set does")
                .contains("export the object again").contains("at offset").doesNotContain("null");
        assertThat(plan.severity()).isEqualTo(Severity.ALERT);
        assertThat(r.warnings()).containsExactlyInAnyOrder(
                "candidate file README.txt is not a DICOM file (no DICM prefix, and it does not parse as a data set):"
                        + " left out of the comparison",
                "candidate file notes.txt is not a DICOM file (no DICM prefix, and it does not parse as a data set):"
                        + " left out of the comparison");
    }

    @Test
    void reasonsAreOneActionableSentence() {
        assertThat(Reasons.of(new org.qanode.dicom.io.DicomParseException("empty input", 0, -1)))
                .isEqualTo("is an empty file (0 bytes); export the object again");
        assertThat(Reasons.of(new org.qanode.dicom.io.DicomParseException("invalid VR 0x1234", 10, 0x300A00B0)))
                .startsWith("is damaged and does not parse as DICOM (at byte 10, in BeamSequence (300A,00B0));")
                .contains("report it to the vendor");
        assertThat(Reasons.of(new java.nio.file.NoSuchFileException("/x/plan.dcm"))).contains("run the comparison again");
        assertThat(Reasons.clause("file CORRUPTED (verify --repair)"))
                .isEqualTo("could not be read (file CORRUPTED (verify --repair)); check the object at its source and"
                        + " export the object again");
        assertThat(Reasons.clause("is cut short: x")).isEqualTo("is cut short: x");
    }

    @Test
    void dicomFilesWithoutPreambleAreStillObjects() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("raw"));
        byte[] part10 = Files.readAllBytes(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"));
        // a raw data set: the file without preamble, "DICM" and meta group, cut short too
        org.qanode.dicom.io.DicomFile f = org.qanode.dicom.io.DicomReader.readFile(
                Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"), org.qanode.dicom.io.ReadOptions.DEFAULT);
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        org.qanode.dicom.io.DicomWriter.writeDataset(raw, f.dataset(), org.qanode.dicom.io.TransferSyntax.IMPLICIT_LE);
        Files.write(a.resolve("raw-whole"), raw.toByteArray());
        Files.write(a.resolve("raw-cut"), java.util.Arrays.copyOf(raw.toByteArray(), 20));
        Files.write(a.resolve("part10-cut.dcm"), java.util.Arrays.copyOf(part10, 200));
        Profile upgrade = new ProfileLoader(null).load("upgrade");
        FolderSource source = new FolderSource(a);
        ComparisonResult r = new ComparisonRunner(upgrade, 1).compare(source, new FolderSource(Files.createDirectories(tmp.resolve("empty"))));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.summary().baselineObjects()).isEqualTo(3);
        assertThat(r.pairs()).extracting(PairResult::status).containsExactlyInAnyOrder(PairStatus.ONLY_IN_BASELINE,
                PairStatus.UNREADABLE, PairStatus.UNREADABLE);
    }
}
