package org.qanode.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.StoreScp;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.net.pdu.PresentationContextRq;

/**
 * Tests' node in miniature, one per test ({@code @RegisterExtension}): a state store in a
 * temporary folder and a C-STORE SCP (AE QANODE) filing everything into state {@code inbox}, and
 * associations to it proposing RT Plan Storage in Explicit VR Little Endian.
 */
final class StoreOverDimse implements BeforeEachCallback, AfterEachCallback {
    static final String RT_PLAN = "1.2.840.10008.5.1.4.1.1.481.5";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private Path dir;
    private StateStore store;
    private StoreScp scp;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("qanode-store-dimse");
        Path data = dir.resolve("data");
        store = StateStore.open(data, StateStore.defaultIndexUrl(data));
        scp = StoreScp.start(StoreScpConfig.of("QANODE", 0).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new StateStoreSink(store, ctx -> "inbox"));
    }

    StateStore store() {
        return store;
    }

    /** The store's data folder. */
    Path data() {
        return dir.resolve("data");
    }

    DimseClient client() throws Exception {
        return DimseClient.open("127.0.0.1", scp.port(), "ROIS", "QANODE",
                List.of(new PresentationContextRq(1, RT_PLAN, List.of(EXPLICIT_LE))), AssociationRequestor.Config.defaults());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (scp != null) {
                scp.close();
            }
        } finally {
            if (store != null) {
                store.close();
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
