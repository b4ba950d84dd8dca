package org.qanode.compare;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.UID;
import org.qanode.dicom.io.DicomFile;
import org.qanode.rt.RtStatus;
import org.qanode.rt.RtSummaryCollector;

/**
 * Compares two sides under a profile: pairs the objects ({@link Pairer}), then compares pair
 * by pair on a pool of worker threads. A pair's files are read, diffed and dropped before the
 * worker takes the next pair, so memory stays bounded by the thread count, not the state size.
 * Pairs come out sorted by patient, SOP Class and SOP Instance UID so reports are stable.
 *
 * <p>The RT summary ({@link org.qanode.rt}) is taken from the data sets each worker has already
 * read for the diff, so it costs no extra I/O; only small summary records outlive the pair.
 */
public final class DicomComparator {
    private final Profile profile;
    private final int threads;
    private final boolean rtSummary;

    public DicomComparator(Profile profile) {
        this(profile, Runtime.getRuntime().availableProcessors());
    }

    public DicomComparator(Profile profile, int threads) {
        this(profile, threads, true);
    }

    /** @param rtSummary false leaves {@code rtSummary} out of the result (and its cost out of the run) */
    public DicomComparator(Profile profile, int threads, boolean rtSummary) {
        this.profile = profile;
        this.threads = Math.max(1, threads);
        this.rtSummary = rtSummary;
    }

    public ComparisonResult compare(ObjectSource baseline, ObjectSource candidate) throws IOException {
        return compare(baseline, candidate, ProgressListener.NONE);
    }

