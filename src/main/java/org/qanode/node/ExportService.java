package org.qanode.node;

import org.qanode.net.dimse.StorageSink;
import org.qanode.util.Threads;
import org.qanode.metrics.NodeMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.store.StateNames;
import org.qanode.store.StateStore;
import org.qanode.sweep.ExportJob;
import org.qanode.sweep.ExportRequest;
import org.qanode.sweep.ExportRouter;
import org.qanode.sweep.ExportStatus;
import org.qanode.sweep.Exporter;
import org.qanode.sweep.RoisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports run by the node: requested over REST (queued on a small bounded pool, never on the
 * HTTP event loop or its workers) or by a sweep (run on the sweep's own thread). The objects the
 * ROIS sends come in through the node's storage SCP and are claimed by the {@link ExportRouter}
 * in front of the called-AE routing, so the node keeps receiving everything else meanwhile.
 * One export per state at a time; every export is kept in the index as history.
 */
public final class ExportService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
    /** Exports at once: each holds one association to the ROIS and makes it open one to us. */
    static final int WORKERS = 2;
    static final int QUEUE = 16;

    private final Map<String, RoisConfig> rois;
    private final Exporter exporter;
    private final ExportRepository repository;
    private final NodeMetrics metrics;
    private final Clock clock;
    private final Map<String, ExportJob> active = new ConcurrentHashMap<>();
    private final Set<String> statesInExport = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor;

    public ExportService(StateStore store, ExportRouter router, StorageSink sink, Map<String, RoisConfig> rois,
            AssociationRequestor.Config associationConfig, NodeMetrics metrics, Clock clock) {
        this.rois = Map.copyOf(rois);
        this.exporter = new Exporter(store, router, sink, associationConfig);
        this.repository = new ExportRepository(store.index());
        this.metrics = metrics;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Threads.daemon("export"));
        int stale = repository.failUnfinished();
        if (stale > 0) {
            LOG.warn("{} export(s) were running when the node stopped: marked FAILED", stale);
        }
    }

    /**
     * Validates and queues an export; returns its id.
     *
     * @throws NodeException INVALID for an unknown ROIS or state name, CONFLICT when the state is being exported
     *                      already, 503 when the queue is full
     */
    public String submit(ExportRequest request) {
        ExportJob job = reserve(request);
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            release(job, false);
            throw NodeException.unavailable("export queue full (" + QUEUE + " waiting); retry later");
        }
        return job.id();
    }

    /** Runs an export on the caller's thread (a sweep's), registered like a REST one. */
    public ExportStatus runNow(ExportRequest request) {
        ExportJob job = reserve(request);
        run(job);
        return job.snapshot();
    }

    private ExportJob reserve(ExportRequest request) {
        RoisConfig peer = rois.get(request.rois());
        if (peer == null) {
            throw NodeException.invalid("from: no ROIS '" + request.rois() + "' (configured: "
                    + (rois.isEmpty() ? "none" : String.join(", ", rois.keySet())) + ")");
        }
        if (!StateNames.isValid(request.state())) {
            throw NodeException.invalid("state: '" + request.state() + "' is not a valid state name (1 to 64 of"
                    + " A-Z a-z 0-9 . _ -, starting with a letter or digit)");
        }
        if (!statesInExport.add(request.state())) {
            throw NodeException.conflict("state '" + request.state() + "' is being exported already");
        }
        ExportJob job = new ExportJob(UUID.randomUUID().toString(), request, clock);
        try {
            repository.insert(job.snapshot());
        } catch (RuntimeException e) {
            statesInExport.remove(request.state());
            throw e;
        }
        active.put(job.id(), job);
        return job;
    }

    private void run(ExportJob job) {
        try {
            exporter.run(job, rois.get(job.request().rois()));
        } catch (RuntimeException e) {
            LOG.error("export {} failed", job.id(), e);
        } finally {
            release(job, true);
        }
    }

    private void release(ExportJob job, boolean ran) {
        ExportStatus s = job.snapshot();
        if (!s.finished()) {
            s = new ExportStatus(s.id(), ExportStatus.FAILED, s.from(), s.state(), s.expected(), s.received(),
                    s.failed(), s.retries(), s.patients(), s.studies(), s.series(),
                    ran ? "internal error (see the node's log)" : "not started: export queue full", s.missing(),
                    s.startedAt(), clock.instant().toString());
        }
        try {
            repository.save(s);
        } catch (RuntimeException e) {
            LOG.error("export {}: cannot record the final status {}: {}", s.id(), s.status(), e.toString());
        }
        metrics.exportFinished(s.status());
        active.remove(job.id());
        statesInExport.remove(job.request().state());
    }

    /** A running export's live progress, else the stored status. */
    public Optional<ExportStatus> get(String id) {
        ExportJob job = active.get(id);
        return job != null ? Optional.of(job.snapshot()) : repository.get(id);
    }

    /** Newest first; running ones with their live progress. */
    public List<ExportStatus> list(int limit) {
        Map<String, ExportStatus> out = new LinkedHashMap<>();
        for (ExportStatus s : repository.list(limit)) {
            ExportJob job = active.get(s.id());
            out.put(s.id(), job != null ? job.snapshot() : s);
        }
        return new ArrayList<>(out.values());
    }

    public Set<String> roisNames() {
        return rois.keySet();
    }

    /** Exports running or waiting. */
    public int active() {
        return active.size();
    }

    /** Cancels running exports (C-CANCEL) and stops the pool; unfinished rows end FAILED on the next start. */
    @Override
    public void close() {
        active.values().forEach(ExportJob::cancel);
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
