package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.Tags;
import org.qanode.dicom.io.DicomReader;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.testing.SinkFeeder;

/**
 * Which series an export may select by the ROIS's count alone (issue 16): the walk is a C-FIND
 * per study instead of one per series only while this says yes, and a count is only safe for a
 * series the target state holds nothing of (OrthancExportTest shows why).
 */
class ExporterCountingTest {
    @TempDir
    Path dir;

    @Test
    void aSeriesIsCountedOnlyByCMoveAboveImageLevelAndWhileTheStateHoldsNoneOfIt() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of())) {
            Path file = RoisData.generated(dir.resolve("gen"), RoisData.SPEC).get(0);
            String series = DicomReader.readFile(file).dataset().getString(Tags.SeriesInstanceUID).trim();
            assertThat(SinkFeeder.sendFile(new StateStoreSink(node.store, ctx -> "held"), file, "ROIS", "held"))
                    .isEqualTo(DimseStatus.SUCCESS);
            RoisConfig rois = RoisConfig.of("R", "R", "127.0.0.1", 104, ExportFixture.AE);

            Predicate<String> fresh = node.exporter.countable(rois, "fresh");
            assertThat(fresh.test(series)).as("C-MOVE, SERIES level, empty state").isTrue();
            assertThat(node.exporter.countable(rois.withModel(QueryRetrieveModel.STUDY_ROOT, QueryLevel.STUDY), "fresh")
                    .test(series)).as("STUDY level").isTrue();

            Predicate<String> held = node.exporter.countable(rois, "held");
            assertThat(held.test(series)).as("the state holds an instance of the series").isFalse();
            assertThat(held.test(series + ".9")).as("another series of that state").isTrue();

            assertThat(node.exporter.countable(rois.withGet(true), "fresh").test(series))
                    .as("C-GET proposes the SOP classes an instance-level C-FIND returns").isFalse();
            assertThat(node.exporter.countable(rois.withModel(QueryRetrieveModel.STUDY_ROOT, QueryLevel.IMAGE), "fresh")
                    .test(series)).as("IMAGE-level retrieval names the instances").isFalse();
        }
    }
}
