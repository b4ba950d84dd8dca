package org.qanode.compare;

import org.qanode.dicom.Tags;
import org.qanode.util.Threads;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tag;
import org.qanode.dicom.UID;
import org.qanode.dicom.io.DicomFile;

/**
 * Compares two sides under a profile: pairs the objects ({@link Pairer}), then compares pair
 * by pair on a pool of worker threads. A pair's files are read, diffed and dropped before the
 * worker takes the next pair, so memory stays bounded by the thread count, not the state size.
 * Pairs come out sorted by patient, SOP Class and SOP Instance UID so reports are stable.
 *
 * <p>A {@link PairObserver} sees each pair's result with the data sets the worker has just read
 * (the RT summary is built that way beside the comparison, at no extra I/O).
 */
public final class DicomComparator {
    private final Profile profile;
    private final int threads;

    public DicomComparator(Profile profile) {
        this(profile, Runtime.getRuntime().availableProcessors());
    }

    public DicomComparator(Profile profile, int threads) {
        this.profile = profile;
        this.threads = Math.max(1, threads);
    }

    public Comparison compare(ObjectSource baseline, ObjectSource candidate) throws IOException {
        return compare(baseline, candidate, ProgressListener.NONE, PairObserver.NONE);
    }

    public Comparison compare(ObjectSource baseline, ObjectSource candidate, ProgressListener progress)
            throws IOException {
        return compare(baseline, candidate, progress, PairObserver.NONE);
    }

    /**
     * Runs the whole comparison. IOException only when a side cannot be listed at all; an
     * object that cannot be read is an UNREADABLE pair, never an exception.
     */
    public Comparison compare(ObjectSource baseline, ObjectSource candidate, ProgressListener progress,
            PairObserver observer) throws IOException {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SourceObject> a = baseline.objects();
        List<SourceObject> b = candidate.objects();
        List<String> warnings = new ArrayList<>();
        baseline.skipped().forEach(w -> warnings.add("baseline " + w));
        candidate.skipped().forEach(w -> warnings.add("candidate " + w));
        Pairer pairer = new Pairer(profile);
        List<PlannedPair> planned = pairer.pair(a, b);

        ExecutorService pool = Executors.newFixedThreadPool(threads, Threads.daemon("compare-worker"));
        ThreadLocal<DatasetDiffer> differs = ThreadLocal.withInitial(() -> new DatasetDiffer(profile));
        AtomicInteger done = new AtomicInteger();
        int total = planned.size();
        List<PairResult> results = new ArrayList<>(total);
        try {
            List<Future<PairResult>> futures = new ArrayList<>(total);
            for (PlannedPair p : planned) {
                futures.add(pool.submit(() -> {
                    PairResult r = comparePair(p, differs.get(), observer);
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
        warnings.addAll(pairer.warnings());
        return new Comparison(baseline.name(), candidate.name(), profile.name(), started.toString(),
                finished.toString(), Summary.of(results), warnings, results);
    }

    private static final Comparator<String> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());
    static final Comparator<PairResult> PAIR_ORDER = Comparator
            .comparing(PairResult::patientId, NULLS_LAST)
            .thenComparing(PairResult::sopClassUid, NULLS_LAST)
            .thenComparing(PairResult::sopInstanceUid, NULLS_LAST)
            .thenComparing(PairResult::baselineObject, NULLS_LAST)
            .thenComparing(PairResult::candidateObject, NULLS_LAST);

    /** Compares one pair, then hands the data sets just read to the observer before they are dropped. */
    private PairResult comparePair(PlannedPair p, DatasetDiffer differ, PairObserver observer) {
        Dataset[] read = new Dataset[2];
        PairResult r = diffPair(p, differ, read);
        observer.compared(r, read[0], read[1]);
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
                unreadable = join(unreadable, reason("baseline", p.baseline(), e));
            }
        }
        if (p.candidate() != null) {
            try {
                db = p.candidate().unreadableReason() == null ? read(p.candidate()) : null;
            } catch (IOException | RuntimeException e) {
                unreadable = join(unreadable, reason("candidate", p.candidate(), e));
            }
        }
        read[0] = da;
        read[1] = db;
        Dataset subject = da != null ? da : db;
        String sopClass = subject != null ? subject.getString(Tags.SOPClassUID) : so.sopClassUid();
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
                    baselineId, candidateId, "the pair could not be compared because a value could not be read back ("
                    + message(e) + "); run the comparison again, and if it fails again export both objects again",
                    p.warnings(), List.of());
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
            r = Reasons.sentence("baseline", p.baseline().id(), p.baseline().unreadableReason());
        }
        if (p.candidate() != null && p.candidate().unreadableReason() != null) {
            String c = Reasons.sentence("candidate", p.candidate().id(), p.candidate().unreadableReason());
            r = r == null ? c : r + "; " + c;
        }
        return r;
    }

    /** A source's own verdict ({@link UnreadableObjectException}) as it is; a reader's failure with side and id. */
    private static String reason(String side, SourceObject o, Exception e) {
        // the store's verdict on its own copy is exact ("stored copy damaged"); a codec error becomes
        // a sentence a physicist can act on
        return e instanceof UnreadableObjectException ? e.getMessage()
                : Reasons.sentence(side, o.id(), Reasons.of(e));
    }

    /** Reasons of both sides, each once: two damaged copies are one "stored copy damaged". */
    private static String join(String so, String more) {
        if (so == null || so.equals(more)) {
            return more;
        }
        return so + "; " + more;
    }

    private static Dataset read(SourceObject o) throws IOException {
        DicomFile f = o.read();
        return f.dataset();
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
