package org.qanode.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.RtObjects;
import org.qanode.testing.StateGenerator;

/** Several files with one SOP Instance UID in one folder are one object (issue 13). */
class DuplicatesTest {
    static Profile upgrade;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        upgrade = new ProfileLoader(null).load("upgrade");
    }

    private ComparisonResult compare(Path a, Path b) throws IOException {
        return new ComparisonRunner(upgrade, 1).compare(new FolderSource(a, "pre"), new FolderSource(b, "post"));
    }

    private static void touch(Path file, String instant) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(instant)));
    }

    @Test
    void identicalCopiesCollapseIntoOneObject() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Dataset plan = RtObjects.vmatPlan(1, 1, 1, 3, 4);
        StateGenerator.write(a.resolve("plan.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(b.resolve("plan.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        // the same object again, in another transfer syntax and sub-folder: identical by meaning
        StateGenerator.write(b.resolve("copy/plan-again.dcm"), plan, TransferSyntax.IMPLICIT_LE);
        ComparisonResult r = compare(a, b);
        assertThat(r.pairs()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PairStatus.IDENTICAL);
            assertThat(p.candidateObject()).isEqualTo("copy/plan-again.dcm");
            assertThat(p.warnings()).singleElement().asString()
                    .contains("candidate holds 2 identical copies").contains("copy/plan-again.dcm").contains("plan.dcm");
        });
        assertThat(r.summary().candidateObjects()).isEqualTo(1);
        assertThat(r.verdict()).isEqualTo("IDENTICAL");
        assertThat(r.warnings()).singleElement().asString().contains(plan.getString(Tags.SOPInstanceUID))
                .contains("identical copies");
    }

    @Test
    void differentObjectsWithOneUidAreOnePairComparedWithTheNewestFile() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a2"));
        Path b = Files.createDirectories(tmp.resolve("b2"));
        Dataset plan = RtObjects.vmatPlan(1, 1, 1, 3, 4);
        StateGenerator.write(a.resolve("plan.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        Dataset old = new Dataset();
        old.addAll(plan);
        old.setString(Tags.RTPlanLabel, VR.SH, "OLD");
        Dataset newest = new Dataset();
        newest.addAll(plan);
        newest.setString(Tags.RTPlanLabel, VR.SH, "NEWEST");
        // names sort opposite to age, so the choice cannot be by name
        StateGenerator.write(b.resolve("z-old.dcm"), old, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(b.resolve("a-newest.dcm"), newest, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(b.resolve("m-same.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        touch(b.resolve("z-old.dcm"), "2026-01-01T10:00:00Z");
        touch(b.resolve("m-same.dcm"), "2026-01-02T10:00:00Z");
        touch(b.resolve("a-newest.dcm"), "2026-01-03T10:00:00Z");
        ComparisonResult r = compare(a, b);
        assertThat(r.pairs()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PairStatus.DIFFERENT);
            assertThat(p.candidateObject()).isEqualTo("a-newest.dcm");
            assertThat(p.differences()).singleElement().satisfies(d -> {
                assertThat(d.path()).hasToString("/RTPlanLabel");
                assertThat(d.candidate()).isEqualTo("NEWEST");
            });
            assertThat(p.warnings()).singleElement().asString()
                    .contains("candidate holds 3 different objects with this SOP Instance UID")
                    .contains("a-newest.dcm (written 2026-01-03T10:00:00Z)")
                    .contains("m-same.dcm (written 2026-01-02T10:00:00Z)")
                    .contains("z-old.dcm (written 2026-01-01T10:00:00Z)")
                    .contains("the most recently written, a-newest.dcm, is compared");
        });
        assertThat(r.summary().candidateObjects()).isEqualTo(1);
        assertThat(r.summary().onlyInCandidate()).isZero();
    }

    @Test
    void duplicatesOnlyOnOneSideStayOneLoneObject() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a3"));
        Path b = Files.createDirectories(tmp.resolve("b3"));
        Dataset plan = RtObjects.vmatPlan(2, 1, 1, 3, 4);
        StateGenerator.write(a.resolve("one.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        StateGenerator.write(a.resolve("two.dcm"), plan, TransferSyntax.EXPLICIT_LE);
        ComparisonResult r = compare(a, b);
        assertThat(r.pairs()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PairStatus.ONLY_IN_BASELINE);
            assertThat(p.warnings()).singleElement().asString().contains("baseline holds 2 identical copies");
        });
    }
}
