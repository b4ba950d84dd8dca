package org.qanode.sweep;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.qanode.result.ComparisonResult;
import org.qanode.result.ComparisonRunner;
import org.qanode.compare.PairResult;
import org.qanode.compare.ProfileLoader;
import org.qanode.compare.Severity;
import org.qanode.selftest.SelfCheck;
import org.qanode.store.StateObjectSource;
import org.qanode.store.StateStore;
import org.qanode.store.StateSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One nightly plan-integrity sweep: export into {@code sweep-YYYY-MM-DD} (the date in the
 * server's zone; "-2", "-3" for further runs that day), compare with the previous successful
 * sweep state under the sweep profile, publish, prune old sweep states. At most one run at a
 * time: a second request while one runs is refused, not queued.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    public static final String PREFIX = "sweep-";

    private final SweepSettings settings;
    private final StateStore store;
    private final SweepExport export;
    private final SweepHistory history;
    private final SweepPublisher publisher;
    private final Predicate<String> stateInUse;
    private final Clock clock;
    private final ZoneId zone;
    private final Comparer comparer;
    private final SweepSelfCheck.Runner selfCheck;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Compares tonight's state with the baseline. The CLI compares in place; the server records
     * the comparison like one requested over REST (result file, row, webhook event), so its
     * result is also listed under /api/v1/comparisons.
     */
    @FunctionalInterface
    public interface Comparer {
        ComparisonResult compare(String baseline, String candidate, String profile)
                throws IOException, InterruptedException;
    }

    /** {@code stateInUse}: whether a pending comparison reads a state (such a state is never pruned). */
    public SweepRunner(SweepSettings settings, StateStore store, SweepExport export, ProfileLoader profiles,
            SweepHistory history, SweepPublisher publisher, Predicate<String> stateInUse, Clock clock, ZoneId zone) {
        this(settings, store, export, profiles, history, publisher, stateInUse, clock, zone, null);
    }

    /** {@code comparer} null: compare in place with the profile from {@code profiles}. */
    public SweepRunner(SweepSettings settings, StateStore store, SweepExport export, ProfileLoader profiles,
            SweepHistory history, SweepPublisher publisher, Predicate<String> stateInUse, Clock clock, ZoneId zone,
            Comparer comparer) {
        this(settings, store, export, profiles, history, publisher, stateInUse, clock, zone, comparer, null);
    }

    /**
     * {@code selfCheck} null: the built-in self-check with the sweep's profile from {@code profiles},
     * on one thread. The node passes its own, which also updates health, metrics and events.
     */
    public SweepRunner(SweepSettings settings, StateStore store, SweepExport export, ProfileLoader profiles,
            SweepHistory history, SweepPublisher publisher, Predicate<String> stateInUse, Clock clock, ZoneId zone,
            Comparer comparer, SweepSelfCheck.Runner selfCheck) {
        this.selfCheck = selfCheck != null ? selfCheck : p -> SelfCheck.run(profiles, p, 1);
        this.comparer = comparer != null ? comparer : (b, c, p) -> new ComparisonRunner(profiles.load(p))
                .compare(new StateObjectSource(store, b), new StateObjectSource(store, c));
        this.settings = settings;
        this.store = store;
        this.export = export;
        this.history = history;
        this.publisher = publisher;
        this.stateInUse = stateInUse;
        this.clock = clock;
        this.zone = zone;
    }

    public boolean running() {
        return running.get();
    }

    /** Runs a sweep now; empty when one is already running. */
    public Optional<SweepRecord> runNow(String trigger) throws InterruptedException {
        if (!running.compareAndSet(false, true)) {
            LOG.info("sweep ({}) not started: the previous one is still running", trigger);
            return Optional.empty();
        }
        try {
            return Optional.of(run(begin(trigger)));
        } finally {
            running.set(false);
        }
    }

    /**
     * Starts a sweep on {@code executor} and returns its id (the state name) at once, the run
     * recorded RUNNING in the history; empty when one is already running. The check and the
     * reservation are one atomic step, so two requests at the same moment never both start.
     */
    public Optional<String> start(String trigger, Executor executor) {
        if (!running.compareAndSet(false, true)) {
            LOG.info("sweep ({}) not started: the previous one is still running", trigger);
            return Optional.empty();
        }
        SweepRecord begun;
        try {
            begun = begin(trigger);
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        try {
            executor.execute(() -> {
                try {
                    run(begun);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.error("sweep {} failed", begun.state(), e);
                    history.put(failed(begun, "internal error: " + e));
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            history.put(failed(begun, "not started: " + e.getMessage()));
            running.set(false);
            throw e;
        }
        return Optional.of(begun.state());
    }

    private SweepRecord failed(SweepRecord begun, String error) {
        return new SweepRecord(begun.id(), begun.trigger(), ExportStatus.FAILED, begun.state(), begun.baseline(),
                begun.startedAt(), now(), null, null, null, 0, 0, 0, List.of(), error);
    }

    /** Names tonight's state and records the run as RUNNING. */
    private SweepRecord begin(String trigger) {
        String started = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String state = freeStateName(PREFIX + today);
        Optional<SweepRecord> previous = history.lastSuccessful();
        String baseline = previous.map(SweepRecord::state).filter(s -> store.state(s).isPresent()).orElse(null);
        SweepRecord r = new SweepRecord(state, trigger, SweepRecord.RUNNING, state, baseline, started, null, null,
                null, null, 0, 0, 0, List.of(), null);
        history.put(r);
        return r;
    }

    private SweepRecord run(SweepRecord begun) throws InterruptedException {
        String trigger = begun.trigger();
        String state = begun.state();
        String baseline = begun.baseline();
        String started = begun.startedAt();
        // Every sweep first checks the comparator it is about to trust (issue 13), with its own profile.
        SweepSelfCheck check = SweepSelfCheck.of(selfCheck.run(settings.profile()));
        if (!check.ok()) {
            LOG.error("sweep {}: {}", state, check.problems().get(0));
        }
        LOG.info("sweep {} ({}): exporting from {}, baseline {}", state, trigger, settings.rois(), baseline);
        List<String> problems = new ArrayList<>();
        ExportStatus exported;
        try {
            exported = export.run(request(state, problems));
        } catch (IllegalArgumentException | IOException e) {
            return finish(new SweepRecord(state, trigger, ExportStatus.FAILED, state, baseline, started, now(), null,
                    null, null, 0, 0, 0, List.of(), e.getMessage()), null, check);
        }
        if (exported.error() != null) {
            problems.add(exported.error());
        }
        String error = problems.isEmpty() ? null : String.join("; ", problems);
        if (ExportStatus.FAILED.equals(exported.status())) {
            return finish(new SweepRecord(state, trigger, ExportStatus.FAILED, state, baseline, started, now(),
                    exported, null, null, 0, 0, 0, List.of(), error), null, check);
        }
        ComparisonResult result = null;
        int[] counts = new int[3];
        if (baseline != null) {
            try {
                result = comparer.compare(baseline, state, settings.profile());
                for (PairResult p : result.pairs()) {
                    if (p.severity() == Severity.ALERT) {
                        counts[0]++;
                    } else if (p.severity() == Severity.WARNING) {
                        counts[1]++;
                    } else if (p.severity() == Severity.INFO) {
                        counts[2]++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("sweep {}: comparison with {} failed", state, baseline, e);
                problems.add("comparison with " + baseline + " failed: " + e.getMessage());
                error = String.join("; ", problems);
            }
        }
        List<String> pruned = prune(state, baseline);
        return finish(new SweepRecord(state, trigger, exported.status(), state, baseline, started, now(), exported,
                result == null ? null : result.id(), result == null ? null : result.summary(), counts[0], counts[1],
                counts[2], pruned, error), result, check);
    }

    private SweepRecord finish(SweepRecord compared, ComparisonResult result, SweepSelfCheck check) {
        SweepRecord r = compared;
        if (result != null) {
            r = r.withFindings(result.severity() == null ? null : result.severity().name(), result.flags().size());
        }
        r = r.withSelfCheck(check);
        history.put(r);
        LOG.info("sweep {}: {}, {} alert(s), {} warning(s), {} info(s), {} clinical flag(s), self-check {}{}", r.state(),
                r.status(), r.alerts(), r.warnings(), r.infos(), r.flags(), check.ok() ? "OK" : "FAILED",
                r.error() != null ? " (" + r.error() + ")" : "");
        publisher.publish(r, result);
        return r;
    }

    private ExportRequest request(String state, List<String> problems) throws IOException {
        if (settings.patients() != null) {
            PatientList list = PatientList.read(settings.patients());
            problems.addAll(list.errors().stream().map(e -> settings.patients().getFileName() + " " + e).toList());
            if (list.patients().isEmpty()) {
                throw new IllegalArgumentException("no valid patient in " + settings.patients()
                        + (list.errors().isEmpty() ? "" : ": " + list.errors().get(0)));
            }
            return new ExportRequest(settings.rois(), state, list.ids(), settings.modalities(), null);
        }
        DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String range = today.minusDays(settings.studyDays()).format(da) + "-" + today.format(da);
        return new ExportRequest(settings.rois(), state, List.of(), settings.modalities(), range);
    }

    private List<String> prune(String tonight, String baseline) {
        List<String> sweeps = store.listStates().stream().map(StateSummary::name)
                .filter(n -> n.startsWith(PREFIX)).toList();
        Set<String> protect = new LinkedHashSet<>();
        protect.add(tonight);
        if (baseline != null) {
            protect.add(baseline);
        }
        List<String> delete = Retention.toDelete(sweeps, settings.keep(), protect, stateInUse);
        for (String s : delete) {
            store.deleteState(s);
            LOG.info("sweep {}: pruned state {} (keep {})", tonight, s, settings.keep());
        }
        return delete;
    }

    private String freeStateName(String base) {
        String name = base;
        for (int n = 2; store.state(name).isPresent(); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
