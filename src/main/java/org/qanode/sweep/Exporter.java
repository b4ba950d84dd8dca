package org.qanode.sweep;

import org.qanode.dicom.UIDs;
import org.qanode.util.Threads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.qanode.net.assoc.AssociationAbortedException;
import org.qanode.net.assoc.AssociationRejectedException;
import org.qanode.net.assoc.AssociationRequestor;
import org.qanode.net.dimse.DimseClient;
import org.qanode.net.dimse.DimseStatus;
import org.qanode.net.dimse.QueryLevel;
import org.qanode.net.dimse.QueryRetrieveScu;
import org.qanode.net.dimse.RetrieveResult;
import org.qanode.net.dimse.StorageSink;
import org.qanode.net.pdu.PresentationContextRq;
import org.qanode.net.pdu.UserInformationItem;
import org.qanode.net.pdu.UserInformationItem.RoleSelection;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one export: C-FIND what the request selects ({@link RoisQuery}), retrieve it into the
 * state with C-MOVE (the ROIS stores to our move destination, {@link ExportRouter} files the
 * objects) or C-GET (the objects come back on our association), then check the state.
 *
 * <p>Completion: every instance named is current in the state, and every C-MOVE ended with a
 * final response that reports no remaining sub-operation. Instances are named by C-FIND, except
 * in a series the state held nothing of, which is selected by the count the ROIS reports for it
 * ({@link #countable}): after the retrievals its instances are named from the state when they
 * number exactly that count and no retrieval failed, by an instance-level C-FIND otherwise
 * ({@link #nameCounted}). Instances still missing are asked for again at IMAGE level, at most
 * {@link RoisConfig#retries} times; what is still missing
 * after that makes the export PARTIAL, with the UIDs listed. FAILED: nothing could be retrieved
 * (association refused, C-FIND failed, move destination unknown, peer silent).
 */
public final class Exporter {
    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
    private static final List<String> SYNTAXES = List.of(UIDs.ExplicitVRLittleEndian, UIDs.ImplicitVRLittleEndian);
    /** Storage classes proposed for C-GET when C-FIND did not return SOP Class UIDs. */
    private static final List<String> RT_STORAGE = List.of(UIDs.RTImageStorage,
            UIDs.RTDoseStorage, UIDs.RTStructureSetStorage, UIDs.RTBeamsTreatmentRecordStorage,
            UIDs.RTPlanStorage, UIDs.RTBrachyTreatmentRecordStorage, UIDs.RTTreatmentSummaryRecordStorage,
            UIDs.RTIonPlanStorage, UIDs.RTIonBeamsTreatmentRecordStorage, UIDs.CTImageStorage,
            UIDs.MRImageStorage);

    private static final java.util.concurrent.atomic.AtomicInteger MOVE_IDS = new java.util.concurrent.atomic.AtomicInteger(
            (int) (System.nanoTime() & 0x7FFF));

    private final StateStore store;
    private final ExportRouter router;
    private final StorageSink getSink;
    private final AssociationRequestor.Config associationConfig;

    /** @param getSink where the C-STOREs of a C-GET go: the node's sink, routing by {@code router} */
    public Exporter(StateStore store, ExportRouter router, StorageSink getSink,
            AssociationRequestor.Config associationConfig) {
        this.store = store;
        this.router = router;
        this.getSink = getSink;
        this.associationConfig = associationConfig;
    }

    /** A reason that ends the export FAILED at once. */
    private static final class Fatal extends Exception {
        Fatal(String message) {
            super(message);
        }
    }

    public void run(ExportJob job, RoisConfig rois) {
        ExportRequest req = job.request();
        job.started();
        LOG.info("export {}: {} -> state {} ({} patient(s), modalities {})", job.id(), rois, req.state(),
                req.patientIds().size(), req.modalities());
        store.createState(req.state());
        try (ExportRouter.Route route = router.open(req.state(), rois.callingAeTitle(), rois.destination(),
                rois.sendingAeTitles())) {
            long t0 = System.nanoTime();
            List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
            int[] failedSubOps = {0};
            // C-MOVEs of several patients start as soon as the first patient's C-FIND walk is done
            // (issue 16: the walk was half of an export's time); a C-GET needs every SOP class
            // found before its association is proposed, so it waits for the whole walk
            boolean overlap = !rois.useGet() && req.patientIds().size() > 1 && rois.parallelMoves() > 1;
            java.util.function.Predicate<String> countable = countable(rois, req.state());
            UnitQueue queue = new UnitQueue();
            Retrieval early = overlap ? startRetrieval(job, rois, rois.parallelMoves(), queue, route, problems,
                    failedSubOps) : null;
            Selection selection;
            try {
                selection = select(job, rois, countable,
                        overlap ? one -> queue.addAll(initialUnits(one, rois.level())) : one -> { });
            } catch (Fatal e) {
                queue.end();
                if (early != null) {
                    early.stopAndJoin();
                }
                end(job, rois, ExportStatus.FAILED, new Selection(), new ArrayList<>(List.of(e.getMessage())));
                return;
            }
            job.found(selection.patientCount(), selection.studyCount(), selection.series().size(),
                    selection.instanceCount());
            long t1 = System.nanoTime();
            LOG.info("export {}: C-FIND found {} instance(s) in {} series ({} counted) in {} ms", job.id(),
                    selection.instanceCount(), selection.series().size(), selection.counted().size(),
                    (t1 - t0) / 1_000_000);
            try {
                int retrievals;
                if (early != null) {
                    queue.end();
                    early.join();
                    retrievals = queue.added();
                } else {
                    List<RetrievalUnit> units = initialUnits(selection, rois.level());
                    retrieve(job, rois, units, selection.instances(), route, problems, failedSubOps);
                    retrievals = units.size();
                }
                LOG.info("export {}: {} retrieval(s) done {} ms after the C-FIND walk", job.id(), retrievals,
                        (System.nanoTime() - t1) / 1_000_000);
                int counted = selection.instanceCount();
                nameCounted(job, rois, selection, problems.isEmpty() && failedSubOps[0] == 0);
                if (selection.instanceCount() != counted) { // the ROIS's count was not what it holds
                    job.found(selection.patientCount(), selection.studyCount(), selection.series().size(),
                            selection.instanceCount());
                }
                Map<String, String> expected = selection.instances();
                for (int round = 1; round <= rois.retries(); round++) {
                    Set<String> missing = missing(req.state(), expected.keySet());
                    if (missing.isEmpty() || job.cancelRequested()) {
                        break;
                    }
                    job.retried();
                    LOG.info("export {}: retry {} of {} for {} missing instance(s)", job.id(), round, rois.retries(),
                            missing.size());
                    retrieve(job, rois, retryUnits(selection, missing), expected, route, problems, failedSubOps);
                }
            } catch (Fatal e) {
                problems.add(0, e.getMessage());
                end(job, rois, ExportStatus.FAILED, selection, new ArrayList<>(problems));
                return;
            }
            end(job, rois, null, selection, new ArrayList<>(problems));
        } catch (RuntimeException e) {
            LOG.error("export {} failed", job.id(), e);
            job.finish(ExportStatus.FAILED, 0, 0, List.of(), "internal error: " + e);
        }
    }

    /**
     * The C-FIND walk. Patients are independent, so with several of them the walk runs on up to
     * {@link RoisConfig#parallelMoves} associations at once, each taking the next patient: a walk
     * is one C-FIND per patient, study and series, each a round trip to the ROIS, and serially it
     * was a third of an export's time (issue 16: 800 C-FINDs in 5.3 s for 100 patients from
     * Orthanc). The selection is put together in the order of the request either way.
     */
    private Selection select(ExportJob job, RoisConfig rois, java.util.function.Predicate<String> countable,
            java.util.function.Consumer<Selection> patientDone) throws Fatal {
        List<String> patients = job.request().patientIds();
        int workers = Math.min(rois.parallelMoves(), patients.size());
        if (workers <= 1) {
            Selection all = selectOn(job, rois, job.request(), countable);
            patientDone.accept(all);
            return all;
        }
        Selection[] perPatient = new Selection[patients.size()];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Workers walkers = new Workers();
        for (int w = 0; w < workers; w++) {
            walkers.start("export-" + job.id() + "-find-" + w, () -> {
                try (DimseClient client = open(rois, findContexts(rois), null)) {
                    QueryRetrieveScu scu = new QueryRetrieveScu(client, rois.responseTimeout());
                    RoisQuery query = new RoisQuery(scu, rois.model(), () -> job.cancelRequested() || walkers.stopped(),
                            countable);
                    for (int i = next.getAndIncrement(); i < perPatient.length && !walkers.stopped();
                            i = next.getAndIncrement()) {
                        ExportRequest one = new ExportRequest(job.request().rois(), job.request().state(),
                                List.of(patients.get(i)), job.request().modalities(), job.request().studyDate());
                        perPatient[i] = query.select(one);
                        patientDone.accept(perPatient[i]);
                    }
                } catch (IOException e) {
                    throw new Fatal("C-FIND at " + rois + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    throw new Fatal("interrupted");
                }
            });
        }
        walkers.join();
        Selection all = new Selection();
        for (Selection one : perPatient) {
            if (one != null) { // none when cancelled
                all.addAll(one);
            }
        }
        return all;
    }

    private Selection selectOn(ExportJob job, RoisConfig rois, ExportRequest request,
            java.util.function.Predicate<String> countable) throws Fatal {
        try (DimseClient client = open(rois, findContexts(rois), null)) {
            QueryRetrieveScu scu = new QueryRetrieveScu(client, rois.responseTimeout());
            return new RoisQuery(scu, rois.model(), job::cancelRequested, countable).select(request);
        } catch (IOException e) {
            throw new Fatal("C-FIND at " + rois + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fatal("interrupted");
        }
    }

    /**
     * Which series the walk may select by their count alone: none for C-GET (its association must
     * propose the SOP classes the instance-level C-FIND returns) or IMAGE-level retrieval (it names
     * the instances), and none the state already holds an instance of. The latter is what makes a
     * count sufficient: the instances of such a series in the state afterwards all arrived during
     * this export, whereas a re-export into a state holding older ones (one since deleted at the
     * ROIS, say) would reach the count with one of the ROIS's instances missing.
     */
    java.util.function.Predicate<String> countable(RoisConfig rois, String state) {
        if (rois.useGet() || rois.level() == QueryLevel.IMAGE) {
            return series -> false;
        }
        Set<String> held = new HashSet<>();
        for (InstanceRecord r : store.currentInstances(state)) {
            held.add(r.fields().seriesInstanceUid());
        }
        return series -> !held.contains(series);
    }

    /**
     * Names the instances of the counted series once the retrievals are done. {@code clean}: every
     * retrieval ended without a failed sub-operation or a problem. Then a series whose instances
     * in the state number exactly its count is complete (see {@link #countable}); any other (fewer,
     * more, or any failure in the export) is asked for at instance level, as without counting, so
     * that what is missing is named by UID and retried.
     */
    private void nameCounted(ExportJob job, RoisConfig rois, Selection selection, boolean clean) throws Fatal {
        List<Selection.Series> counted = selection.counted();
        if (counted.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> inState = new HashMap<>();
        for (InstanceRecord r : store.currentInstances(job.request().state())) {
            String series = r.fields().seriesInstanceUid();
            if (series != null) {
                inState.computeIfAbsent(series, k -> new LinkedHashMap<>()).put(r.sopInstanceUid(), r.sopClassUid());
            }
        }
        List<Selection.Series> ask = new ArrayList<>();
        for (Selection.Series s : counted) {
            Map<String, String> here = inState.getOrDefault(s.seriesUid(), Map.of());
            if (clean && here.size() == s.counted()) {
                selection.add(s.withInstances(here));
            } else {
                ask.add(s);
            }
        }
        if (ask.isEmpty() || job.cancelRequested()) {
            return;
        }
        LOG.info("export {}: instance-level C-FIND for {} of {} counted series", job.id(), ask.size(), counted.size());
        try (DimseClient client = open(rois, findContexts(rois), null)) {
            RoisQuery query = new RoisQuery(new QueryRetrieveScu(client, rois.responseTimeout()), rois.model(),
                    job::cancelRequested);
            for (Selection.Series s : ask) {
                selection.add(s.withInstances(query.instances(s.patientId(), s.studyUid(), s.seriesUid())));
            }
        } catch (IOException e) {
            throw new Fatal("C-FIND at " + rois + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fatal("interrupted");
        }
    }

    /**
     * Final status from what is in the state; a non-null {@code forced} status wins. Series still
     * counted (the export ended before they could be named) count as not received.
     */
    private void end(ExportJob job, RoisConfig rois, String forced, Selection selection, List<String> problems) {
        if (job.cancelRequested()) {
            problems.add(0, "cancelled");
            forced = ExportStatus.FAILED;
        }
        Map<String, String> expected = selection.instances();
        Set<String> missing = missing(job.request().state(), expected.keySet());
        int unnamed = selection.counted().stream().mapToInt(Selection.Series::counted).sum();
        int received = expected.size() - missing.size();
        int total = expected.size() + unnamed;
        String status = forced != null ? forced
                : missing.isEmpty() && unnamed == 0 && problems.isEmpty() ? ExportStatus.DONE
                : received == 0 && total > 0 ? ExportStatus.FAILED
                : ExportStatus.PARTIAL;
        if (!missing.isEmpty() || unnamed > 0) {
            problems.add((missing.size() + unnamed) + " of " + total + " instance(s) not received"
                    + (unnamed > 0 ? " (" + unnamed + " of them counted by " + rois.name() + " but not named)" : ""));
        }
        if (ExportStatus.FAILED.equals(status) && received == 0 && total > 0 && !rois.useGet()
                && problems.stream().noneMatch(p -> p.contains("A801"))) {
            // Some SCPs (Orthanc: C000) do not say A801 when they do not know the destination.
            problems.add("nothing arrived: check that " + rois.name() + " knows the move destination '"
                    + rois.destination() + "' with this host and dicom.port");
        }
        String reason = problems.isEmpty() ? null : String.join("; ", new LinkedHashSet<>(problems));
        job.finish(status, received, missing.size() + unnamed, List.copyOf(missing), reason);
        LOG.info("export {}: {}: {} of {} instance(s) in state {}{}", job.id(), status, received, total,
                job.request().state(), reason != null ? " (" + reason + ")" : "");
    }

    private Set<String> missing(String state, Set<String> expected) {
        Set<String> present = new HashSet<>();
        for (InstanceRecord r : store.currentInstances(state)) {
            present.add(r.sopInstanceUid());
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(present);
        return missing;
    }

    private static List<RetrievalUnit> initialUnits(Selection s, QueryLevel level) {
        Map<String, RetrievalUnit> units = new LinkedHashMap<>();
        for (Selection.Series series : s.series()) {
            if (series.size() == 0) {
                continue;
            }
            switch (level) {
                case PATIENT -> units.putIfAbsent(series.patientId(),
                        new RetrievalUnit(level, series.patientId(), null, null, List.of()));
                case STUDY -> units.putIfAbsent(series.studyUid(),
                        new RetrievalUnit(level, series.patientId(), series.studyUid(), null, List.of()));
                // A study whose every series is wanted is one C-MOVE instead of one per series: the
                // ROIS opens one association to us instead of several (measured: 180 -> 30 moves).
                case SERIES -> {
                    if (s.isCovered(series.studyUid())) {
                        units.putIfAbsent(series.studyUid(), new RetrievalUnit(QueryLevel.STUDY, series.patientId(),
                                series.studyUid(), null, List.of()));
                    } else {
                        units.put(series.seriesUid(), new RetrievalUnit(level, series.patientId(), series.studyUid(),
                                series.seriesUid(), List.of()));
                    }
                }
                case IMAGE -> units.put(series.seriesUid(), new RetrievalUnit(level, series.patientId(),
                        series.studyUid(), series.seriesUid(), List.copyOf(series.instances().keySet())));
            }
        }
        return List.copyOf(units.values());
    }

    private static List<RetrievalUnit> retryUnits(Selection s, Set<String> missing) {
        List<RetrievalUnit> units = new ArrayList<>();
        for (Selection.Series series : s.series()) {
            List<String> uids = series.instances().keySet().stream().filter(missing::contains).toList();
            if (!uids.isEmpty()) {
                units.add(new RetrievalUnit(QueryLevel.IMAGE, series.patientId(), series.studyUid(),
                        series.seriesUid(), uids));
            }
        }
        return units;
    }

    /**
     * One round of C-MOVEs (or C-GETs) by at most {@link RoisConfig#parallelMoves} workers, each
     * on its own association, each taking the next unit when it is done with one. The ROIS
     * answers each C-MOVE over a new association of its own and waits for our C-STORE response per
     * object, so one move at a time leaves both sides idle most of the time.
     */
    private void retrieve(ExportJob job, RoisConfig rois, List<RetrievalUnit> units, Map<String, String> expected,
            ExportRouter.Route route, List<String> problems, int[] failedSubOps) throws Fatal {
        // C-GET routes by association id, one per export: those stay on one association.
        int workers = rois.useGet() ? 1 : Math.min(rois.parallelMoves(), units.size());
        if (workers <= 1) {
            retrieveSequentially(job, rois, listOf(units), expected, route, problems, failedSubOps,
                    new AtomicBoolean());
            return;
        }
        UnitQueue queue = new UnitQueue();
        queue.addAll(units);
        queue.end();
        startRetrieval(job, rois, workers, queue, route, problems, failedSubOps).join();
    }

    /** Where a retrieval worker takes its next unit from; null when there is none left. */
    private interface Units {
        RetrievalUnit next() throws InterruptedException;
    }

    private static Units listOf(List<RetrievalUnit> units) {
        java.util.Iterator<RetrievalUnit> it = units.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** Retrieval units handed over by the C-FIND walk while the retrieval workers take them. */
    static final class UnitQueue implements Units {
        private static final RetrievalUnit END = new RetrievalUnit(QueryLevel.PATIENT, "", null, null, List.of());
        private final java.util.concurrent.LinkedBlockingQueue<RetrievalUnit> queue =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger added = new java.util.concurrent.atomic.AtomicInteger();

        void addAll(List<RetrievalUnit> units) {
            added.addAndGet(units.size());
            queue.addAll(units);
        }

        /** No more units: every worker's {@link #next} returns null once the queue is empty. */
        void end() {
            queue.add(END);
        }

        int added() {
            return added.get();
        }

        @Override
        public RetrievalUnit next() throws InterruptedException {
            RetrievalUnit u = queue.take();
            if (u == END) {
                queue.add(END); // for the other workers
                return null;
            }
            return u;
        }
    }

    /**
     * The threads of one phase of an export (the C-FIND walk, the retrievals): the first
     * {@link Fatal} of any of them stops the others and is what {@link #join} throws.
     */
    private static final class Workers {
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private Fatal fatal;

        interface Body {
            void run() throws Fatal;
        }

        void start(String name, Body body) {
            Thread t = Threads.daemonThread(name, () -> {
                try {
                    body.run();
                } catch (Fatal e) {
                    fail(e);
                }
            });
            threads.add(t);
            t.start();
        }

        private synchronized void fail(Fatal e) {
            if (fatal == null) {
                fatal = e;
            }
            stop.set(true);
        }

        /** A worker failed or {@link #stopAndJoin} was called: the others end their current step. */
        boolean stopped() {
            return stop.get();
        }

        AtomicBoolean stopFlag() {
            return stop;
        }

        void join() throws Fatal {
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new Fatal("interrupted");
            }
            synchronized (this) {
                if (fatal != null) {
                    throw fatal;
                }
            }
        }
    }

    /** Retrieval workers, possibly started before the C-FIND walk ends ({@link #startRetrieval}). */
    private static final class Retrieval {
        final Workers workers = new Workers();
        final java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        int[] failedSubOps;

        void join() throws Fatal {
            try {
                workers.join();
            } finally {
                failedSubOps[0] += failed.getAndSet(0);
            }
        }

        void stopAndJoin() {
            workers.stopFlag().set(true);
            try {
                join();
            } catch (Fatal ignored) {
                // the export already fails for the reason the caller has
            }
        }
    }

    /**
     * {@code workers} C-MOVE workers taking units from {@code units} as they come; {@code problems}
     * must be thread-safe.
     */
    private Retrieval startRetrieval(ExportJob job, RoisConfig rois, int workers, UnitQueue units,
            ExportRouter.Route route, List<String> problems, int[] failedSubOps) {
        Retrieval r = new Retrieval();
        r.failedSubOps = failedSubOps;
        for (int w = 0; w < workers; w++) {
            r.workers.start("export-" + job.id() + "-" + w, () -> {
                int[] mine = {0};
                try {
                    retrieveSequentially(job, rois, units, Map.of(), route, problems, mine, r.workers.stopFlag());
                } finally {
                    r.failed.addAndGet(mine[0]);
                }
            });
        }
        return r;
    }

    /** Units one after the other on one association, re-opened once if the peer drops it. */
    private void retrieveSequentially(ExportJob job, RoisConfig rois, Units units,
            Map<String, String> expected, ExportRouter.Route route, List<String> problems, int[] failedSubOps,
            AtomicBoolean stop) throws Fatal {
        RetrievalUnit unit;
        try {
            unit = units.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fatal("interrupted");
        }
        if (unit == null) {
            return;
        }
        StorageSink sink = rois.useGet() ? getSink : null;
        List<PresentationContextRq> contexts = rois.useGet() ? getContexts(rois, expected) : findContexts(rois);
        UserInformationItem[] roles = rois.useGet() ? roleSelections(contexts) : new UserInformationItem[0];
        boolean reopened = false;
        while (unit != null && !job.cancelRequested() && !stop.get()) {
            try (DimseClient client = open(rois, contexts, sink, roles)) {
                route.expectGetOn(client.associationId());
                QueryRetrieveScu scu = new QueryRetrieveScu(client, rois.responseTimeout());
                while (unit != null && !job.cancelRequested() && !stop.get()) {
                    RetrieveResult r = retrieveOne(job, rois, scu, client, unit, route, failedSubOps);
                    check(rois, unit, r, problems, failedSubOps);
                    unit = units.next();
                }
            } catch (IOException e) {
                problems.add(unit + ": " + e.getMessage());
                if (reopened || e instanceof QueryRetrieveScu.TimeoutException) {
                    // a silent peer is not asked again for the rest of this round
                    LOG.warn("export {}: {}: {}", job.id(), unit, e.getMessage());
                    return;
                }
                reopened = true;
                try {
                    unit = units.next();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new Fatal("interrupted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Fatal("interrupted");
            }
        }
    }

    private RetrieveResult retrieveOne(ExportJob job, RoisConfig rois, QueryRetrieveScu scu, DimseClient client,
            RetrievalUnit unit, ExportRouter.Route route, int[] failedSubOps) throws IOException, InterruptedException {
        int before = failedSubOps[0];
        if (rois.useGet()) {
            return scu.get(rois.model(), unit.identifier(rois.model()),
                    p -> job.progress(route.routed(), before + Math.max(0, p.failed())), job::cancelRequested);
        }
        // Unique in the process, not only on this association: the move originator (AE title and
        // message ID) is how ExportRouter tells apart the C-STOREs of exports running at once.
        int messageId = MOVE_IDS.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
        route.expectMove(messageId);
        return scu.move(rois.model(), unit.identifier(rois.model()), rois.destination(), messageId,
                p -> job.progress(route.routed(), before + Math.max(0, p.failed())), job::cancelRequested);
    }

    /** Accounts for one final response (PS3.4 C.4.2.1.5 statuses). */
    private static void check(RoisConfig rois, RetrievalUnit unit, RetrieveResult r, List<String> problems,
            int[] failedSubOps) throws Fatal {
        failedSubOps[0] += Math.max(0, r.counts().failed());
        if (r.status() == DimseStatus.MOVE_DESTINATION_UNKNOWN) {
            throw new Fatal(rois.name() + " refused the move destination '" + rois.destination()
                    + "' (A801 Move Destination unknown): register qanode in " + rois.name()
                    + " as a DICOM destination with AE title " + rois.destination() + ", this host and dicom.port");
        }
        if (r.cancelled()) {
            problems.add(unit + ": cancelled by " + rois.name());
        } else if (DimseStatus.isFailure(r.status())) {
            problems.add(unit + ": " + DimseStatus.name(r.status())
                    + (r.errorComment() != null ? " (" + r.errorComment() + ")" : ""));
        } else if (r.counts().failed() > 0) {
            problems.add(unit + ": " + r.counts().failed() + " sub-operation(s) failed"
                    + (r.failedSopInstanceUids().isEmpty() ? "" : " " + r.failedSopInstanceUids()));
        }
        if (r.counts().remaining() > 0) {
            problems.add(unit + ": final response reports " + r.counts().remaining() + " remaining sub-operation(s)");
        }
    }

    private DimseClient open(RoisConfig rois, List<PresentationContextRq> contexts, StorageSink sink,
            UserInformationItem... extra) throws IOException, InterruptedException {
        try {
            // rois.NAME.tls: the node's dicom.tls contexts; otherwise plain TCP whatever the node has
            if (rois.tls() && associationConfig.tls() == null) {
                throw new IOException("rois." + rois.name() + ".tls is true but the node has no dicom.tls section");
            }
            AssociationRequestor.Config config = rois.tls() ? associationConfig : associationConfig.withTls(null);
            return DimseClient.open(rois.host(), rois.port(), rois.callingAeTitle(), rois.aeTitle(), contexts,
                    config, sink, extra);
        } catch (AssociationRejectedException e) {
            throw new IOException("association rejected by " + rois + ": " + e.getMessage(), e);
        } catch (AssociationAbortedException e) {
            throw new IOException("cannot associate with " + rois + ": " + e.getMessage(), e);
        }
    }

    private static List<PresentationContextRq> findContexts(RoisConfig rois) {
        return List.of(new PresentationContextRq(1, rois.model().findSopClass(), SYNTAXES),
                new PresentationContextRq(3, rois.model().moveSopClass(), SYNTAXES));
    }

    /** C-GET plus one storage context per SOP class C-FIND reported (PS3.4 C.4.3.1). */
    private static List<PresentationContextRq> getContexts(RoisConfig rois, Map<String, String> expected) {
        Set<String> classes = new LinkedHashSet<>();
        expected.values().stream().filter(c -> c != null).forEach(classes::add);
        if (classes.size() < expected.size() && expected.containsValue(null) || classes.isEmpty()) {
            classes.addAll(RT_STORAGE);
        }
        List<PresentationContextRq> out = new ArrayList<>();
        out.add(new PresentationContextRq(1, rois.model().getSopClass(), SYNTAXES));
        int id = 3;
        for (String c : classes) {
            if (id > 255) {
                break;
            }
            out.add(new PresentationContextRq(id, c, SYNTAXES));
            id += 2;
        }
        return out;
    }

    /** SCP role for every storage class (PS3.7 D.3.3.4): we store what the C-GET returns. */
    private static UserInformationItem[] roleSelections(List<PresentationContextRq> contexts) {
        return contexts.stream().skip(1).map(pc -> new RoleSelection(pc.abstractSyntax(), false, true))
                .toArray(UserInformationItem[]::new);
    }
}
