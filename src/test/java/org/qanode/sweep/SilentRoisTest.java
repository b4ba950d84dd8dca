package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.net.assoc.AcceptancePolicy;
import org.qanode.net.assoc.Association;
import org.qanode.net.assoc.AssociationListener;
import org.qanode.net.assoc.DicomServer;
import org.qanode.net.dimse.QueryRetrieveModel;
import org.qanode.net.pdu.AbortReason;
import org.qanode.net.pdu.AbortSource;
import org.qanode.net.pdu.PDataTf;

/**
 * A ROIS that accepts the association and then never answers, and one that is not there: the
 * export ends FAILED with the reason within the configured time-outs, never hangs.
 */
class SilentRoisTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void peerThatStopsAnsweringEndsFailedWithinTheTimeOut() throws Exception {
        AcceptancePolicy policy = AcceptancePolicy.builder().aeTitles(Set.of("SILENT"))
                .abstractSyntaxes(Set.of(QueryRetrieveModel.STUDY_ROOT.findSopClass(),
                        QueryRetrieveModel.STUDY_ROOT.moveSopClass()))
                .transferSyntaxes(List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2")).build();
        AssociationListener deaf = new AssociationListener() {
            @Override
            public void onAssociated(Association a) {
            }

            @Override
            public void onPData(Association a, PDataTf pdata) {
                pdata.release();
            }

            @Override
            public void onReleased(Association a) {
            }

            @Override
            public void onAborted(Association a, AbortSource source, AbortReason reason) {
            }
        };
        try (DicomServer silent = DicomServer.start(DicomServer.Config.of("127.0.0.1", 0, policy), deaf);
             ExportFixture node = new ExportFixture(dir, List.of())) {
            RoisConfig rois = RoisConfig.of("SILENT", "SILENT", "127.0.0.1", silent.port(), ExportFixture.AE)
                    .withTimeout(Duration.ofSeconds(2), 2);
            long start = System.nanoTime();
            ExportStatus s = node.export(rois, new ExportRequest("SILENT", "pre", List.of("P1"), List.of(), null));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(s.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(s.error()).contains("C-FIND", "no response", "within 2 s", "association aborted");
            assertThat(seconds).isLessThan(10);
        }
    }

    @Test
    @Timeout(30)
    void peerThatIsNotListeningEndsFailed() throws Exception {
        try (ExportFixture node = new ExportFixture(dir, List.of())) {
            RoisConfig rois = RoisConfig.of("GONE", "GONE", "127.0.0.1", org.qanode.testing.FreePorts.next(),
                    ExportFixture.AE);
            ExportStatus s = node.export(rois, new ExportRequest("GONE", "pre", List.of("P1"), List.of(), null));
            assertThat(s.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(s.error()).contains("cannot associate with GONE");

            // several patients: the walk runs on parallel associations, the first failure ends it
            ExportStatus many = node.export(rois, new ExportRequest("GONE", "pre", List.of("P1", "P2", "P3", "P4"),
                    List.of(), null));
            assertThat(many.status()).isEqualTo(ExportStatus.FAILED);
            assertThat(many.error()).startsWith("C-FIND at GONE").contains("cannot associate with GONE");
        }
    }
}
