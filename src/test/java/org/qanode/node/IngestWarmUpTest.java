package org.qanode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.StoreScpConfig;

/**
 * The ingest warm-up (issue 16): synthetic objects through a private store and SCP over real
 * associations, every one answered Success, and nothing left behind; a store that refuses them
 * makes a result that says so, not an exception. What the node around it shows (log, index,
 * metrics, audit): {@code WarmUpAtStartTest} and {@code ServeProcessTest}.
 */
class IngestWarmUpTest {
    @TempDir
    Path dir;

    private static final StoreScpConfig SCP = StoreScpConfig.of("QANODE", 11112);

    @Test
    void storesEveryObjectOverSeveralAssociationsAndKeepsOnlyEmptyFiles() throws Exception {
        Path work = dir.resolve("var").resolve("warm-up");
        // what a crash during an earlier warm-up would have left
        Files.createDirectories(work.resolve("states/warm-up/.incoming"));
        Files.writeString(work.resolve("states/warm-up/.incoming/half.dcm"), "partial");

        IngestWarmUp.Result r = IngestWarmUp.run(work, SCP, 0, true, 41, Duration.ofSeconds(60));

        assertThat(r.problem()).isNull();
        assertThat(r.stored()).isEqualTo(41);
        assertThat(r.ok()).isTrue();
        assertThat(r.nanos()).isPositive();
        // the objects' files stay, cut to nothing: their inodes are not freed just before real
        // objects are created (ext4 without a journal passes over recently freed ones)
        List<Path> files = regularFiles(work);
        assertThat(files).filteredOn(f -> f.toString().endsWith(".dcm")).hasSizeGreaterThanOrEqualTo(41);
        assertThat(files).allSatisfy(f -> assertThat(f).isEmptyFile());
        assertThat(files).as("the crash's leftover").noneMatch(f -> f.endsWith("half.dcm"));

        IngestWarmUp.remove(work);
        assertThat(work).doesNotExist();
        assertThat(dir.resolve("var")).isEmptyDirectory();
    }

    static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aSitesTighterAssociationLimitsDoNotRefuseIt() throws Exception {
        StoreScpConfig tight = SCP.withMaxAssociations(1).withConnectionLimits(1, 1, Duration.ofSeconds(10))
                .withAllowedCallingAeTitles(List.of(org.qanode.net.assoc.AcceptancePolicy.CallingAe.any("ARIA")));

        IngestWarmUp.Result r = IngestWarmUp.run(dir.resolve("warm-up"), tight, 0, true, 12, Duration.ofSeconds(60));

        assertThat(r.problem()).isNull();
        assertThat(r.stored()).isEqualTo(12);
    }

    @Test
    void aStoreThatRefusesGivesAResultNotAnException() throws Exception {
        Path work = dir.resolve("warm-up");
        // a free-space watermark no volume meets: every object is refused with A700 before a byte is written
        IngestWarmUp.Result r = IngestWarmUp.run(work, SCP, Long.MAX_VALUE, true, 8, Duration.ofSeconds(60));

        assertThat(r.ok()).isFalse();
        assertThat(r.stored()).isZero();
        assertThat(r.problem()).startsWith("a synthetic dose was refused: ").contains("A700");
        assertThat(regularFiles(work)).allSatisfy(f -> assertThat(f).isEmptyFile());
    }

    @Test
    void stopsAtItsTimeLimit() throws Exception {
        IngestWarmUp.Result r = IngestWarmUp.run(dir.resolve("warm-up"), SCP, 0, true, 1000, Duration.ZERO);

        assertThat(r.ok()).isFalse();
        assertThat(r.stored()).isZero();
        assertThat(r.problem()).isEqualTo("stopped after 0 s");
        assertThat(regularFiles(dir.resolve("warm-up"))).allSatisfy(f -> assertThat(f).isEmptyFile());
    }

    @Test
    void theTrafficIsAnExportsRecordsPlansAndOneLargeDosePerAssociation() {
        int doses = 0;
        int plans = 0;
        int records = 0;
        for (int n = 1; n <= 1000; n++) {
            switch (IngestWarmUp.kind(n)) {
                case DOSE -> doses++;
                case PLAN -> plans++;
                case RECORD -> records++;
            }
        }
        assertThat(doses).isEqualTo(IngestWarmUp.ASSOCIATIONS);
        assertThat(plans).isEqualTo(200);
        assertThat(records).isEqualTo(1000 - 200 - IngestWarmUp.ASSOCIATIONS);
    }

    @Test
    void eachObjectIsItsTemplateUnderANewValidUid() throws Exception {
        WarmUpObjects corpus = new WarmUpObjects();
        Set<String> uids = new HashSet<>();
        for (WarmUpObjects.Kind kind : WarmUpObjects.Kind.values()) {
            for (long n : new long[] {1, 2, 9_999_999_999L}) {
                WarmUpObjects.Encoded o = corpus.object(kind, n);
                Dataset ds = DicomReader.readDataset(new ByteArrayInputStream(o.dataSet()),
                        TransferSyntax.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
                assertThat(ds.getString(Tags.SOPInstanceUID)).isEqualTo(o.sopInstanceUid()).isEqualTo(corpus.uid(n));
                assertThat(ds.getString(Tags.SOPClassUID)).isEqualTo(kind.sopClassUid);
                assertThat(ds.getString(Tags.PatientID)).isEqualTo(WarmUpObjects.PATIENT_ID);
                assertThat(o.dataSet()).hasSize(corpus.size(kind));
                // PS3.5 9.1 and B.2: at most 64 characters, 2.25 then a number below 2^128
                assertThat(o.sopInstanceUid()).hasSizeLessThanOrEqualTo(64).matches("2\\.25\\.[1-9][0-9]{37}");
                assertThat(new java.math.BigInteger(o.sopInstanceUid().substring(5)))
                        .isLessThan(java.math.BigInteger.ONE.shiftLeft(128));
                uids.add(o.sopInstanceUid());
            }
        }
        assertThat(uids).as("one UID per number, whatever the kind").hasSize(3);
        assertThat(corpus.size(WarmUpObjects.Kind.DOSE)).as("over the store's 1 MiB direct-write threshold")
                .isGreaterThan(1 << 20);
        assertThat(corpus.size(WarmUpObjects.Kind.PLAN)).isGreaterThan(100_000);
        assertThat(new WarmUpObjects().uid(1)).as("a new random part per warm-up").isNotEqualTo(corpus.uid(1));
    }
}
