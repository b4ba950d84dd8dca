package org.qanode.compare;

import org.qanode.result.ComparisonRunner;
import org.qanode.result.ComparisonResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.testing.Samples;

/** Objects that do not parse are UNREADABLE pairs with the reader's reason, never skipped. */
class UnreadableTest {
    @TempDir
    Path tmp;

    @Test
    void truncatedPlanAndNonDicomFileAreReportedUnreadable() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.copy(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"), a.resolve("plan.dcm"));
        // same SOP Instance UID, cut short after the header: pairs by UID, then fails to read
        Files.copy(Samples.get("other/pydicom_rtplan_truncated.dcm"), b.resolve("plan.dcm"));
        Files.writeString(b.resolve("notes.txt"), "not DICOM at all");
        Profile upgrade = new ProfileLoader(null).load("upgrade");
        ComparisonResult r = new ComparisonRunner(upgrade, 2).compare(new FolderSource(a), new FolderSource(b));

        assertThat(r.summary().unreadable()).isEqualTo(2);
        assertThat(r.summary().baselineObjects()).isEqualTo(1);
        assertThat(r.summary().candidateObjects()).isEqualTo(2);
        PairResult plan = r.pairs().stream().filter(p -> "plan.dcm".equals(p.baselineObject())).findFirst().orElseThrow();
        assertThat(plan.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(plan.pairedBy()).isEqualTo("SOPInstanceUID");
        assertThat(plan.reason()).startsWith("candidate plan.dcm:").contains("at offset");
        assertThat(plan.severity()).isEqualTo(Severity.ALERT);
        PairResult notes = r.pairs().stream().filter(p -> "notes.txt".equals(p.candidateObject())).findFirst().orElseThrow();
        assertThat(notes.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(notes.reason()).startsWith("candidate notes.txt:");
    }
}
