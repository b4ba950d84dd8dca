package org.qanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.PairResult;
import org.qanode.compare.PairStatus;
import org.qanode.compare.ProfileLoader;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.testing.RtObjects;

/**
 * Issue 11: what a comparison reads from the store is checked against the digest the object was
 * received with. A flipped digit on disk used to be reported as a clinical change (or, inside an
 * ignored element, not at all), and a deleted file as its path; a copy flagged by verify
 * --repair appeared twice (UNREADABLE and ONLY_IN_CANDIDATE).
 */
class StoredCopyComparisonTest {
    private static final String CREATION_TIME = "101010.123456";

    @TempDir
    Path dir;
    StateStore store;
    Dataset plan;
    Feed feed;

    @BeforeEach
    void storeOnePlanInTwoStates() throws Exception {
        store = StateStore.open(dir.resolve("data"), StateStore.defaultIndexUrl(dir.resolve("data")));
        plan = RtObjects.vmatPlan(3, 1, 2, 10, 10);
        plan.setString(Tags.InstanceCreationTime, VR.TM, CREATION_TIME);
        feed = Feed.of(plan, TransferSyntax.EXPLICIT_LE);
        StateStoreSink sink = new StateStoreSink(store, ctx -> ctx.calledAeTitle());
        assertThat(feed.sendTo(sink, "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(feed.sendTo(sink, "post")).isEqualTo(DimseStatus.SUCCESS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void intactCopiesAreIdentical() throws Exception {
        assertThat(onlyPair(compare()).status()).isEqualTo(PairStatus.IDENTICAL);
    }

    @Test
    void aDigitOfBeamMetersetFlippedOnDiskIsADamagedCopyNotAClinicalChange() throws Exception {
        String mu = plan.getSequence(Tags.FractionGroupSequence).get(0).getSequence(Tags.ReferencedBeamSequence).get(0)
                .getString(Tags.BeamMeterset);
        flipLastDigit(candidateFile(), mu);
        PairResult pair = onlyPair(compare());
        assertThat(pair.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(pair.reason()).isEqualTo("stored copy damaged");
        assertThat(pair.differences()).isEmpty();
    }

    @Test
    void aFlipInsideAnIgnoredElementIsNotIdentical() throws Exception {
        flipLastDigit(candidateFile(), CREATION_TIME);
        PairResult pair = onlyPair(compare());
        assertThat(pair.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(pair.reason()).isEqualTo("stored copy damaged");
    }

    @Test
    void aDeletedFileIsAMissingCopy() throws Exception {
        Files.delete(baselineFile());
        PairResult pair = onlyPair(compare());
        assertThat(pair.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(pair.reason()).isEqualTo("stored copy missing");
    }

    @Test
    void aCopyFlaggedByVerifyRepairAppearsOnce() throws Exception {
        Files.delete(candidateFile());
        store.verify("post", true);
        assertThat(store.currentInstance("post", feed.sopInstanceUid()).orElseThrow().integrity())
                .isEqualTo(Integrity.MISSING);
        ComparisonResult r = compare();
        PairResult pair = onlyPair(r);
        assertThat(pair.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(pair.reason()).isEqualTo("stored copy missing");
        assertThat(pair.baselineObject()).isNotNull();
        assertThat(pair.candidateObject()).isNotNull();
        assertThat(r.summary().unreadable()).isEqualTo(1);
        assertThat(r.summary().onlyInCandidate()).isZero();

        flipLastDigit(baselineFile(), CREATION_TIME);
        store.verify("pre", true);
        assertThat(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow().integrity())
                .isEqualTo(Integrity.CORRUPTED);
        pair = onlyPair(compare());
        assertThat(pair.status()).isEqualTo(PairStatus.UNREADABLE);
        assertThat(pair.reason()).isEqualTo("stored copy damaged; stored copy missing");
    }

    private ComparisonResult compare() throws Exception {
        return new ComparisonRunner(new ProfileLoader(null).load("upgrade"), 1)
                .compare(new StateObjectSource(store, "pre"), new StateObjectSource(store, "post"));
    }

    private static PairResult onlyPair(ComparisonResult r) {
        List<PairResult> pairs = r.pairs();
        assertThat(pairs).as("pairs").hasSize(1);
        return pairs.get(0);
    }

    private Path baselineFile() {
        return store.resolve(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow());
    }

    private Path candidateFile() {
        return store.resolve(store.currentInstance("post", feed.sopInstanceUid()).orElseThrow());
    }

    /** Changes the last digit of the one occurrence of {@code value} in the file: what bit rot might do. */
    private static void flipLastDigit(Path file, String value) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = value.getBytes(StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            int j = 0;
            while (j < needle.length && bytes[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                assertThat(at).as("one occurrence of " + value).isEqualTo(-1);
                at = i;
            }
        }
        assertThat(at).as(value + " in " + file).isNotNegative();
        int last = at + needle.length - 1;
        bytes[last] = (byte) (bytes[last] == '9' ? '8' : bytes[last] + 1);
        Files.write(file, bytes);
    }
}
