package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.compare.ProfileLoader;
import org.qanode.store.StateStore;

/** Scheduler and runner with a settable clock and a stand-in export: no waiting for 2 a.m. */
class SweepSchedulerTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");

    @TempDir
    Path dir;

    private StateStore store;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:30:00Z"));
    private final AtomicInteger exports = new AtomicInteger();
    private final List<SweepRecord> published = new ArrayList<>();
    private volatile CountDownLatch block;
    private volatile CountDownLatch entered;

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return outer.withZone(z);
                }

                @Override
                public Instant instant() {
                    return outer.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dir.resolve("var"), StateStore.defaultIndexUrl(dir.resolve("var")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SweepRunner runner(SweepHistory history) throws Exception {
        Path patients = dir.resolve("patients.csv");
        Files.writeString(patients, "Patient ID\nQA000001\n");
        SweepExport export = req -> {
            exports.incrementAndGet();
            if (entered != null) {
                entered.countDown();
            }
            if (block != null) {
                block.await(10, TimeUnit.SECONDS);
            }
            store.createState(req.state());
            return new ExportStatus("e", ExportStatus.DONE, req.rois(), req.state(), 0, 0, 0, 0, 1, 0, 0, null,
                    List.of(), null, null);
        };
        return new SweepRunner(new SweepSettings("ARIA", "0 2 * * *", patients, List.of(), 0, "nightly", 2), store,
                export, new ProfileLoader(null), history, (r, c) -> published.add(r), s -> false, clock, ZONE);
    }

    @Test
    void firesAtTheScheduledMinuteInTheServersZoneAndPrunes() throws Exception {
        SweepHistory history = new SweepHistory(dir.resolve("sweeps.json"));
        SweepScheduler s = new SweepScheduler(CronSchedule.parse("0 2 * * *"), runner(history), history, clock, ZONE,
                Runnable::run);
        assertThat(s.catchUp()).isFalse();
        assertThat(s.tick()).isFalse();
        clock.set("2026-11-23T01:00:00Z"); // 02:00 in Zurich
        assertThat(s.tick()).isTrue();
        assertThat(s.tick()).isFalse();
        for (String day : List.of("2026-11-24", "2026-11-25", "2026-11-26")) {
            clock.set(day + "T01:00:30Z");
            assertThat(s.tick()).isTrue();
        }
        assertThat(exports).hasValue(4);
        assertThat(published).extracting(SweepRecord::state)
                .containsExactly("sweep-2026-11-23", "sweep-2026-11-24", "sweep-2026-11-25", "sweep-2026-11-26");
        assertThat(published.get(1).baseline()).isEqualTo("sweep-2026-11-23");
        assertThat(published.get(3).pruned()).containsExactly("sweep-2026-11-24");
        assertThat(store.listStates()).extracting(x -> x.name()).containsExactly("sweep-2026-11-25", "sweep-2026-11-26");
        assertThat(new SweepHistory(dir.resolve("sweeps.json")).all()).hasSize(4);
    }

    @Test
    void overlappingRunDoesNotStartTwice() throws Exception {
        SweepHistory history = new SweepHistory(dir.resolve("sweeps.json"));
        SweepRunner runner = runner(history);
        block = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            try {
                runner.runNow("api");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        first.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.runNow("api")).isEmpty();
        SweepScheduler s = new SweepScheduler(CronSchedule.parse("0 2 * * *"), runner, history, clock, ZONE,
                Runnable::run);
        clock.set("2026-11-23T01:00:00Z");
        assertThat(s.tick()).isFalse();
        block.countDown();
        first.join(10_000);
        assertThat(exports).hasValue(1);
        assertThat(history.all()).hasSize(1);
    }

    @Test
    void missedRunIsMadeUpOnceAtStartUp() throws Exception {
        SweepHistory history = new SweepHistory(dir.resolve("sweeps.json"));
        SweepRunner runner = runner(history);
        clock.set("2026-11-22T01:00:00Z");
        Optional<SweepRecord> first = runner.runNow("schedule");
        assertThat(first).isPresent();
        // the node was down over the night of the 23rd and comes back at 09:00
        clock.set("2026-11-23T08:00:00Z");
        SweepScheduler s = new SweepScheduler(CronSchedule.parse("0 2 * * *"), runner, history, clock, ZONE,
                Runnable::run);
        assertThat(s.catchUp()).isTrue();
        assertThat(s.catchUp()).isFalse();
        assertThat(history.last().orElseThrow().trigger()).isEqualTo("catch-up");
        assertThat(history.last().orElseThrow().state()).isEqualTo("sweep-2026-11-23");
        assertThat(exports).hasValue(2);
    }
}
