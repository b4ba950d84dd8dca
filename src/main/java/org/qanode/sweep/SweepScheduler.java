package org.qanode.sweep;

import org.qanode.util.Threads;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the {@link SweepRunner} on its cron schedule, in the server's zone. {@link #tick} is the
 * whole decision and is driven by a timer in production and by tests with a fixed clock. A run
 * that is due while the previous one still runs is skipped (the runner refuses overlap); a run
 * missed while the node was down is made up once at start-up ({@link #catchUp}).
 */
public final class SweepScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SweepScheduler.class);

    private final CronSchedule cron;
    private final SweepRunner runner;
    private final SweepHistory history;
    private final Clock clock;
    private final ZoneId zone;
    private final Executor runs;
    private ZonedDateTime nextFire;
    private ScheduledExecutorService timer;

    /** {@code runs}: where runs execute (a single thread in production, the caller in tests). */
    public SweepScheduler(CronSchedule cron, SweepRunner runner, SweepHistory history, Clock clock, ZoneId zone,
            Executor runs) {
        this.cron = cron;
        this.runner = runner;
        this.history = history;
        this.clock = clock;
        this.zone = zone;
        this.runs = runs;
        this.nextFire = cron.next(now());
    }

    public synchronized ZonedDateTime nextFire() {
        return nextFire;
    }

    /**
     * At start-up: if a scheduled time passed since the last run began (the node was down), run
     * once now. No history means a new installation: nothing was missed.
     */
    public boolean catchUp() {
        return history.last().map(last -> {
            ZonedDateTime due = cron.next(Instant.parse(last.startedAt()).atZone(zone));
            if (!due.isAfter(now())) {
                LOG.info("sweep due at {} was missed (node down?): running it now", due);
                submit("catch-up");
                return true;
            }
            return false;
        }).orElse(false);
    }

    /** Starts a run when the next fire time has come; true if one was submitted. */
    public boolean tick() {
        ZonedDateTime now = now();
        synchronized (this) {
            if (now.isBefore(nextFire)) {
                return false;
            }
            nextFire = cron.next(now);
        }
        if (runner.running()) {
            LOG.warn("scheduled sweep skipped: the previous one is still running; next at {}", nextFire);
            return false;
        }
        submit("schedule");
        return true;
    }

    private void submit(String trigger) {
        runs.execute(() -> {
            try {
                runner.runNow(trigger);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("sweep ({}) failed", trigger, e);
            }
        });
    }

    /** Ticks every {@code seconds} on a daemon thread. */
    public synchronized void start(long seconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemonThread("sweep-scheduler", r));
        timer.scheduleWithFixedDelay(this::tick, seconds, seconds, TimeUnit.SECONDS);
        LOG.info("sweep scheduled '{}' ({}), next at {}", cron, zone, nextFire);
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock.withZone(zone));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
