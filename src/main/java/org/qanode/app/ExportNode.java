package org.qanode.app;

import java.time.Duration;
import java.util.List;
import org.qanode.ingest.CalledAeResolver;
import org.qanode.ingest.StateStoreSink;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.StoreScp;
import org.qanode.node.ReceivingState;
import org.qanode.store.StateStore;
import org.qanode.sweep.ExportRouter;
import org.qanode.sweep.Exporter;
import org.qanode.sweep.RoisConfig;

/**
 * What {@code qanode export} and {@code qanode sweep run-now} need while {@code qanode serve} is
 * not running: the state store, and the storage SCP on dicom.port as the move destination, for
 * the duration of the command. Objects that no export claims are routed as the node routes them
 * (called AE title, else the receiving state as persisted in the index); the SCP is configured
 * as the node's ({@link RunningNode#scpConfig}).
 */
final class ExportNode implements AutoCloseable {
    final StateStore store;
    final ExportRouter router;
    final StoreScp scp;
    final Exporter exporter;
    private org.qanode.net.tls.TlsContexts tls;

    ExportNode(QanodeConfig cfg, List<RoisConfig> peers) throws Exception {
        // a running node holds the index and dicom.port: say which, before anything is opened
        NodeLock.requireFree(cfg.storage().dataDir());
        var dicom = cfg.dicom();
        store = StateStore.open(cfg.storage().dataDir(), cfg.storage().index());
        try {
            ReceivingState receiving = new ReceivingState(store.index(), dicom.receivingState());
            router = new ExportRouter(new CalledAeResolver(dicom.states(), receiving::current));
            StateStoreSink sink = new StateStoreSink(store, router);
            // rois with tls: true associate over TLS; the move destination listens as the node does
            tls = NodeTls.dicom(dicom, false);
            scp = StoreScp.start(RunningNode.scpConfig(dicom, peers, tls), sink);
            exporter = new Exporter(store, router, sink, AssociationRequestor.Config.defaults().withTls(tls));
        } catch (Exception e) {
            if (tls != null) {
                tls.close();
            }
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        scp.shutdown(Duration.ofSeconds(10));
        if (tls != null) {
            tls.close();
        }
        store.close();
    }
}
