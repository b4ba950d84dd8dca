package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UIDs;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.TransferSyntax;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.net.dimse.QueryRetrieveScu;
import org.qanode.net.dimse.StorageTarget;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.testing.OrthancPeer;
import org.qanode.testing.SinkFeeder;
import org.qanode.testing.StateGenerator;

/**
 * Orthanc (Debian's package) as the ROIS: loaded over REST with the RT samples and generated
 * plans and records, qanode registered in its DicomModalities; an export must fill the state
 * with exactly Orthanc's instances, by C-MOVE in both information models and by C-GET.
 */
class OrthancExportTest {
    @TempDir
    Path dir;

    private List<Path> load(OrthancPeer orthanc) throws Exception {
        List<Path> files = new ArrayList<>(RoisData.generated(dir.resolve("gen"), RoisData.SPEC));
        files.addAll(RoisData.rtSamples());
        for (Path f : files) {
            orthanc.upload(f);
        }
        return files;
    }

    /**
     * Also: the export really selects by count where it may (C-MOVE above IMAGE level into a state
     * that holds nothing yet) and nowhere else; the outcome would be the same without it, only
     * slower, so the walk's own log line is what shows it.
     */
    @Test
    void moveFillsTheStateWithExactlyOrthancsInstances() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger exporter = (Logger) LoggerFactory.getLogger(Exporter.class);
        Level level = exporter.getLevel();
        exporter.setLevel(Level.INFO); // the test configuration logs WARN and up
        exporter.addAppender(log);
        log.start();
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            List<Path> files = load(orthanc);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportRequest req = new ExportRequest("ORTHANC", "pre", RoisData.patientIds(files), List.of(), null);

            ExportStatus s = node.export(rois, req);