    /**
     * Runs the whole comparison. IOException only when a side cannot be listed at all; an
     * object that cannot be read is an UNREADABLE pair, never an exception.
     */
    public ComparisonResult compare(ObjectSource baseline, ObjectSource candidate, ProgressListener progress)
            throws IOException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SourceObject> a = baseline.objects();
        List<SourceObject> b = candidate.objects();
        Pairer pairer = new Pairer(profile);
        List<PlannedPair> planned = pairer.pair(a, b);

        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "compare-worker");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<DatasetDiffer> differs = ThreadLocal.withInitial(() -> new DatasetDiffer(profile));
        RtSummaryCollector rt = rtSummary ? new RtSummaryCollector(true) : null;
        AtomicInteger done = new AtomicInteger();
        int total = planned.size();
        List<PairResult> results = new ArrayList<>(total);
        try {
            List<Future<PairResult>> futures = new ArrayList<>(total);
            for (PlannedPair p : planned) {
                futures.add(pool.submit(() -> {
                    PairResult r = comparePair(p, differs.get(), rt);
                    progress.pairsCompared(done.incrementAndGet(), total);
                    return r;
                }));
            }
            for (Future<PairResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("comparison interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("comparison failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        results.sort(PAIR_ORDER);
        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new ComparisonResult(UUID.randomUUID().toString(), "DONE", null, baseline.name(), candidate.name(),
                profile.name(), started.toString(), finished.toString(), Summary.of(results), pairer.warnings(),
                rt == null ? null : rt.build(), results);
    }

    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    static final Comparator<PairResult> PAIR_ORDER = Comparator
            .comparing(PairResult::patientId, NULLS_LAST)
            .thenComparing(PairResult::sopClassUid, NULLS_LAST)
            .thenComparing(PairResult::sopInstanceUid, NULLS_LAST)
            .thenComparing(PairResult::baselineObject, NULLS_LAST)
            .thenComparing(PairResult::candidateObject, NULLS_LAST);

    /** Compares one pair, then hands the data sets just read to the RT summary before they are dropped. */
    private PairResult comparePair(PlannedPair p, DatasetDiffer differ, RtSummaryCollector rt) {
        Dataset[] read = new Dataset[2];
        PairResult r = diffPair(p, differ, read);
        if (rt != null) {
            try {
                rt.pair(r.sopInstanceUid(), r.sopClassUid(), read[0], read[1], RtStatus.valueOf(r.status().name()));
            } catch (RuntimeException e) {
                rt.unreadable(r.sopInstanceUid() + " (RT summary failed: " + message(e) + ")");
            }
        }
        return r;
    }

    /** Compares one pair; {@code read} receives the baseline and candidate data sets that could be read. */
    private PairResult diffPair(PlannedPair p, DatasetDiffer differ, Dataset[] read) {
        SourceObject so = p.baseline() != null ? p.baseline() : p.candidate();
        String unreadable = indexReason(p);
        Dataset da = null;
        Dataset db = null;
        if (p.baseline() != null && p.baseline().unreadableReason() == null) {
            try {
                da = read(p.baseline());
            } catch (IOException | RuntimeException e) {
                unreadable = unreadable == null ? "" : unreadable + "; ";
                unreadable += "baseline " + p.baseline().id() + ": " + message(e);
            }
        }
        if (p.candidate() != null) {
            try {
                db = p.candidate().unreadableReason() == null ? read(p.candidate()) : null;
            } catch (IOException | RuntimeException e) {
                String r = "candidate " + p.candidate().id() + ": " + message(e);
                unreadable = unreadable == null ? r : unreadable + "; " + r;
            }
        }
        read[0] = da;
        read[1] = db;
        Dataset subject = da != null ? da : db;
        String sopClass = subject != null ? subject.getString(Tag.SOPClassUID) : so.sopClassUid();
        String patientId = subject != null ? subject.getString(org.qanode.dicom.Tags.PatientID) : null;
        String baselineId = p.baseline() == null ? null : p.baseline().id();
        String candidateId = p.candidate() == null ? null : p.candidate().id();
        String uid = so.sopInstanceUid();
        if (unreadable != null) {
            return new PairResult(uid, sopClass, UID.nameOf(sopClass), patientId, PairStatus.UNREADABLE, p.pairedBy(),
                    profile.severityOf(sopClass, PairStatus.UNREADABLE, null, subject),
                    baselineId, candidateId, unreadable, p.warnings(), List.of());
        }
        if (da == null || db == null) {
            PairStatus status = da == null ? PairStatus.ONLY_IN_CANDIDATE : PairStatus.ONLY_IN_BASELINE;
            return new PairResult(uid, sopClass, UID.nameOf(sopClass), patientId, status, null,
                    profile.severityOf(sopClass, status, null, subject),
                    baselineId, candidateId, null, p.warnings(), List.of());
        }
        List<Difference> diffs;
        try {
            diffs = differ.diff(da, db);
        } catch (RuntimeException e) {
            // e.g. bulk data that vanished or is cut short in its file after the index was built
            return new PairResult(uid, sopClass, UID.nameOf(sopClass), patientId, PairStatus.UNREADABLE, p.pairedBy(),
                    profile.severityOf(sopClass, PairStatus.UNREADABLE, null, subject),
                    baselineId, candidateId, message(e), p.warnings(), List.of());
        }
        if (diffs.isEmpty()) {
            return new PairResult(uid, sopClass, UID.nameOf(sopClass), patientId, PairStatus.IDENTICAL, p.pairedBy(),
                    null, baselineId, candidateId, null, p.warnings(), List.of());
        }
        List<Difference> rated = new ArrayList<>(diffs.size());
        Severity worst = null;
        for (Difference d : diffs) {
            Severity s = profile.severityOf(sopClass, PairStatus.DIFFERENT, d.path(), da);
            worst = Severity.max(worst, s);
            rated.add(d.withSeverity(s));
        }
        return new PairResult(uid, sopClass, UID.nameOf(sopClass), patientId, PairStatus.DIFFERENT, p.pairedBy(),
                worst, baselineId, candidateId, null, p.warnings(), rated);
    }

    private static String indexReason(PlannedPair p) {
        String r = null;
        if (p.baseline() != null && p.baseline().unreadableReason() != null) {
            r = "baseline " + p.baseline().id() + ": " + p.baseline().unreadableReason();
        }
        if (p.candidate() != null && p.candidate().unreadableReason() != null) {
            String c = "candidate " + p.candidate().id() + ": " + p.candidate().unreadableReason();
            r = r == null ? c : r + "; " + c;
        }
        return r;
    }

    private static Dataset read(SourceObject o) throws IOException {
        DicomFile f = o.read();
        return f.dataset();
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
