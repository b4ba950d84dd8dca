package org.qanode.sweep;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.qanode.net.assoc.AcceptancePolicy.CallingAe;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.dimse.StoreScp;
import org.qanode.net.dimse.StoreScpConfig;
import org.qanode.store.StateStore;

/**
 * A qanode for export tests: a state store (embedded H2) behind an {@link ExportRouter}, and the
 * storage SCP as AE {@link #AE} on a free port, the move destination the ROIS is given.
 */
final class ExportFixture implements AutoCloseable {
    static final String AE = "QANODE";

    final StateStore store;
    final ExportRouter router;
    final StoreScp scp;
    final Exporter exporter;

    ExportFixture(Path dir, List<String> allowedCallers) throws Exception {
        this(dir, allowedCallers, null);
    }

    /** {@code wrap}: a sink decorator between the SCP and the store (to make the destination fail), or null. */
    ExportFixture(Path dir, List<String> allowedCallers, java.util.function.UnaryOperator<StorageSink> wrap)
            throws Exception {
        router = new ExportRouter(ctx -> "inbox");
        store = StateStore.open(dir.resolve("var"), StateStore.defaultIndexUrl(dir.resolve("var")));
        StorageSink sink = new org.qanode.ingest.StateStoreSink(store, router);
        StoreScpConfig config = new StoreScpConfig("127.0.0.1", 0, Set.of(AE),
                allowedCallers.stream().map(CallingAe::any).toList(), 16, 65536, Set.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(60));
        scp = StoreScp.start(config, wrap == null ? sink : wrap.apply(sink));
        exporter = new Exporter(store, router, sink, new AssociationRequestor.Config(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(2), 65536));
    }

    ExportStatus export(RoisConfig rois, ExportRequest request) throws InterruptedException {
        ExportJob job = new ExportJob("t-" + System.nanoTime(), request, Clock.systemUTC());
        exporter.run(job, rois);
        return job.await(1, TimeUnit.SECONDS);
    }

    java.util.TreeSet<String> uidsIn(String state) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        store.currentInstances(state).forEach(r -> out.add(r.sopInstanceUid()));
        return out;
    }

    @Override
    public void close() {
        scp.close();
        store.close();
    }
}
