package org.qanode.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.qanode.net.assoc.AcceptancePolicy.CallingAe;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.StoreScp;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.sweep.ExportRouter;
import org.qanode.sweep.Exporter;
import org.qanode.sweep.RoisConfig;
import org.qanode.store.StateStore;

/**
 * What {@code qanode export} and {@code qanode sweep run-now} need while {@code qanode serve} is
 * not running: the state store, and the storage SCP on dicom.port as the move destination, for
 * the duration of the command. The ROIS's sending AE titles are added to a non-empty allow list.
 */
final class ExportNode implements AutoCloseable {
    final StateStore store;
    final ExportRouter router;
    final StoreScp scp;
    final Exporter exporter;

    ExportNode(QanodeConfig cfg, List<RoisConfig> peers) throws Exception {
        // a running node holds the index and dicom.port: say which, before anything is opened
        NodeLock.requireFree(cfg.storage().dataDir());
        var dicom = cfg.dicom();
        router = new ExportRouter(ctx -> dicom.states().getOrDefault(ctx.calledAeTitle().trim(),
                dicom.receivingState()));
        store = StateStore.open(cfg.storage().dataDir(), cfg.storage().index(), router);
        try {
            List<String> allowed = new ArrayList<>(dicom.allowedCallingAeTitles());
            if (!allowed.isEmpty()) {
                peers.forEach(p -> allowed.addAll(p.sendingAeTitles()));
            }
            Set<String> titles = new LinkedHashSet<>(List.of(dicom.aeTitle()));
            titles.addAll(dicom.states().keySet());
            peers.forEach(p -> titles.add(p.destination()));
            StoreScpConfig scpConfig = new StoreScpConfig(dicom.bind(), dicom.port(), titles,
                    allowed.stream().distinct().map(CallingAe::any).toList(), dicom.maxAssociations(),
                    dicom.maxPduLength(), Set.copyOf(dicom.extraSopClasses()), Duration.ofSeconds(30),
                    Duration.ofMinutes(5));
            scp = StoreScp.start(scpConfig, store);
        } catch (Exception e) {
            store.close();
            throw e;
        }
        exporter = new Exporter(store, router, AssociationRequestor.Config.defaults());
    }

    @Override
    public void close() {
        scp.shutdown(Duration.ofSeconds(10));
        store.close();
    }
}