            assertThat(s.status()).as(s.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(node.uidsIn("pre")).isEqualTo(orthanc.sopInstanceUids());
            assertThat(s.expected()).isEqualTo(orthanc.sopInstanceUids().size());
            assertThat(s.received()).isEqualTo(s.expected());
            assertThat(node.uidsIn("inbox")).isEmpty();
            assertThat(countedSeries(log)).as("series selected by count, C-MOVE at SERIES level").isPositive();

            ExportStatus patientRoot = node.export(rois.withModel(QueryRetrieveModel.PATIENT_ROOT, QueryLevel.IMAGE),
                    new ExportRequest("ORTHANC", "pre-patient-root", req.patientIds(), List.of(), null));
            assertThat(patientRoot.status()).as(patientRoot.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(node.uidsIn("pre-patient-root")).isEqualTo(orthanc.sopInstanceUids());
            assertThat(countedSeries(log)).as("IMAGE level: every instance by C-FIND").isZero();

            ExportStatus get = node.export(rois.withGet(true),
                    new ExportRequest("ORTHANC", "pre-get", req.patientIds(), List.of(), null));
            assertThat(get.status()).as(get.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(node.uidsIn("pre-get")).isEqualTo(orthanc.sopInstanceUids());
            assertThat(countedSeries(log)).as("C-GET needs the SOP classes first").isZero();
        } finally {
            exporter.detachAppender(log);
            exporter.setLevel(level);
        }
    }

    /** "(N counted)" of the last export's C-FIND line, read and cleared. */
    private static int countedSeries(ListAppender<ILoggingEvent> log) {
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("C-FIND found")).toList();
        log.list.clear();
        assertThat(lines).hasSize(1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) counted\\)").matcher(lines.get(0));
        assertThat(m.find()).as(lines.get(0)).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void modalityFilterTakesOnlyPlans() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            load(orthanc);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "plans",
                    List.of(RoisData.generatedPatient(1), RoisData.generatedPatient(2)), List.of("RTPLAN"), null));
            assertThat(s.status()).as(s.toString()).isEqualTo(ExportStatus.DONE);
            assertThat(s.expected()).isEqualTo(4);
            assertThat(node.store.currentInstances("plans")).hasSize(4)
                    .allSatisfy(r -> assertThat(r.modality()).isEqualTo("RTPLAN"));
        }
    }

    /** Orthanc cannot send Varian's private plan class: that sub-operation fails, every time. */
    @Test
    void failedSubOperationIsRetriedThenListedAsMissing() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            List<Path> files = new ArrayList<>(RoisData.generated(dir.resolve("gen"), RoisData.SPEC));
            files.add(RoisData.privateClassPlan());
            for (Path f : files) {
                orthanc.upload(f);
            }
            String privateUid = org.qanode.dicom.io.DicomReader.readFile(RoisData.privateClassPlan()).dataset()
                    .getString(org.qanode.dicom.Tags.SOPInstanceUID);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "pre", RoisData.patientIds(files),
                    List.of(), null));
            assertThat(s.status()).isEqualTo(ExportStatus.PARTIAL);
            assertThat(s.missing()).containsExactly(privateUid);
            assertThat(s.retries()).isEqualTo(rois.retries());
            assertThat(s.received()).isEqualTo(s.expected() - 1);
            assertThat(s.error()).contains("1 of " + s.expected() + " instance(s) not received");
        }
    }

    /** Orthanc answers C000 (not A801) for a destination it does not know: the export says what to check. */
    @Test
    void unknownMoveDestinationFailsWithTheRegistrationHint() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of());
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC", Map.of())) {
            load(orthanc);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", "pre",
                    List.of(RoisData.generatedPatient(1)), List.of(), null));
            assertThat(s.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(s.error()).contains("knows the move destination 'QANODE'");
            assertThat(s.missing()).hasSize(s.expected()).isNotEmpty();
        }
    }

    /**
     * Orthanc returns Number of Series Related Instances, so the walk stops at the series (one
     * C-FIND per study instead of one per series) for the series it may count, and still lists
     * the others' instances.
     */
    @Test
    void walkSelectsCountableSeriesByOrthancsCount() throws Exception {
        try (OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC", Map.of())) {
            List<Path> files = load(orthanc);
            Map<String, Long> perSeries = new TreeMap<>();
            for (Path f : files) {
                perSeries.merge(DicomReader.readFile(f).dataset().getString(Tags.SeriesInstanceUID).trim(), 1L, Long::sum);
            }
            String listedSeries = perSeries.keySet().iterator().next();
            var contexts = List.of(new PresentationContextRq(1, QueryRetrieveModel.STUDY_ROOT.findSopClass(),
                    List.of(UIDs.ExplicitVRLittleEndian)));
            try (DimseClient client = DimseClient.open("127.0.0.1", orthanc.dicomPort(), "QANODE", "ORTHANC", contexts,
                    new AssociationRequestor.Config(Duration.ofSeconds(5), Duration.ofSeconds(10),
                            Duration.ofSeconds(10), Duration.ofMinutes(2), 65536))) {
                RoisQuery query = new RoisQuery(new QueryRetrieveScu(client, Duration.ofSeconds(30)),
                        QueryRetrieveModel.STUDY_ROOT, () -> false, series -> !series.equals(listedSeries));
                Selection s = query.select(new ExportRequest("ORTHANC", "pre", RoisData.patientIds(files),
                        List.of(), null));

                Map<String, Long> found = s.series().stream().collect(Collectors.toMap(Selection.Series::seriesUid,
                        x -> (long) x.size(), (a, b) -> a, TreeMap::new));
                assertThat(found).isEqualTo(perSeries);
                assertThat(s.counted()).hasSize(perSeries.size() - 1)
                        .noneMatch(x -> x.seriesUid().equals(listedSeries));
                assertThat(s.instances()).hasSize(perSeries.get(listedSeries).intValue());
                assertThat(s.instanceCount()).isEqualTo(files.size());
            }
        }
    }

    /**
     * An instance the node loses while the move reports it sent (the destination answers Success
     * without storing it): the series comes up one short of Orthanc's count, so the export asks
     * for its instances, names the lost one, retries and ends PARTIAL. Into a state that already
     * holds another (older) instance of that series the count would come out right: there the
     * series must be listed by C-FIND from the start, and the loss is named all the same.
     */
    @Test
    void instanceLostAfterSuccessIsNamedWhetherOrNotTheStateHeldItsSeries() throws Exception {
        List<Path> files = RoisData.generated(dir.resolve("gen"), RoisData.SPEC);
        Map<String, List<Dataset>> bySeries = new TreeMap<>();
        for (Path f : files) {
            Dataset ds = DicomReader.readFile(f).dataset();
            bySeries.computeIfAbsent(ds.getString(Tags.SeriesInstanceUID).trim(), k -> new ArrayList<>()).add(ds);
        }
        List<Dataset> series = bySeries.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow();
        String lost = series.get(0).getString(Tags.SOPInstanceUID).trim();
        String patient = series.get(0).getString(Tags.PatientID).trim();
        // an older instance of the same series, no longer at the ROIS
        Dataset older = series.get(1);
        older.setString(Tags.SOPInstanceUID, org.qanode.dicom.VR.UI, "1.2.826.0.1.3680043.10.1013.99.1");
        Path olderFile = dir.resolve("older.dcm");
        StateGenerator.write(olderFile, older, TransferSyntax.EXPLICIT_LE);

        StorageTarget dropped = new StorageTarget() {
            @Override
            public void write(ByteBuffer data) {
            }

            @Override
            public int commit() {
                return DimseStatus.SUCCESS;
            }

            @Override
            public void abort() {
            }
        };
        try (ExportFixture node = new ExportFixture(dir, List.of(),
                sink -> ctx -> ctx.sopInstanceUid().equals(lost) ? dropped : sink.begin(ctx));
             OrthancPeer orthanc = OrthancPeer.start(dir.resolve("orthanc"), "ORTHANC",
                     Map.of("qanode", new Object[] {ExportFixture.AE, "127.0.0.1", node.scp.port()}))) {
            for (Path f : files) {
                orthanc.upload(f);
            }
            assertThat(SinkFeeder.sendFile(new StateStoreSink(node.store, ctx -> "held"), olderFile, "ROIS", "held"))
                    .isEqualTo(DimseStatus.SUCCESS);
            RoisConfig rois = RoisConfig.of("ORTHANC", "ORTHANC", "127.0.0.1", orthanc.dicomPort(), ExportFixture.AE);

            for (String state : List.of("fresh", "held")) {
                ExportStatus s = node.export(rois, new ExportRequest("ORTHANC", state, List.of(patient), List.of(), null));
                assertThat(s.status()).as(state + ": " + s).isEqualTo(ExportStatus.PARTIAL);
                assertThat(s.missing()).as(state).containsExactly(lost);
                assertThat(s.retries()).as(state).isEqualTo(rois.retries());
            }
        }
    }
}
