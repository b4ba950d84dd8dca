package org.qanode.net.dimse;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.dicom.UIDs;
import org.qanode.ingest.DirectorySink;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.pdu.PresentationContextRq;

/**
 * Closing a client must never throw, whatever ended the association first: an explicit release
 * (the event loop is shut down right after it, while the channel may still look active), or the
 * peer going away. Seen as a RejectedExecutionException from close() after release().
 */
class DimseClientCloseTest {
    @TempDir
    Path dir;
    StoreScp scp;

    @AfterEach
    void stop() {
        if (scp != null) {
            scp.close();
        }
    }

    private DimseClient open() throws Exception {
        scp = scp != null ? scp : StoreScp.start(StoreScpConfig.of("QANODE", 0), new DirectorySink(dir, "QANODE"));
        return DimseClient.open("127.0.0.1", scp.port(), "CLOSETEST", "QANODE",
                List.of(new PresentationContextRq(1, UIDs.Verification, List.of(UIDs.ImplicitVRLittleEndian))),
                AssociationRequestor.Config.defaults());
    }

    @Test
    void closeAfterReleaseDoesNothingMore() throws Exception {
        for (int i = 0; i < 20; i++) {
            DimseClient c = open();
            c.echo(Duration.ofSeconds(10));
            c.release();
            assertThatCode(c::close).doesNotThrowAnyException();
        }
    }

    @Test
    void closeAfterThePeerWentAwayDoesNotThrow() throws Exception {
        DimseClient c = open();
        scp.close();
        scp = null;
        assertThatCode(c::close).doesNotThrowAnyException();
    }
}
