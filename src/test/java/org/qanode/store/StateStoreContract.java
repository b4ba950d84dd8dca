package org.qanode.store;

import org.qanode.dicom.UidCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.ReadOptions;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.net.dimse.DimseException;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.testing.Samples;

/**
 * What the state store promises, run once per index backend (H2 always, PostgreSQL when a
 * server is given): every sample stored through the sink, index fields, duplicates and
 * versions, concurrent writers, failure paths, verify and repair, the read API.
 */
abstract class StateStoreContract {
    static final String PLAN = "rtplan/pps_aria13_fif_static_mlc.dcm";
    static final String PAIR_A = "pairs/export-2018-04-04/RP.1.2.246.352.71.5.584747638204.1041431.20180404145404.dcm";
    static final String PAIR_B = "pairs/export-2018-04-05/RP.1.2.246.352.71.5.584747638204.1041431.20180404145404.dcm";

    @TempDir
    Path dir;
    Path data;
    StateStore store;

    /** A JDBC URL for an empty index of this backend. */
    abstract String indexUrl(Path tempDir) throws Exception;

    @BeforeEach
    void open() throws Exception {
        data = dir.resolve("data");
        store = StateStore.open(data, indexUrl(dir));
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) { // null when the backend is unavailable and the test was skipped
            store.close();
        }
        dropIndex();
    }

    /** Removes what {@link #indexUrl} created outside the temporary folder; runs after the store is closed. */
    void dropIndex() throws Exception {
    }

    @Test
    void storesEverySampleAsReceivedAndVerifiesClean() throws Exception {
        Map<String, Set<String>> shaByUid = new HashMap<>();
        String unreadableUid = null;
        for (Path sample : Samples.all()) {
            Feed feed = Samples.isTruncated(sample) ? Feed.ofUnreadable(sample) : Feed.of(sample);
            if (feed.sopInstanceUid() == null) {
                // pydicom's private-sequence fragments: no SOP Instance UID, so no C-STORE could carry them
                assertThat(sample.getFileName().toString()).contains("priv_sq");
                continue;
            }
            int status = feed.sendTo(sink(), "corpus");
            assertThat(status).as(sample.toString())
                    .isEqualTo(Samples.isTruncated(sample) ? DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING : DimseStatus.SUCCESS);
            shaByUid.computeIfAbsent(feed.sopInstanceUid(), k -> new HashSet<>()).add(feed.sha256());
            if (Samples.isTruncated(sample)) {
                unreadableUid = feed.sopInstanceUid();
            }
            List<InstanceRecord> history = store.history("corpus", feed.sopInstanceUid());
            InstanceRecord row = history.stream().filter(InstanceRecord::current).findFirst().orElseThrow();
            assertThat(row.sha256()).isEqualTo(feed.sha256());
            assertThat(row.sizeBytes()).isEqualTo(feed.dataset().length);
            assertThat(row.transferSyntaxUid()).isEqualTo(feed.transferSyntaxUid());
            assertThat(Part10.digestDataset(store.resolve(row)).sha256()).isEqualTo(feed.sha256());
        }
        List<InstanceRecord> current = store.currentInstances("corpus");
        assertThat(current).hasSize(shaByUid.size());
        for (InstanceRecord r : current) {
            // one version per distinct content (the corpus repeats some UIDs on purpose)
            assertThat(store.history("corpus", r.sopInstanceUid())).hasSizeGreaterThanOrEqualTo(shaByUid.get(r.sopInstanceUid()).size());
        }
        assertThat(current).filteredOn(r -> r.parseError() != null).extracting(InstanceRecord::sopInstanceUid)
                .containsExactly(unreadableUid);
        VerifyReport report = store.verify("corpus", false);
        assertThat(report.problems()).isEmpty();
        assertThat(report.checked()).isEqualTo(shaByUid.values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void indexesPlanFields() throws Exception {
        Path sample = Samples.get(PLAN);
        Dataset ds = DicomReader.readFile(sample, ReadOptions.stopBefore(Tags.PixelData)).dataset();
        Feed feed = Feed.of(sample);
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        InstanceRecord r = store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow();
        assertThat(r.sopClassUid()).isEqualTo(UIDs.RTPlanStorage);
        assertThat(r.modality()).isEqualTo("RTPLAN");
        assertThat(r.patientId()).isNotBlank().isEqualTo(ds.getString(Tags.PatientID));
        assertThat(r.fields().patientName()).isEqualTo(ds.getText(Tags.PatientName));
        assertThat(r.fields().rtPlanLabel()).isNotBlank().isEqualTo(ds.getString(Tags.RTPlanLabel));
        assertThat(r.fields().rtPlanDate()).isEqualTo(ds.getString(Tags.RTPlanDate));
        assertThat(r.fields().studyInstanceUid()).isEqualTo(ds.getString(Tags.StudyInstanceUID));
        assertThat(r.fields().seriesInstanceUid()).isEqualTo(ds.getString(Tags.SeriesInstanceUID));
        assertThat(r.transferSyntaxUid()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(r.callingAeTitle()).isEqualTo("ROIS");
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.readable()).isTrue();
        assertThat(r.filePath()).isEqualTo("states/pre/" + feed.sopInstanceUid() + "_" + feed.sha256().substring(0, 16) + ".dcm");
        // the stored file is a proper Part 10 file carrying the command's identity in its meta
        var stored = DicomReader.readFile(store.resolve(r));
        assertThat(stored.fileMeta().getString(Tags.MediaStorageSOPInstanceUID)).isEqualTo(feed.sopInstanceUid());
        assertThat(stored.fileMeta().getString(Tags.SourceApplicationEntityTitle)).isEqualTo("ROIS");
        assertThat(stored.dataset().deepEquals(DicomReader.readFile(sample).dataset())).isTrue();
    }

    @Test
    void indexesTheReferencedPlanOfADose() throws Exception {
        Feed plan = Feed.of(Samples.get("rtplan/pps_pinnacle98_vmat.dcm"));
        Feed dose = Feed.of(Samples.get("rtdose/pps_pinnacle98_dose.dcm"));
        assertThat(dose.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        InstanceRecord r = store.currentInstance("pre", dose.sopInstanceUid()).orElseThrow();
        assertThat(r.fields().referencedPlanUid()).isEqualTo(plan.sopInstanceUid());
        assertThat(r.modality()).isEqualTo("RTDOSE");
        assertThat(r.fields().rtPlanLabel()).isNull();
    }

    @Test
    void acceptsUidsWithLeadingZerosThatArePathSafe() throws Exception {
        Feed feed = Feed.of(Samples.get("rtstruct/octave_dicom_variseed_brachy.dcm"));
        Feed renamed = withUid(feed, "1.2.840.10008.0.01.5");
        assertThat(UidCheck.isConformant(renamed.sopInstanceUid())).isFalse();
        assertThat(renamed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.currentInstance("pre", renamed.sopInstanceUid())).isPresent();
    }

    @Test
    void identicalDuplicateIsSuccessWithoutACopy() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.history("pre", feed.sopInstanceUid())).hasSize(1);
        assertThat(filesIn("pre")).hasSize(1);
        assertThat(store.events("pre")).isEmpty();
        // the same object in another state is that state's own copy
        assertThat(feed.sendTo(sink(), "post")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(filesIn("post")).hasSize(1);
    }

    /**
     * One INFO line per received object is the network layer's (ScpSession); the store adds its
     * line for a plain store at DEBUG only, and keeps a duplicate visible at INFO.
     */
    @Test
    void aPlainStoreIsLoggedAtDebugByTheStoreADuplicateAtInfo() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(IncomingObject.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        ch.qos.logback.classic.Level before = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.DEBUG);
        log.addAppender(events);
        try {
            Feed feed = Feed.of(Samples.get(PLAN));
            assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
            assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        } finally {
            log.detachAppender(events);
            log.setLevel(before);
        }
        assertThat(events.list).extracting(e -> e.getLevel().toString() + " " + e.getFormattedMessage().contains("duplicate"))
                .containsExactly("DEBUG false", "INFO true");
    }

    /**
     * Issue 11: a re-sent object used to be a duplicate by its index digest alone, so a deleted or
     * damaged stored copy stayed lost while the SCU was told Success.
     */
    @Test
    void resentObjectRewritesAMissingOrDamagedStoredCopy() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        Path file = store.resolve(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow());
        byte[] original = Files.readAllBytes(file);

        // deleted, and flagged MISSING by verify --repair
        Files.delete(file);
        store.verify("pre", true);
        assertThat(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.MISSING);
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(file).exists().hasBinaryContent(original);
        assertThat(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.OK);

        // one byte of the data set flipped on disk, not (yet) noticed by verify
        byte[] damaged = original.clone();
        damaged[damaged.length - 1] ^= 0x01;
        Files.write(file, damaged);
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(file).hasBinaryContent(original);

        // flipped again, then flagged CORRUPTED by verify --repair
        Files.write(file, damaged);
        store.verify("pre", true);
        assertThat(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.CORRUPTED);
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(file).hasBinaryContent(original);
        assertThat(store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.OK);

        assertThat(store.history("pre", feed.sopInstanceUid())).hasSize(1);
        assertThat(filesIn("pre")).hasSize(1);
        assertThat(store.verify("pre", false).clean()).isTrue();
        assertThat(store.events("pre")).filteredOn(e -> e.kind().name().equals("REPAIRED")).hasSize(3)
                .allSatisfy(e -> assertThat(e.detail()).contains("written again"));
        // an intact copy is still a plain duplicate: nothing written, no event
        int events = store.events("pre").size();
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.events("pre")).hasSize(events);
    }

    /**
     * Issue 11: the .part file of a transfer cut by kill -9 was reported only after an hour, and
     * one in the state's folder never; a live transfer's is left alone at any age.
     */
    @Test
    void verifyReportsAndRepairDeletesPartFilesNoProcessWrites() throws Exception {
        Feed plan = Feed.of(Samples.get(PLAN));
        assertThat(plan.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        Path inIncoming = data.resolve("states/pre/.incoming/.incoming-4711.part");
        Path inState = data.resolve("states/pre/.incoming-4712.part");
        Files.write(inIncoming, new byte[4096]);
        Files.write(inState, new byte[4096]);
        // a transfer in progress, its .part written by this process
        Feed live = Feed.of(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"));
        StorageTarget target = sink().begin(live.context("pre"));
        target.write(ByteBuffer.wrap(live.dataset(), 0, 1000));
        // the live transfer's file and the store's spares (SpareFiles), old as they may be: all ours
        List<Path> ours;
        try (Stream<Path> s = Files.list(data.resolve("states/pre/.incoming"))) {
            ours = s.filter(p -> !p.equals(inIncoming)).toList();
        }
        assertThat(ours).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).endsWith(".part"));
        for (Path p : ours) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(7200)));
        }

        VerifyReport report = store.verify("pre", false);
        assertThat(report.problems()).extracting(VerifyReport.Problem::path).containsExactlyInAnyOrder(
                "states/pre/.incoming/.incoming-4711.part", "states/pre/.incoming-4712.part");
        assertThat(inIncoming).exists();

        assertThat(store.verify("pre", true).problems()).hasSize(2);
        assertThat(inIncoming).doesNotExist();
        assertThat(inState).doesNotExist();
        assertThat(ours).allSatisfy(p -> assertThat(p).exists());
        target.write(ByteBuffer.wrap(live.dataset(), 1000, live.dataset().length - 1000));
        assertThat(target.commit()).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.verify("pre", false).clean()).isTrue();
    }

    @Test
    void differentContentBecomesANewVersionAndIsRecorded() throws Exception {
        Feed a = Feed.of(Samples.get(PAIR_A));
        Feed b = Feed.of(Samples.get(PAIR_B));
        assertThat(a.sopInstanceUid()).isEqualTo(b.sopInstanceUid());
        assertThat(a.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(b.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);

        List<InstanceRecord> history = store.history("pre", a.sopInstanceUid());
        assertThat(history).extracting(InstanceRecord::version).containsExactly(1, 2);
        assertThat(history).extracting(InstanceRecord::current).containsExactly(false, true);
        assertThat(history).extracting(InstanceRecord::sha256).containsExactly(a.sha256(), b.sha256());
        assertThat(filesIn("pre")).hasSize(2);
        assertThat(history).allSatisfy(r -> assertThat(store.resolve(r)).exists());
        assertThat(store.currentInstances("pre")).singleElement().extracting(InstanceRecord::sha256).isEqualTo(b.sha256());
        assertThat(store.listInstances("pre", InstanceQuery.all()).total()).isEqualTo(1);
        assertThat(store.listInstances("pre", InstanceQuery.all().withHistory()).total()).isEqualTo(2);
        List<StoreEvent> events = store.events("pre");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(StoreEvent.Kind.REPLACED);
            assertThat(e.sopInstanceUid()).isEqualTo(a.sopInstanceUid());
            assertThat(e.detail()).contains(a.sha256()).contains(b.sha256());
        });

        // back to the first content: a third version that shares the first one's file
        assertThat(a.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        history = store.history("pre", a.sopInstanceUid());
        assertThat(history).extracting(InstanceRecord::current).containsExactly(false, false, true);
        assertThat(history.get(2).filePath()).isEqualTo(history.get(0).filePath());
        assertThat(filesIn("pre")).hasSize(2);
        assertThat(store.verify("pre", false).problems()).isEmpty();
    }

    @Test
    void concurrentWritersIntoOneState() throws Exception {
        Dataset template = DicomReader.readFile(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm")).dataset();
        int threads = 4;
        int perThread = 50;
        int shared = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        statuses.add(variant(template, "2.25.1" + thread + "000" + i, "T" + thread).sendTo(sink(), "busy"));
                        if (i < shared) {
                            // every thread sends its own content under the same UIDs: versions under contention
                            statuses.add(variant(template, "2.25.9000" + i, "T" + thread).sendTo(sink(), "busy"));
                        }
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> f : results) {
                assertThat(f.get()).containsOnly(DimseStatus.SUCCESS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.currentInstances("busy")).hasSize(threads * perThread + shared);
        for (int i = 0; i < shared; i++) {
            List<InstanceRecord> history = store.history("busy", "2.25.9000" + i);
            assertThat(history).extracting(InstanceRecord::version).containsExactly(1, 2, 3, 4);
            assertThat(history).filteredOn(InstanceRecord::current).hasSize(1);
            assertThat(history).extracting(InstanceRecord::sha256).doesNotHaveDuplicates();
        }
        assertThat(store.events("busy")).hasSize(shared * (threads - 1))
                .allSatisfy(e -> assertThat(e.kind()).isEqualTo(StoreEvent.Kind.REPLACED));
        assertThat(filesIn("busy")).hasSize(threads * perThread + shared * threads);
        assertThat(store.verify("busy", false).problems()).isEmpty();
        assertThat(store.state("busy").orElseThrow().bySopClass()).containsEntry(UIDs.RTPlanStorage, (long) (threads * perThread + shared));
    }

    @Test
    void diskFullWhileReceivingLeavesNothing() throws Exception {
        Feed feed = Feed.of(Samples.get("rtplan/pps_aria13_vmat_2arcs_setupfields.dcm"));
        store.setFaults(new StoreFaults() {
            @Override
            public void beforeWrite(long position, int length) throws IOException {
                if (position + length > 50_000) {
                    throw new IOException("No space left on device");
                }
            }
        });
        assertThatThrownBy(() -> feed.sendTo(sink(), "pre")).isInstanceOf(IOException.class).hasMessageContaining("No space");
        assertNothingStored("pre");
    }

    @Test
    void failureAfterTheBytesAreDurableIsA700AndLeavesNothing() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        store.setFaults(new StoreFaults() {
            @Override
            public void beforeFiling() throws IOException {
                throw new IOException("No space left on device");
            }
        });
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.OUT_OF_RESOURCES);
        assertNothingStored("pre");
        store.setFaults(StoreFaults.NONE);
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
    }

    @Test
    void indexFailureIsA700AndLeavesNothing() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        StorageTarget target = sink().begin(feed.context("pre"));
        target.write(ByteBuffer.wrap(feed.dataset()));
        store.close(); // the index goes away between the last byte and the commit
        assertThatThrownBy(target::commit).isInstanceOfSatisfying(DimseException.class,
                e -> assertThat(e.status()).isEqualTo(DimseStatus.OUT_OF_RESOURCES));
        store = StateStore.open(data, indexUrl(dir));
        assertNothingStored("pre");
    }

    @Test
    void abortedTransferLeavesNothing() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        StorageTarget target = sink().begin(feed.context("pre"));
        target.write(ByteBuffer.wrap(feed.dataset(), 0, 1000));
        target.abort();
        assertNothingStored("pre");
    }

    @Test
    void refusesUnsafeUidsAndStateNamesBeforeAnyByte() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        for (String uid : List.of("../../etc/passwd", "1.2..3", "1.2.3.", "", "1." + "2".repeat(64))) {
            assertThatThrownBy(() -> sink().begin(withUid(feed, uid).context("pre")))
                    .isInstanceOfSatisfying(DimseException.class, e -> assertThat(e.status()).isEqualTo(0x0117));
        }
        assertThatThrownBy(() -> sink().begin(feed.context("../x")))
                .isInstanceOfSatisfying(DimseException.class, e -> assertThat(e.status()).isEqualTo(DimseStatus.PROCESSING_FAILURE));
        assertThat(store.listStates()).isEmpty();
    }

    /**
     * Issue 11: UIDs of the data set reach the index, so they are validated whole (PS3.5 9.1: digits
     * and dots, at most 64 characters, no empty component, one value) and never cut to a first
     * value or to 64 characters. A broken one refuses the object with A900 (the data set does not
     * match its SOP class) and leaves nothing behind.
     */
    @Test
    void refusesDataSetsWithInvalidUidsWholeAndLeavesNothing() throws Exception {
        Dataset plan = DicomReader.readFile(Samples.get(PLAN), ReadOptions.stopBefore(Tags.PixelData)).dataset();
        Dataset withRef = new Dataset();
        withRef.addAll(plan);
        Map<String, java.util.function.Consumer<Dataset>> breakages = new java.util.LinkedHashMap<>();
        breakages.put("SOP Instance UID with a second value", ds -> ds.setString(Tags.SOPInstanceUID, VR.UI, "7.7.7\\1"));
        breakages.put("Study Instance UID with a second value", ds -> ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3\\4"));
        breakages.put("Series Instance UID with an empty component", ds -> ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2..3"));
        breakages.put("SOP Class UID with a letter", ds -> ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.5a"));
        breakages.put("Study Instance UID of 65 characters", ds -> ds.setString(Tags.StudyInstanceUID, VR.UI, "1." + "2".repeat(63)));
        int n = 0;
        for (var breakage : breakages.entrySet()) {
            Dataset ds = new Dataset();
            ds.addAll(plan);
            breakage.getValue().accept(ds);
            Feed feed = withUid(Feed.of(ds, TransferSyntax.EXPLICIT_LE), "7.7.7." + (++n));
            assertThat(feed.sendTo(sink(), "pre")).as(breakage.getKey()).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        }
        assertNothingStored("pre");
    }

    /**
     * Issue 11: descriptive index fields longer than PS3.5 allows (a PatientID of 100 characters,
     * a second value where VM is 1) are indexed whole, as the file keeps them: cutting them would
     * merge two patients in the index. Beyond what the index column holds, the object is refused.
     */
    @Test
    void indexesOverLongDescriptiveValuesWholeAndRefusesWhatTheIndexCannotHold() throws Exception {
        Dataset plan = DicomReader.readFile(Samples.get(PLAN), ReadOptions.stopBefore(Tags.PixelData)).dataset();
        Dataset ds = new Dataset();
        ds.addAll(plan);
        String patientId = "P".repeat(100);
        String patientName = "Long^" + "N".repeat(300);
        String label = "L".repeat(80);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.RTPlanLabel, VR.SH, label);
        Feed feed = withUid(Feed.of(ds, TransferSyntax.EXPLICIT_LE), "7.7.8.1");
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        IndexFields f = store.currentInstance("pre", "7.7.8.1").orElseThrow().fields();
        assertThat(f.patientId()).isEqualTo(patientId);
        assertThat(f.patientName()).isEqualTo(patientName);
        assertThat(f.rtPlanLabel()).isEqualTo(label);

        Dataset twoValues = new Dataset();
        twoValues.addAll(plan);
        twoValues.setString(Tags.PatientID, VR.LO, "12345\\678");
        Feed second = withUid(Feed.of(twoValues, TransferSyntax.EXPLICIT_LE), "7.7.8.2");
        assertThat(second.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.currentInstance("pre", "7.7.8.2").orElseThrow().patientId()).isEqualTo("12345\\678");

        Dataset huge = new Dataset();
        huge.addAll(plan);
        huge.setString(Tags.PatientID, VR.LO, "P".repeat(IndexFields.MAX_PATIENT_ID + 1));
        Feed third = withUid(Feed.of(huge, TransferSyntax.EXPLICIT_LE), "7.7.8.3");
        assertThat(third.sendTo(sink(), "pre")).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(store.history("pre", "7.7.8.3")).isEmpty();
        assertThat(filesIn("pre")).hasSize(2);
    }

    @Test
    void unreadableObjectIsKeptIndexedAndAnsweredWithAWarning() throws Exception {
        Feed feed = Feed.ofUnreadable(Samples.get("other/pydicom_rtplan_truncated.dcm"));
        assertThat(feed.sendTo(sink(), "pre")).isEqualTo(DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING);
        InstanceRecord r = store.currentInstance("pre", feed.sopInstanceUid()).orElseThrow();
        assertThat(r.parseError()).contains("offset");
        assertThat(r.readable()).isFalse();
        // identification before the damage is still indexed, so the object shows under its patient
        assertThat(r.patientId()).isNotBlank();
        assertThat(r.modality()).isEqualTo("RTPLAN");
        assertThat(Part10.digestDataset(store.resolve(r)).sha256()).isEqualTo(feed.sha256());
        assertThat(store.state("pre").orElseThrow().unreadable()).isEqualTo(1);
        // this sample's meta names another SOP Instance UID than its data set: the state notes it
        assertThat(store.events("pre")).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(StoreEvent.Kind.UID_MISMATCH);
            assertThat(e.detail()).contains("1.2.777.777.77.7.7777.7777.20030903150023");
        });
        assertThat(store.dataDirWritable()).isTrue();
        assertThat(store.indexReachable()).isTrue();
    }

    @Test
    void verifyReportsAndRepairFixesTheIndex() throws Exception {
        Feed plan = Feed.of(Samples.get(PLAN));
        Feed corrupt = Feed.of(Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"));
        Feed gone = Feed.of(Samples.get("rtstruct/pydicom_rtstruct_nometa.dcm"));
        for (Feed f : List.of(plan, corrupt, gone)) {
            assertThat(f.sendTo(sink(), "pre")).isEqualTo(DimseStatus.SUCCESS);
        }
        Path corruptFile = store.resolve(store.currentInstance("pre", corrupt.sopInstanceUid()).orElseThrow());
        byte[] bytes = Files.readAllBytes(corruptFile);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(corruptFile, bytes);
        Path goneFile = store.resolve(store.currentInstance("pre", gone.sopInstanceUid()).orElseThrow());
        byte[] goneBytes = Files.readAllBytes(goneFile);
        Files.delete(goneFile);
        // an object that reached the disk but not the index (a crash between rename and commit)
        Dataset orphan = DicomReader.readFile(Samples.get("rtplan/pymedphys_pinnacle16_2beams.dcm")).dataset();
        String orphanUid = orphan.getString(Tags.SOPInstanceUID);
        Path orphanFile = data.resolve("states/pre/" + orphanUid + "_0000000000000000.dcm");
        DicomWriter.writeFile(orphanFile, orphan, TransferSyntax.EXPLICIT_LE);
        // a staging file from a transfer that never finished
        Path stale = data.resolve("states/pre/.incoming/dead.dcm");
        Files.write(stale, new byte[100]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(7200)));

        VerifyReport report = store.verify("pre", false);
        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.problems()).extracting(VerifyReport.Problem::kind).containsExactlyInAnyOrder(
                VerifyReport.Kind.CORRUPTED, VerifyReport.Kind.MISSING, VerifyReport.Kind.UNINDEXED, VerifyReport.Kind.STALE_TEMP);
        assertThat(report.problems()).filteredOn(p -> p.kind() == VerifyReport.Kind.UNINDEXED)
                .singleElement().extracting(VerifyReport.Problem::sopInstanceUid).isEqualTo(orphanUid);
        assertThat(store.currentInstance("pre", orphanUid)).isEmpty();
        assertThat(stale).exists();

        VerifyReport repaired = store.verify("pre", true);
        assertThat(repaired.problems()).hasSize(4);
        assertThat(stale).doesNotExist();
        InstanceRecord reindexed = store.currentInstance("pre", orphanUid).orElseThrow();
        assertThat(reindexed.modality()).isEqualTo("RTPLAN");
        assertThat(reindexed.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(store.resolve(reindexed)).exists();
        assertThat(orphanFile).doesNotExist(); // moved to its proper name
        assertThat(store.currentInstance("pre", corrupt.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.CORRUPTED);
        assertThat(store.currentInstance("pre", gone.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.MISSING);
        assertThat(store.state("pre").orElseThrow().unreadable()).isEqualTo(2);
        assertThat(store.events("pre")).extracting(StoreEvent::kind).containsExactlyInAnyOrder(
                StoreEvent.Kind.INTEGRITY_CHANGED, StoreEvent.Kind.INTEGRITY_CHANGED, StoreEvent.Kind.REINDEXED);

        // what repair cannot fix is still reported; what it fixed is not
        assertThat(store.verify("pre", false).problems()).extracting(VerifyReport.Problem::kind)
                .containsExactlyInAnyOrder(VerifyReport.Kind.CORRUPTED, VerifyReport.Kind.MISSING);
        // the lost file comes back from a backup: repair marks it intact again
        Files.write(goneFile, goneBytes);
        store.verify("pre", true);
        assertThat(store.currentInstance("pre", gone.sopInstanceUid()).orElseThrow().integrity()).isEqualTo(Integrity.OK);
    }

    @Test
    void listsStatesAndFiltersAndPagesInstances() throws Exception {
        List<Path> samples = List.of(Samples.get(PLAN), Samples.get("rtplan/pydicom_rtplan_3d_static.dcm"),
                Samples.get("rtdose/pps_gammaplan_dose.dcm"), Samples.get("rtstruct/pydicom_rtstruct_nometa.dcm"),
                Samples.get("ct/pymedphys_tinyfs_ct_0_nometa.dcm"), Samples.get("ct/pymedphys_tinyfs_ct_1_nometa.dcm"));
        for (Path p : samples) {
            assertThat(Feed.of(p).sendTo(sink(), "post")).isEqualTo(DimseStatus.SUCCESS);
        }
        assertThat(store.createState("pre")).isTrue();
        assertThat(store.createState("pre")).isFalse();

        List<StateSummary> states = store.listStates();
        assertThat(states).extracting(StateSummary::name).containsExactly("post", "pre");
        StateSummary post = states.get(0);
        assertThat(post.instances()).isEqualTo(6);
        assertThat(post.bySopClass()).containsEntry(UIDs.RTPlanStorage, 2L).containsEntry(UIDs.CTImageStorage, 2L)
                .containsEntry(UIDs.RTDoseStorage, 1L).containsEntry(UIDs.RTStructureSetStorage, 1L);
        assertThat(states.get(1).instances()).isZero();

        assertThat(store.listInstances("post", InstanceQuery.all().modality("RTPLAN")).items())
                .extracting(InstanceRecord::modality).containsOnly("RTPLAN").hasSize(2);
        assertThat(store.listInstances("post", InstanceQuery.all().sopClassUid(UIDs.CTImageStorage)).total()).isEqualTo(2);
        String pid = store.currentInstances("post").stream().filter(r -> "CT".equals(r.modality())).findFirst()
                .orElseThrow().patientId();
        assertThat(store.listInstances("post", InstanceQuery.all().patientId(pid)).items())
                .allSatisfy(r -> assertThat(r.patientId()).isEqualTo(pid));

        InstancePage first = store.listInstances("post", InstanceQuery.all().page(0, 4));
        InstancePage second = store.listInstances("post", InstanceQuery.all().page(4, 4));
        assertThat(first.total()).isEqualTo(6);
        assertThat(first.items()).hasSize(4);
        assertThat(second.items()).hasSize(2);
        Set<String> seen = Stream.concat(first.items().stream(), second.items().stream())
                .map(InstanceRecord::sopInstanceUid).collect(Collectors.toSet());
        assertThat(seen).hasSize(6);
    }

    @Test
    void deleteStateRemovesFilesAndRows() throws Exception {
        Feed a = Feed.of(Samples.get(PAIR_A));
        Feed b = Feed.of(Samples.get(PAIR_B));
        a.sendTo(sink(), "old");
        b.sendTo(sink(), "old");
        a.sendTo(sink(), "keep");
        assertThat(store.deleteState("old")).isTrue();
        assertThat(store.state("old")).isEmpty();
        assertThat(store.history("old", a.sopInstanceUid())).isEmpty();
        assertThat(store.events("old")).isEmpty();
        assertThat(data.resolve("states/old")).doesNotExist();
        assertThat(data.resolve("trash")).isEmptyDirectory();
        assertThat(store.currentInstances("keep")).hasSize(1);
        assertThat(store.deleteState("old")).isFalse();
        // a deleted state can be received into again
        assertThat(a.sendTo(sink(), "old")).isEqualTo(DimseStatus.SUCCESS);
        assertThat(store.history("old", a.sopInstanceUid())).hasSize(1);
    }

    @Test
    void reopeningKeepsTheSchemaAndTheData() throws Exception {
        Feed feed = Feed.of(Samples.get(PLAN));
        feed.sendTo(sink(), "pre");
        store.close();
        store = StateStore.open(data, indexUrl(dir));
        assertThat(store.currentInstance("pre", feed.sopInstanceUid())).isPresent();
        try (var c = java.sql.DriverManager.getConnection(storeUrl()); var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            rs.next();
            // every shipped script once (numbers may have gaps, see Migrations)
            assertThat(rs.getInt(1)).isEqualTo(Migrations.shipped().size());
            assertThat(rs.getInt(2)).isEqualTo(Migrations.latest());
        }
    }

    /** The URL the current store was opened with (the same every call within one test). */
    abstract String storeUrl() throws Exception;

    // ------------------------------------------------------------------ helpers

    static Feed withUid(Feed feed, String uid) {
        return new Feed(feed.sopClassUid(), uid, feed.transferSyntaxUid(), feed.dataset());
    }

    static Feed variant(Dataset template, String uid, String label) throws IOException {
        Dataset ds = new Dataset();
        ds.addAll(template);
        ds.setString(Tags.SOPInstanceUID, VR.UI, uid);
        ds.setString(Tags.RTPlanLabel, VR.SH, label);
        return Feed.of(ds, TransferSyntax.EXPLICIT_LE);
    }

    List<Path> filesIn(String state) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("states").resolve(state))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    void assertNothingStored(String state) throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            assertThat(s.filter(Files::isRegularFile).filter(p -> p.startsWith(data.resolve("states")))
                    .filter(p -> !Spares.unused(p)).toList())
                    .as("files left under states/").isEmpty();
        }
        assertThat(store.listInstances(state, InstanceQuery.all().withHistory()).total()).isZero();
    }

    /** The store as the C-STORE SCP sees it: the called AE title names the state. */
    private org.qanode.ingest.StateStoreSink sink() {
        return new org.qanode.ingest.StateStoreSink(store, ctx -> ctx.calledAeTitle());
    }
}
